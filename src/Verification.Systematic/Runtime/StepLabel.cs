using System.Globalization;
using System.Text;

namespace Verification.Systematic.Runtime;

/// <summary>
/// A step's label as data: the spec action a node said it performs, with its arguments as values
/// (<see cref="INodeContext.Label"/>), and what the world did in the step, as a typed
/// <see cref="StepEvent"/> (deliver, drop, duplicate, crash, restart, partition, heal, timer,
/// request). Conformance reads these parts; <see cref="Format"/> gives the text form, only for
/// printing: the node's label, e.g. <c>HandleVoteRequest(n2, n1, 3)</c>, else the world's
/// description of the event, e.g. <c>Deliver(n1-&gt;n3, VoteRequest { ... })</c>,
/// <c>Timer(n1, election)</c>, <c>Request(n1, #3)</c>, <c>Crash(n2)</c>, <c>Partition({n1,n2}|{n3})</c>.
/// Nodes are named as the specs name them everywhere: C# node i is n{i+1}.
/// </summary>
public readonly struct StepLabel
{
    private readonly object[]? _args;

    internal StepLabel(in EventKey key, Envelope envelope, string? action, object[]? args, int nodeCount)
        : this(EventOf(key, envelope), action, args, nodeCount)
    {
    }

    private StepLabel(StepEvent step, string? action, object[]? args, int nodeCount)
    {
        Event = step;
        Action = action;
        _args = args;
        NodeCount = nodeCount;
    }

    /// <summary>A node's label: <paramref name="action"/> applied to <paramref name="args"/> (see <see cref="LabelValue.From"/>).</summary>
    public static StepLabel Of(string action, params object[] args) => new(new StepEvent(StepKind.Unknown, -1), action, args, 0);

    /// <summary>The world's label of <paramref name="step"/>, in a world of <paramref name="nodeCount"/> nodes.</summary>
    public static StepLabel Of(StepEvent step, int nodeCount) => new(step, null, null, nodeCount);

    /// <summary>The spec action the node named (INodeContext.Label), or null when the step keeps the world's label.</summary>
    public string? Action { get; }

    /// <summary>The arguments the node gave with <see cref="Action"/>, as values.</summary>
    public IReadOnlyList<LabelValue> Arguments
    {
        get
        {
            if (_args is null || _args.Length == 0) return [];
            var values = new LabelValue[_args.Length];
            for (var i = 0; i < values.Length; i++) values[i] = LabelValue.From(_args[i]);
            return values;
        }
    }

    /// <summary>What the world did in the step, whether or not a node labelled it.</summary>
    public StepEvent Event { get; }

    public int NodeCount { get; }

    public override string ToString() => Format();

    public string Format()
    {
        if (Action is not null) return FormatAction(Action, _args);
        var e = Event;
        return e.Kind switch
        {
            StepKind.Deliver => $"Deliver({Link(e)}, {e.Message!.Value.Message})",
            StepKind.Timer => $"Timer(n{e.Node + 1}, {e.Timer})",
            StepKind.Request => $"Request(n{e.Node + 1}, #{e.Request})",
            StepKind.Crash => $"Crash(n{e.Node + 1})",
            StepKind.Restart => $"Restart(n{e.Node + 1})",
            StepKind.Drop => $"Drop({Link(e)}, {e.Message!.Value.Message})",
            StepKind.Duplicate => $"Duplicate({Link(e)}, {e.Message!.Value.Message})",
            StepKind.Partition => $"Partition({DescribePartition(e.PartitionSideA, NodeCount)})",
            StepKind.Heal => "Heal",
            _ => e.Kind.ToString(),
        };

        static string Link(in StepEvent e) => $"n{e.Message!.Value.From + 1}->n{e.Message.Value.To + 1}";
    }

    private static StepEvent EventOf(in EventKey key, Envelope envelope) => key.Kind switch
    {
        EventKind.Deliver => new StepEvent(StepKind.Deliver, envelope.To, envelope),
        EventKind.Drop => new StepEvent(StepKind.Drop, envelope.To, envelope),
        EventKind.Duplicate => new StepEvent(StepKind.Duplicate, envelope.To, envelope),
        EventKind.Timer => new StepEvent(StepKind.Timer, key.Node) { Timer = key.Name },
        EventKind.Request => new StepEvent(StepKind.Request, key.Node) { Request = key.Seq },
        EventKind.Crash => new StepEvent(StepKind.Crash, key.Node),
        EventKind.Restart => new StepEvent(StepKind.Restart, key.Node),
        EventKind.Partition => new StepEvent(StepKind.Partition, -1) { PartitionSideA = key.Seq },
        EventKind.Heal => new StepEvent(StepKind.Heal, -1),
        _ => new StepEvent(StepKind.Unknown, -1),
    };

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
            LabelValue.From(args[i]).Print(sb);
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

    /// <summary>The id of the client request handled (a <see cref="StepKind.Request"/> step).</summary>
    public long Request { get; init; }
}
