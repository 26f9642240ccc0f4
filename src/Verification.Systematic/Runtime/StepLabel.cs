using System.Globalization;
using System.Text;

namespace Verification.Systematic.Runtime;

/// <summary>
/// The parts of a step label: the node's own action label (INodeContext.Label) when it gave one,
/// else the world's description of the event, e.g. <c>Deliver(n1-&gt;n3, VoteRequest { ... })</c>,
/// <c>Timer(n1, election)</c>, <c>Request(n1, #3)</c>, <c>Crash(n2)</c>, <c>Partition({n1,n2}|{n3})</c>.
/// </summary>
internal readonly struct StepLabel(EventKey key, Envelope envelope, string? action, object[]? args, int nodeCount)
{
    /// <summary>What the world did, for reports that draw the run (a space-time diagram) rather than read its labels.</summary>
    public StepEvent Event => key.Kind switch
    {
        EventKind.Deliver => new StepEvent(StepKind.Deliver, envelope.To, envelope),
        EventKind.Drop => new StepEvent(StepKind.Drop, envelope.To, envelope),
        EventKind.Duplicate => new StepEvent(StepKind.Duplicate, envelope.To, envelope),
        EventKind.Timer => new StepEvent(StepKind.Timer, key.Node) { Timer = key.Name },
        EventKind.Request => new StepEvent(StepKind.Request, key.Node),
        EventKind.Crash => new StepEvent(StepKind.Crash, key.Node),
        EventKind.Restart => new StepEvent(StepKind.Restart, key.Node),
        EventKind.Partition => new StepEvent(StepKind.Partition, -1) { PartitionSideA = key.Seq },
        EventKind.Heal => new StepEvent(StepKind.Heal, -1),
        _ => new StepEvent(StepKind.Unknown, -1),
    };

    // Nodes are named as the specs name them: C# node i is model value n{i+1}.
    public string Format()
    {
        if (action is not null) return FormatAction(action, args);
        return key.Kind switch
        {
            EventKind.Deliver => $"Deliver(n{envelope.From + 1}->n{envelope.To + 1}, {envelope.Message})",
            EventKind.Timer => $"Timer(n{key.Node + 1}, {key.Name})",
            EventKind.Request => $"Request(n{key.Node + 1}, #{key.Seq})",
            EventKind.Crash => $"Crash(n{key.Node + 1})",
            EventKind.Restart => $"Restart(n{key.Node + 1})",
            EventKind.Drop => $"Drop(n{envelope.From + 1}->n{envelope.To + 1}, {envelope.Message})",
            EventKind.Duplicate => $"Duplicate(n{envelope.From + 1}->n{envelope.To + 1}, {envelope.Message})",
            EventKind.Partition => $"Partition({DescribePartition(key.Seq, nodeCount)})",
            EventKind.Heal => "Heal",
            _ => key.Kind.ToString(),
        };
    }

    public static string DescribePartition(long sideA, int nodeCount)
    {
        var a = new StringBuilder("{");
        var b = new StringBuilder("{");
        for (var i = 0; i < nodeCount; i++)
        {
            var side = ((sideA >> i) & 1) != 0 ? a : b;
            if (side.Length > 1) side.Append(',');
            side.Append('n').Append((i + 1).ToString(CultureInfo.InvariantCulture));
        }
        return a.Append('}') + "|" + b.Append('}');
    }

    private static string FormatAction(string action, object[]? args)
    {
        if (args is null || args.Length == 0) return action;
        var sb = new StringBuilder(action).Append('(');
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(args[i] is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : args[i]?.ToString() ?? "null");
        }
        return sb.Append(')').ToString();
    }
}

/// <summary>The kind of a step, as a report draws it.</summary>
public enum StepKind : byte
{
    Unknown,
    Deliver,
    Timer,
    Request,
    Crash,
    Restart,
    Drop,
    Duplicate,
    Partition,
    Heal,
}

/// <summary>
/// What one step did: its kind, the node it ran on (the receiver of a message; -1 for partition and
/// heal), the message it delivered, dropped or duplicated, the timer that fired, the partition's side A.
/// </summary>
public readonly record struct StepEvent(StepKind Kind, int Node, Envelope? Message = null)
{
    public string? Timer { get; init; }

    /// <summary>Bit i set = node i on side A of a new partition.</summary>
    public long PartitionSideA { get; init; }
}
