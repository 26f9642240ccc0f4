using Verification.Tla.Checking;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// A seeded random behaviour of the spec as a labelled trace: the input of the validation
/// benchmarks and of tests that need long conforming traces. Each step picks uniformly among the
/// successors of the current state (over all actions); the walk stops early in a deadlock.
/// </summary>
public static class RandomBehaviour
{
    public static ObservedTrace Generate(ConformanceSpec spec, int steps, int seed)
    {
        var random = new Random(seed);
        var explorer = spec.Model.CreateExplorer();
        var initial = spec.InitialStates();
        var state = initial[random.Next(initial.Count)];
        var events = new List<TraceEvent>(steps + 1) { new("state 0", null, null, state) };
        var sink = new Sink();
        for (var k = 1; k <= steps; k++)
        {
            sink.Successors.Clear();
            explorer.Successors(state, sink);
            if (sink.Successors.Count == 0) break;
            var (next, action) = sink.Successors[random.Next(sink.Successors.Count)];
            events.Add(new TraceEvent($"state {k}", spec.Model.Actions[action].Name, null, next));
            state = next;
        }
        return new ObservedTrace("random behaviour", spec.Variables, events, StartsWithInitialState: true);
    }

    /// <summary>The same trace with some variables left out of every state but the first.</summary>
    public static ObservedTrace Without(ObservedTrace trace, params string[] variables)
    {
        var drop = variables.Select(v => trace.Variables.ToList().IndexOf(v)).Where(static i => i >= 0).ToArray();
        return trace with
        {
            Events = trace.Events.Select((e, k) =>
            {
                if (k == 0) return e;
                var state = (Value?[])e.State.Clone();
                foreach (var i in drop) state[i] = null;
                return e with { State = state };
            }).ToArray(),
        };
    }

    private sealed class Sink : IStateSink<Value[]>
    {
        public List<(Value[] State, int Action)> Successors { get; } = [];

        public bool Accept(Value[] state, int action)
        {
            Successors.Add((state, action));
            return true;
        }
    }
}
