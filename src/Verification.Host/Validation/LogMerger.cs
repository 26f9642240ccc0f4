using System.Diagnostics;
using System.Text.Json;
using Verification.Host.Systems;
using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Host.Validation;

/// <summary>The verdict on a run's per-node logs.</summary>
public sealed record LogValidation(ConformanceVerdict Verdict, int Events, int StepsValidated, TimeSpan Time, string Description)
{
    /// <summary>Of <see cref="Time"/>, the part spent reading and merging the logs (the rest is the validator's).</summary>
    public TimeSpan MergeTime { get; init; }

    public double StepsPerSecond => Time.TotalSeconds > 0 ? StepsValidated / Time.TotalSeconds : 0;
}

/// <summary>
/// Validates the per-node logs of a real run until `verify validate` merges them itself: one
/// linearisation the vector clocks allow (a topological sort: a line is taken once every line it
/// depends on is; among those ready, a restart first, then the smallest clock sum), turned into a
/// trace of whole variables: each function of nodes rebuilt from every node's latest entry, the
/// network variable from the messages the lines say were sent and received
/// (<see cref="NetworkModel"/>), crashed from the restarts; everything else left to the spec. A
/// node's restart stands for the spec's Crash then Restart when the spec has both. Each step names
/// its action with the acting node and, for a message handler, the message.
/// </summary>
public static class LogMerger
{
    private sealed record Line(int Node, string Location, long[] Clock, string Event, Dictionary<string, Value> State,
        Value? Received, IReadOnlyList<Value> Sent, string? Label, IReadOnlyList<Value?>? LabelArguments);

    public static LogValidation Validate(string directory, int nodes, HostedSystem system, ConformanceSpec spec)
    {
        var clock = Stopwatch.StartNew();
        List<TraceEvent> events;
        try
        {
            events = Merge(directory, nodes, system, spec);
        }
        catch (Exception e) when (e is TraceFormatException or JsonException or IOException or Tla.Traces.ItfFormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new LogValidation(ConformanceVerdict.Inconclusive, 0, 0, clock.Elapsed, $"the logs could not be merged: {e.Message}");
        }
        var merged = clock.Elapsed;
        var trace = new ObservedTrace(directory, spec.Variables, events, StartsWithInitialState: true);
        var result = new TraceValidator(spec).Validate(trace);
        return new LogValidation(result.Verdict, events.Count, result.StepsValidated, clock.Elapsed, result.Describe()) { MergeTime = merged };
    }

