using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// One line of a per-node log: the unit the merge orders. <see cref="Steps"/> are the spec steps it
/// stands for (one for a native line; a mapped foreign event may stand for several, or for none when
/// it only observes); <see cref="Clock"/> is its vector clock by log (index in the merge's logs),
/// null when the log has none; <see cref="IsInit"/> marks a first line giving the initial local state.
/// </summary>
public sealed record LogLine(string Location, IReadOnlyList<TraceEvent> Steps, int[]? Clock, bool IsInit, string Text)
{
    /// <summary>The event's name as the log wrote it (for messages).</summary>
    public string Event { get; init; } = "";

    /// <summary>The spec's record of the message the step handled, when the log says (<c>mbt::received</c>).</summary>
    public Value? Received { get; init; }

    /// <summary>The spec's records of the messages the step sent, when the log says (<c>mbt::sent</c>).</summary>
    public IReadOnlyList<Value> Sent { get; init; } = [];
}

/// <summary>A log of one node (or one sequence of events that happened in this order): its lines in order.</summary>
public sealed record NodeLog(string Path, string Node, IReadOnlyList<LogLine> Lines);

/// <summary>
/// Checks that vector clocks describe a happens-before order, each problem located at its line:
/// a node's own entry counts its lines (1 on the first, one more per line, a restart continuing),
/// the other entries never decrease along a log and name lines that exist, and a line that has seen
/// another node's event has seen everything that event had seen (a receive's clock dominates its
/// send's), but not itself.
/// </summary>
public static class VectorClocks
{
    public static void Check(IReadOnlyList<NodeLog> logs)
    {
        for (var n = 0; n < logs.Count; n++)
        {
            var log = logs[n];
            int[]? previous = null;
            for (var k = 0; k < log.Lines.Count; k++)
            {
                var line = log.Lines[k];
                if (line.Clock is not { } clock) continue;
                if (clock[n] != k + 1)
                    throw new TraceFormatException($"{line.Location}: the clock's own entry {log.Node} is {clock[n]}, but this is line {k + 1} of {log.Node}'s events " +
                                                   $"(the entry counts the node's events: 1 on its first line, one more on each line){(previous is null ? "" : $"; the line before has {previous[n]}")}: the log is out of order or a line is missing");
                for (var j = 0; j < logs.Count; j++)
                {
                    if (j == n) continue;
                    if (previous is not null && clock[j] < previous[j])
                        throw new TraceFormatException($"{line.Location}: the clock's entry {logs[j].Node} went down from {previous[j]} to {clock[j]}: a node's clock never forgets what it has seen");
                    if (clock[j] > logs[j].Lines.Count)
                        throw new TraceFormatException($"{line.Location}: the clock has seen {clock[j]} events of {logs[j].Node}, but {logs[j].Path} has only {logs[j].Lines.Count} lines");
                }
                previous = clock;
            }
        }
        // Domination, once every clock is known to be well formed.
        for (var n = 0; n < logs.Count; n++)
        {
            var log = logs[n];
            for (var k = 0; k < log.Lines.Count; k++)
            {
                var line = log.Lines[k];
                if (line.Clock is not { } clock) continue;
                for (var j = 0; j < logs.Count; j++)
                {
                    if (j == n || clock[j] == 0) continue;
                    var seen = logs[j].Lines[clock[j] - 1];
                    if (seen.Clock is not { } theirs) continue;
                    for (var m = 0; m < logs.Count; m++)
                    {
                        var ok = m == n ? theirs[m] < clock[m] : theirs[m] <= clock[m];
                        if (ok) continue;
                        throw new TraceFormatException(m == n
                            ? $"{line.Location}: this line has seen {seen.Location} (its clock's entry {logs[j].Node} is {clock[j]}), but that line has seen this one or a later one of {log.Node} (its entry {log.Node} is {theirs[m]}): the clocks make a cycle"
                            : $"{line.Location}: this line has seen {seen.Location} (its clock's entry {logs[j].Node} is {clock[j]}) but not everything that line had seen: its entry {logs[m].Node} is {clock[m]}, that line's is {theirs[m]} (a receive's clock must dominate its send's)");
                    }
                }
            }
        }
    }

    /// <summary>Whether the line's clock allows it after the given numbers of lines of each log (the cut).</summary>
    internal static bool Enabled(int[]? clock, int log, int[] cut)
    {
        if (clock is null) return true;
        for (var j = 0; j < cut.Length; j++)
            if (j != log && clock[j] > cut[j]) return false;
        return true;
    }

    internal static string Format(int[] clock, IReadOnlyList<NodeLog> logs) =>
        "{" + string.Join(", ", clock.Select((c, j) => $"\"{logs[j].Node}\":{c}")) + "}";

    internal static Value? NodeValue(string name, ModelValueRegistry modelValues) => modelValues.TryFind(name, out var value) ? value : null;
}
