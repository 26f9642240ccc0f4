using FsCheck.Fluent;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Tests.Clocks;

/// <summary>
/// Clocks against the definition of happens-before on generated executions: happens-before is
/// computed directly as the transitive closure of program order and send→receive edges, then
/// Lamport clocks must respect it (e → f implies L(e) &lt; L(f)) and vector clocks must
/// characterize it exactly (e → f iff V(e) &lt; V(f)).
/// </summary>
public class HappensBeforePropertyTests
{
    private sealed record Event(int Index, int Node, LamportClock Lamport, VectorClock Vector, List<int> Predecessors);

    private sealed record InFlight(int SendEvent, int To, int LamportTime, VectorClock Vector);

    [Fact]
    public void Lamport_timestamps_respect_happens_before() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Executions, steps =>
        {
            var events = Execute(steps);
            var before = HappensBefore(events);
            for (var e = 0; e < events.Count; e++)
                for (var f = 0; f < events.Count; f++)
                    if (before[e, f] && events[e].Lamport.Time >= events[f].Lamport.Time) return false;
            return true;
        }), maxTest: 200);

    [Fact]
    public void Vector_clocks_characterize_happens_before_exactly() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Executions, steps =>
        {
            var events = Execute(steps);
            var before = HappensBefore(events);
            for (var e = 0; e < events.Count; e++)
                for (var f = 0; f < events.Count; f++)
                    if (before[e, f] != events[e].Vector.StrictlyLess(events[f].Vector)) return false;
            return true;
        }), maxTest: 200);

    [Fact]
    public void Lamport_timestamps_with_node_ids_order_every_event_totally_and_extend_happens_before() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Executions, steps =>
        {
            var events = Execute(steps);
            var before = HappensBefore(events);
            var stamps = events.Select(e => new LamportTimestamp(e.Lamport.Time, e.Node)).ToArray();
            // Events of one node have distinct times, so <<time, node>> never ties.
            if (stamps.Distinct().Count() != stamps.Length) return false;
            for (var e = 0; e < events.Count; e++)
                for (var f = 0; f < events.Count; f++)
                    if (before[e, f] && !(stamps[e] < stamps[f])) return false;
            return true;
        }), maxTest: 200);

    /// <summary>Runs the steps: local events, sends, and receives of a message in flight to the node.</summary>
    private static List<Event> Execute(ClockProperties.ExecutionStep[] steps)
    {
        const int nodes = ClockProperties.Nodes;
        var lamport = new LamportClock[nodes];
        var vector = Enumerable.Range(0, nodes).Select(_ => VectorClock.Zero(nodes)).ToArray();
        var lastEvent = Enumerable.Repeat(-1, nodes).ToArray();
        var inFlight = new List<InFlight>();
        var events = new List<Event>();

        foreach (var step in steps)
        {
            var node = step.Node;
            var predecessors = new List<int>();
            if (lastEvent[node] >= 0) predecessors.Add(lastEvent[node]);
            var waiting = inFlight.Where(m => m.To == node).ToList();
            if (step.Kind == 2 && waiting.Count > 0)
            {
                var message = waiting[step.Pick % waiting.Count];
                inFlight.Remove(message);
                lamport[node] = lamport[node].Receive(message.LamportTime);
                vector[node] = vector[node].Merge(message.Vector).Increment(node);
                predecessors.Add(message.SendEvent);
            }
            else
            {
                lamport[node] = lamport[node].Tick();
                vector[node] = vector[node].Increment(node);
                if (step.Kind == 1)
                {
                    var to = (node + 1 + step.Pick % (nodes - 1)) % nodes;
                    inFlight.Add(new InFlight(events.Count, to, lamport[node].Time, vector[node]));
                }
            }
            lastEvent[node] = events.Count;
            events.Add(new Event(events.Count, node, lamport[node], vector[node], predecessors));
        }
        return events;
    }

    /// <summary>before[e, f]: e happens before f (transitive closure of the direct predecessors).</summary>
    private static bool[,] HappensBefore(List<Event> events)
    {
        var before = new bool[events.Count, events.Count];
        // Events are numbered in execution order, so every predecessor has a smaller index.
        foreach (var f in events)
            foreach (var p in f.Predecessors)
            {
                before[p, f.Index] = true;
                for (var e = 0; e < p; e++)
                    if (before[e, p]) before[e, f.Index] = true;
            }
        return before;
    }
}