    private static List<Line> Read(string path, int node, int nodes, ConformanceSpec spec)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0) continue;
            var location = $"{Path.GetFileName(path)}:{number}";
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var clock = new long[nodes];
            foreach (var entry in root.GetProperty("clock").EnumerateObject())
            {
                var index = int.Parse(entry.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1;
                if ((uint)index >= (uint)nodes) throw new TraceFormatException($"{location}: clock entry {entry.Name} names no node of the run");
                clock[index] = entry.Value.GetInt64();
            }
            var state = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var variable in root.GetProperty("state").EnumerateObject())
            {
                if (!spec.Variables.Contains(variable.Name)) throw new TraceFormatException($"{location}: \"{variable.Name}\" is not a variable of the spec");
                state[variable.Name] = ItfReader.ReadValue(variable.Value.GetRawText(), spec.ModelValues);
            }
            var received = root.TryGetProperty("mbt::received", out var r) ? ItfReader.ReadValue(r.GetRawText(), spec.ModelValues) : null;
            var sent = root.TryGetProperty("mbt::sent", out var s)
                ? s.EnumerateArray().Select(m => ItfReader.ReadValue(m.GetRawText(), spec.ModelValues)).ToArray()
                : [];
            var label = root.TryGetProperty("mbt::label", out var l) ? l.GetString() : null;
            var labelArguments = root.TryGetProperty("mbt::args", out var a)
                ? a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : ItfReader.ReadValue(v.GetRawText(), spec.ModelValues)).ToArray()
                : null;
            // A node counts its own events one by one: anything else is a log out of order or cut.
            var expected = lines.Count == 0 ? 1 : lines[^1].Clock[node] + 1;
            if (clock[node] != expected)
                throw new TraceFormatException($"{location}: the node's own clock entry is {clock[node]}, not {expected}: the log's lines are out of order or some are missing");
            lines.Add(new Line(node, location, clock, root.GetProperty("event").GetString()!, state, received, sent, label, labelArguments));
        }
        if (lines.Count == 0 || lines[0].Event != "Init") throw new TraceFormatException($"{Path.GetFileName(path)}:1: a node's log starts with its \"Init\" line");
        return lines;
    }

    private static List<TraceEvent> Merge(string directory, int nodes, HostedSystem system, ConformanceSpec spec)
    {
        var logs = Enumerable.Range(0, nodes)
            .Select(i => Read(Path.Combine(directory, Node.NodeSettings.NodeName(i) + ".ndjson"), i, nodes, spec)).ToArray();
        var nodeValues = Enumerable.Range(0, nodes).Select(i => (Value)spec.ModelValues.Get(Node.NodeSettings.NodeName(i))).ToArray();
        var perNode = logs[0][0].State.Keys.ToDictionary(v => v, v => new Value[nodes], StringComparer.Ordinal);
        for (var i = 0; i < nodes; i++)
            foreach (var (variable, value) in logs[i][0].State)
                if (perNode.TryGetValue(variable, out var entries)) entries[i] = value;
        var network = new Dictionary<Value, int>();
        var crashed = new HashSet<int>();
        var crashThenRestart = spec.ActionNames.Contains("Crash") && spec.ActionNames.Contains("Restart");
        var networkIndex = spec.Variables.ToList().IndexOf("msgs");
        var crashedIndex = spec.Variables.ToList().IndexOf("crashed");

        // The values of the previous event, kept while unchanged: the validator does not walk a value it has seen again.
        var built = new Value?[spec.Variables.Count];
        var dirty = Enumerable.Repeat(true, spec.Variables.Count).ToArray();
        void Changed(string variable)
        {
            var index = spec.Variables.ToList().IndexOf(variable);
            if (index >= 0) dirty[index] = true;
        }

        Value?[] Snapshot(int? unknownNode)
        {
            for (var v = 0; v < built.Length; v++)
            {
                if (!dirty[v]) continue;
                dirty[v] = false;
                var name = spec.Variables[v];
                if (perNode.TryGetValue(name, out var entries))
                    built[v] = FunctionValue.FromPairs(entries.Select((e, i) => new KeyValuePair<Value, Value>(nodeValues[i], e)));
                else if (v == networkIndex && system.Network != NetworkModel.None)
                    built[v] = FiniteSetValue.Of(network.Where(p => p.Value > 0).Select(p => p.Key));
                else if (v == crashedIndex && crashThenRestart)
                    built[v] = FiniteSetValue.Of(crashed.Select(i => nodeValues[i]));
            }
            var values = (Value?[])built.Clone();
            if (unknownNode is not null)
                foreach (var variable in perNode.Keys) values[spec.Variables.ToList().IndexOf(variable)] = null;
            return values;
        }

        // The acting node, the message handled, and what else the node's label says (Broadcast(n1, m5)):
        // a step whose arguments are all known is checked on that one instance, not on every value of Value.
        IReadOnlyList<Value>? Arguments(string action, Value actor, Value? message, IReadOnlyList<Value?> fromLabel)
        {
            var parameters = spec.Action(action)?.Parameters;
            if (parameters is null || parameters.Count == 0) return null;
            if (parameters.Count == 2 && message is not null) return [actor, message];
            if (parameters.Count > 1 && fromLabel.Count != parameters.Count) return null;
            var arguments = new Value[parameters.Count];
            arguments[0] = actor;
            for (var k = 1; k < arguments.Length; k++)
            {
                if (fromLabel[k] is not { } value) return null;
                arguments[k] = value;
            }
            return arguments;
        }

        var events = new List<TraceEvent> { new("initial state (the nodes' Init lines)", null, null, Snapshot(null)) };
        var cursor = new int[nodes];
        var done = new long[nodes];
        for (var i = 0; i < nodes; i++)
        {
            cursor[i] = 1;
            done[i] = logs[i][0].Clock[i];
        }
        while (true)
        {
            Line? next = null;
            for (var i = 0; i < nodes; i++)
            {
                if (cursor[i] >= logs[i].Count) continue;
                var line = logs[i][cursor[i]];
                var ready = true;
                for (var j = 0; j < nodes && ready; j++)
                    if (j != i && line.Clock[j] > done[j]) ready = false;
                if (!ready) continue;
                if (next is null || Better(line, next)) next = line;
            }
            if (next is null)
            {
                if (Enumerable.Range(0, nodes).Any(i => cursor[i] < logs[i].Count))
                {
                    var stuck = Enumerable.Range(0, nodes).Where(i => cursor[i] < logs[i].Count).Select(i => logs[i][cursor[i]].Location);
                    throw new TraceFormatException($"no line can come next: each depends on a line no log has ({string.Join(", ", stuck)})");
                }
                break;
            }
            var node = next.Node;
            cursor[node]++;
            done[node] = next.Clock[node];
            var actor = nodeValues[node];
            if (next.Event == "Restart" && crashThenRestart)
            {
                crashed.Add(node);
                Changed("crashed");
                Changed("msgs");
                if (system.Network == NetworkModel.InFlight)
                    foreach (var m in network.Keys.Where(m => Destination(m) == actor).ToList()) network.Remove(m);
                events.Add(new TraceEvent($"{next.Location} (the crash before this restart)", "Crash", [actor], Snapshot(node)) { Actor = actor });
            }
            if (next.Event == "Restart" && crashed.Remove(node)) Changed("crashed");
            foreach (var (variable, value) in next.State)
            {
                if (!perNode.TryGetValue(variable, out var entries) || Equals(entries[node], value)) continue;
                entries[node] = value;
                Changed(variable);
            }
            if (next.Received is { } received && system.Network == NetworkModel.InFlight && network.TryGetValue(received, out var copies))
            {
                Changed("msgs");
                if (copies <= 1) network.Remove(received);
                else network[received] = copies - 1;
            }
            foreach (var message in next.Sent)
            {
                if (system.Network == NetworkModel.InFlight && Destination(message) is { } to && crashed.Contains(Array.IndexOf(nodeValues, to))) continue;
                network[message] = network.GetValueOrDefault(message) + 1;
                Changed("msgs");
            }
            // Logs written before the hosts wrote the label's arguments as data give only its text.
            var labelArguments = next.LabelArguments ?? ActionLabel.ParseEach(next.Label, spec.ModelValues);
            events.Add(new TraceEvent(next.Location, next.Event, Arguments(next.Event, actor, next.Received, labelArguments), Snapshot(null))
            {
                Actor = actor,
                Label = next.Label,
                LabelArguments = labelArguments,
            });
        }
        return events;
    }

    /// <summary>Which of two ready lines goes first: a restart (so the crash it stands for comes right after the node's last line before it), then the smaller clock sum, then the lower node.</summary>
    private static bool Better(Line a, Line b)
    {
        var restartA = a.Event is "Restart" or "Crash";
        var restartB = b.Event is "Restart" or "Crash";
        if (restartA != restartB) return restartA;
        var sumA = a.Clock.Sum();
        var sumB = b.Clock.Sum();
        return sumA != sumB ? sumA < sumB : a.Node < b.Node;
    }

    private static Value? Destination(Value message) =>
        message is FunctionValue { IsRecord: true } record && record.TryApply(StringValue.Of("dest"), out var to) ? to : null;
}
