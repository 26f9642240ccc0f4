using System.Globalization;
using System.Text;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Engine;

/// <summary>A schedule file that cannot be read; <see cref="Line"/>/<see cref="Column"/> locate the problem (1-based, 0 when unknown).</summary>
public sealed class ScheduleFormatException(string path, int line, int column, string message)
    : Exception(line > 0 ? $"{path}:{line}:{column}: {message}" : $"{path}: {message}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// A recorded failing schedule, as in Coyote's .trace files: the settings needed to rebuild the run,
/// then one line per decision:
/// <c>deliver(n1-&gt;n3#1)</c> the 2nd message put on link n1→n3 (counting from 0), <c>timer(n2:election)</c>,
/// <c>request(n1#3)</c>, <c>crash(n3)</c>, <c>restart(n3)</c>, <c>drop(n1-&gt;n3#1)</c>, <c>duplicate(n1-&gt;n3#1)</c>,
/// <c>partition(n1,n2)</c> (the nodes on side A; the older hexadecimal mask <c>partition(0x3)</c>, bit i
/// set = node n(i+1), still loads), <c>heal</c>, <c>int(1)</c> (a node's Choose).
/// Nodes are named n1..nk and iterations counted from 1, as every report names and counts them;
/// files of format 1 (nodes n0..nk-1, iterations from 0) still load.
/// </summary>
public sealed class ScheduleFile
{
    public const string FormatTag = "verify-schedule/2";

    /// <summary>The first format: nodes numbered from 0 and iterations from 0.</summary>
    public const string ZeroBasedFormatTag = "verify-schedule/1";

    public required string System { get; init; }
    public string? Bug { get; init; }
    public required string Strategy { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>The iteration's index, counting from 0 (what seeds it); the file says <c>iteration: Iteration + 1</c>.</summary>
    public required long Iteration { get; init; }
    public required bool Fair { get; init; }
    public required int MaxSteps { get; init; }
    public required int MaxFairSteps { get; init; }
    public required int LivenessThreshold { get; init; }
    public required string Build { get; init; }
    public string? Detector { get; init; }
    internal IReadOnlyList<EventKey> Decisions { get; init; } = [];

    public int DecisionCount => Decisions.Count;

    public void Save(string path)
    {
        var sb = new StringBuilder();
        sb.Append("# A failing schedule recorded by `verify test`; re-run it with: verify replay ").Append(path).Append('\n');
        sb.Append("format: ").Append(FormatTag).Append('\n');
        sb.Append("build: ").Append(Build).Append('\n');
        sb.Append("system: ").Append(System).Append('\n');
        sb.Append("bug: ").Append(Bug ?? "none").Append('\n');
        sb.Append("strategy: ").Append(Strategy).Append('\n');
        sb.Append("seed: ").Append(Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("iteration: ").Append((Iteration + 1).ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("fair: ").Append(Fair ? "true" : "false").Append('\n');
        sb.Append("max-steps: ").Append(MaxSteps.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("max-fair-steps: ").Append(MaxFairSteps.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("liveness-threshold: ").Append(LivenessThreshold.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (Detector is not null) sb.Append("detector: ").Append(Detector).Append('\n');
        sb.Append("decisions: ").Append(Decisions.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var decision in Decisions) sb.Append(ScheduleFormat.FormatDecision(decision)).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    public static ScheduleFile Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScheduleFormatException(path, 0, 0, $"cannot read the schedule file: {e.Message}");
        }

        var settings = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var decisions = new List<EventKey>();
        var expectedDecisions = -1;
        var decisionsLine = 0;
        var firstNode = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNumber = i + 1;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (expectedDecisions >= 0)
            {
                decisions.Add(ScheduleFormat.ParseDecision(line, path, lineNumber, firstNode));
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new ScheduleFormatException(path, lineNumber, 1, $"expected 'key: value', found '{Shorten(line)}'");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (settings.ContainsKey(key)) throw new ScheduleFormatException(path, lineNumber, 1, $"duplicate setting '{key}'");
            settings[key] = (value, lineNumber);
            if (key == "format")
            {
                if (value == ZeroBasedFormatTag) firstNode = 0;
                else if (value != FormatTag)
                    throw new ScheduleFormatException(path, lineNumber, colon + 3, $"unsupported schedule format '{Shorten(value)}' (this build reads '{FormatTag}' and '{ZeroBasedFormatTag}')");
            }
            if (key == "decisions")
            {
                expectedDecisions = ParseInt(value, path, lineNumber, colon + 3, "decisions");
                decisionsLine = lineNumber;
            }
        }
        if (!settings.ContainsKey("format")) throw new ScheduleFormatException(path, 1, 1, $"not a schedule file (no 'format: {FormatTag}' line)");
        if (expectedDecisions < 0) throw new ScheduleFormatException(path, lines.Length, 1, "missing the 'decisions:' section");
        if (decisions.Count != expectedDecisions)
            throw new ScheduleFormatException(path, decisionsLine, 1, $"the file announces {expectedDecisions} decisions but has {decisions.Count} (truncated?)");

        string Get(string key) => settings.TryGetValue(key, out var v)
            ? v.Value
            : throw new ScheduleFormatException(path, 0, 0, $"missing setting '{key}'");
        int GetInt(string key) => ParseInt(Get(key), path, settings[key].Line, key.Length + 3, key);

        var seedText = Get("seed");
        if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            throw new ScheduleFormatException(path, settings["seed"].Line, 7, $"seed '{seedText}' is not a non-negative integer");
        var fairText = Get("fair");
        if (fairText is not ("true" or "false"))
            throw new ScheduleFormatException(path, settings["fair"].Line, 7, $"fair must be true or false, not '{fairText}'");
        var bug = Get("bug");
        long IterationIndex() => GetInt("iteration") is var number and > 0
            ? number - 1
            : throw new ScheduleFormatException(path, settings["iteration"].Line, 12, "iteration must be at least 1 (iterations count from 1)");
        return new ScheduleFile
        {
            System = Get("system"),
            Bug = bug == "none" ? null : bug,
            Strategy = Get("strategy"),
            Seed = seed,
            Iteration = firstNode == 0 ? GetInt("iteration") : IterationIndex(),
            Fair = fairText == "true",
            MaxSteps = GetInt("max-steps"),
            MaxFairSteps = GetInt("max-fair-steps"),
            LivenessThreshold = GetInt("liveness-threshold"),
            Build = Get("build"),
            Detector = settings.TryGetValue("detector", out var d) ? d.Value : null,
            Decisions = decisions,
        };
    }

    private static int ParseInt(string text, string path, int line, int column, string key) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ScheduleFormatException(path, line, column, $"{key} '{Shorten(text)}' is not a non-negative integer");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

internal static class ScheduleFormat
{
    // Node i of the world is n(i+1), as the specs and every report name it.
    public static string FormatDecision(in EventKey key) => key.Kind switch
    {
        EventKind.Deliver => $"deliver(n{key.Peer + 1}->n{key.Node + 1}#{key.Seq})",
        EventKind.Drop => $"drop(n{key.Peer + 1}->n{key.Node + 1}#{key.Seq})",
        EventKind.Duplicate => $"duplicate(n{key.Peer + 1}->n{key.Node + 1}#{key.Seq})",
        EventKind.Timer => $"timer(n{key.Node + 1}:{key.Name})",
        EventKind.Request => $"request(n{key.Node + 1}#{key.Seq})",
        EventKind.Crash => $"crash(n{key.Node + 1})",
        EventKind.Restart => $"restart(n{key.Node + 1})",
        EventKind.Partition => $"partition({SideA(key.Seq)})",
        EventKind.Heal => "heal",
        EventKind.Choice => $"int({key.Seq})",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Kind, null),
    };

    /// <param name="firstNode">The number of the first node in the file: 1 (n1..nk), or 0 in format 1 files (n0..nk-1).</param>
    public static EventKey ParseDecision(string line, string path, int lineNumber, int firstNode = 1)
    {
        var text = line.Trim();
        if (text == "heal") return new EventKey(EventKind.Heal, -1, -1, 0, null);
        var open = text.IndexOf('(');
        if (open <= 0 || !text.EndsWith(')'))
            throw new ScheduleFormatException(path, lineNumber, 1, $"expected a decision like deliver(n1->n2#0) or int(2), found '{Shorten(text)}'");
        var name = text[..open];
        var args = text[(open + 1)..^1];
        var column = open + 2;
        try
        {
            switch (name)
            {
                case "deliver":
                case "drop":
                case "duplicate":
                {
                    var arrow = args.IndexOf("->", StringComparison.Ordinal);
                    var hash = args.IndexOf('#');
                    if (arrow < 0 || hash < arrow) throw new FormatException("expected nFROM->nTO#SEQ");
                    var kind = name == "deliver" ? EventKind.Deliver : name == "drop" ? EventKind.Drop : EventKind.Duplicate;
                    return new EventKey(kind, NodeId(args[(arrow + 2)..hash], firstNode), NodeId(args[..arrow], firstNode), Long(args[(hash + 1)..]), null);
                }
                case "timer":
                {
                    var colon = args.IndexOf(':');
                    if (colon < 0 || colon == args.Length - 1) throw new FormatException("expected nNODE:NAME");
                    return new EventKey(EventKind.Timer, NodeId(args[..colon], firstNode), -1, 0, string.Intern(args[(colon + 1)..]));
                }
                case "request":
                {
                    var hash = args.IndexOf('#');
                    if (hash < 0) throw new FormatException("expected nNODE#ID");
                    return new EventKey(EventKind.Request, NodeId(args[..hash], firstNode), -1, Long(args[(hash + 1)..]), null);
                }
                case "crash": return new EventKey(EventKind.Crash, NodeId(args, firstNode), -1, 0, null);
                case "restart": return new EventKey(EventKind.Restart, NodeId(args, firstNode), -1, 0, null);
                case "partition":
                {
                    long mask = 0;
                    if (args.StartsWith("0x", StringComparison.Ordinal))
                    {
                        if (!long.TryParse(args.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mask)) mask = 0;
                    }
                    else if (args.Trim().StartsWith('n'))
                    {
                        foreach (var member in args.Split(','))
                        {
                            var node = NodeId(member, firstNode);
                            if (node >= 63) throw new FormatException($"'{member.Trim()}' is beyond the 63 nodes a partition's side can name");
                            mask |= 1L << node;
                        }
                    }
                    if (mask <= 0) throw new FormatException("expected the nodes of side A like n1,n2 (or a positive hexadecimal mask like 0x3)");
                    return new EventKey(EventKind.Partition, -1, -1, mask, null);
                }
                case "int": return EventKey.Choice(checked((int)Long(args)));
                default:
                    throw new ScheduleFormatException(path, lineNumber, 1, $"unknown decision '{name}' (expected deliver, drop, duplicate, timer, request, crash, restart, partition, heal or int)");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ScheduleFormatException(path, lineNumber, column, $"malformed {name}({Shorten(args)}): {e.Message}");
        }
    }

    private static int NodeId(string text, int firstNode)
    {
        text = text.Trim();
        if (text.Length < 2 || text[0] != 'n' || !int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new FormatException($"'{Shorten(text)}' is not a node name like n{firstNode}");
        if (id < firstNode) throw new FormatException($"'{text}' names no node: nodes are n{firstNode}, n{firstNode + 1}, ...");
        return id - firstNode;
    }

    /// <summary>The nodes whose bits are set in a partition's side-A mask, e.g. n1,n2 for 0x3.</summary>
    private static string SideA(long mask)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 63; i++)
        {
            if (((mask >> i) & 1) == 0) continue;
            if (sb.Length > 0) sb.Append(',');
            sb.Append('n').Append((i + 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static long Long(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text.Trim()}' is not a non-negative integer");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
