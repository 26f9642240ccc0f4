using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Cli.Reports;

/// <summary>
/// Watches one run for an HTML report: what each step did (node, kind, label), every message from
/// the step that sent it to the step that delivered, dropped or lost it, partitions, and (through
/// the system's refinement mapping, by an <see cref="AbstractStateRecorder"/>) the spec's state after
/// each step. Placed first among the monitors, so the step a monitor fails on is recorded too.
/// </summary>
public sealed class RunRecorder : SpecMonitor
{
    private readonly long? _iteration;
    private readonly Dictionary<long, int> _messageOf = [];
    private readonly HashSet<long> _inFlight = [];
    private readonly HashSet<long> _scratch = [];
    private int _sentSeen;
    private bool _ignored;

    /// <param name="states">Records the spec's state after each step, or null for a system without a refinement mapping.</param>
    /// <param name="iteration">Record only the run of this campaign iteration (others are ignored), or null for any run.</param>
    /// <param name="recording">Told when the recorder starts recording its run.</param>
    public RunRecorder(AbstractStateRecorder? states, long? iteration = null, Action<RunRecorder>? recording = null)
    {
        States = states;
        _iteration = iteration;
        _recording = recording;
    }

    private readonly Action<RunRecorder>? _recording;

    public override string Name => "html-report";

    public AbstractStateRecorder? States { get; }

    public int NodeCount { get; private set; }

    /// <summary>False until the recorder saw the run it records (a campaign's other iterations do not count).</summary>
    public bool Recorded { get; private set; }

    /// <summary>The steps (index 0 = boot).</summary>
    public List<RecordedStep> Steps { get; } = [];

    public List<RecordedMessage> Messages { get; } = [];

    public List<ReportPartition> Partitions { get; } = [];

    /// <summary>Client requests as issued and answered (the first answer counts).</summary>
    public List<ReportOperation> Operations { get; } = [];

    private readonly Dictionary<int, int> _operationOf = [];

    public sealed class RecordedStep(int lane, StepKind kind, string? label, StepLabel? step = null)
    {
        public int Lane { get; set; } = lane;
        public StepKind Kind { get; set; } = kind;
        public string? Label { get; set; } = label;

        /// <summary>The step's label as data, when the recorder saw the step.</summary>
        public StepLabel? Step { get; set; } = step;
    }

    public sealed class RecordedMessage(long id, int from, int to, int sent, bool duplicate, string label)
    {
        public long Id { get; } = id;
        public int From { get; } = from;
        public int To { get; } = to;
        public int Sent { get; } = sent;
        public bool Duplicate { get; } = duplicate;
        public string Label { get; } = label;
        public int? Ended { get; set; }
        public string Status { get; set; } = "inflight";
    }

    /// <summary>A scenario with a recorder first among its monitors; <paramref name="onCreated"/> sees each one.</summary>
    public static Scenario Attach(Scenario scenario, Func<RunRecorder> create, Action<RunRecorder> onCreated)
    {
        var monitors = scenario.CreateMonitors;
        return scenario with
        {
            CreateMonitors = () =>
            {
                var recorder = create();
                onCreated(recorder);
                return [recorder, .. monitors()];
            },
        };
    }

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (_ignored) return;
        if (!Recorded)
        {
            if (_iteration is { } wanted && world.Iteration != wanted)
            {
                _ignored = true;
                return;
            }
            Recorded = true;
            _recording?.Invoke(this);
            NodeCount = world.NodeCount;
        }
        States?.OnEvent(e, world);
        var step = (int)world.Step;
        // The first event of a step records it: a monitor may fail the run before the step's last event.
        while (Steps.Count <= step)
        {
            if (Steps.Count < step) Steps.Add(new RecordedStep(-1, StepKind.Unknown, null));
            else Record(world, step);
        }
        switch (e)
        {
            case RequestIssued issued:
                _operationOf[issued.Request.Id] = Operations.Count;
                Operations.Add(new ReportOperation(issued.Request.Id, issued.Request.Node, Verification.Tla.Messages.Truncate(issued.Request.Payload.ToString() ?? "", 200), null, step, null));
                break;
            case Replied replied when _operationOf.TryGetValue(replied.Request.Id, out var op) && Operations[op].Return is null:
                Operations[op] = Operations[op] with { Output = Verification.Tla.Messages.Truncate(replied.Response?.ToString() ?? "", 200), Return = step };
                break;
        }
    }

    /// <summary>Step 0 is boot: the messages the nodes sent as they started. Every later step: what it did to the network.</summary>
    private void Record(IWorldView world, int step)
    {
        Steps.Add(step == 0
            ? new RecordedStep(-1, StepKind.Unknown, "initial state (after boot)")
            : new RecordedStep(world.CurrentStep.Node, world.CurrentStep.Kind, world.CurrentStepLabel?.Format(), world.CurrentStepLabel));
        TakeNewSends(world, step);
        if (step > 0) Complete(world.CurrentStep, world, step);
        Snapshot(world);
    }

    private void TakeNewSends(IWorldView world, int step)
    {
        var sent = world.Sent;
        for (; _sentSeen < sent.Count; _sentSeen++)
        {
            var envelope = sent[_sentSeen];
            _messageOf[envelope.Id] = Messages.Count;
            Messages.Add(new RecordedMessage(envelope.Id, envelope.From, envelope.To, step, duplicate: false, Describe(envelope)));
        }
    }

    private void Complete(StepEvent ev, IWorldView world, int step)
    {
        var ended = ev.Message is { } message && _messageOf.TryGetValue(message.Id, out var index) ? Messages[index] : null;
        switch (ev.Kind)
        {
            case StepKind.Deliver when ended is not null:
                End(ended, step, "delivered");
                break;
            case StepKind.Drop when ended is not null:
                End(ended, step, "dropped");
                break;
            case StepKind.Duplicate:
                // The copy is the message in flight that no one sent.
                foreach (var envelope in world.InFlight)
                {
                    if (_inFlight.Contains(envelope.Id) || _messageOf.ContainsKey(envelope.Id)) continue;
                    _messageOf[envelope.Id] = Messages.Count;
                    Messages.Add(new RecordedMessage(envelope.Id, envelope.From, envelope.To, step, duplicate: true, Describe(envelope)));
                }
                break;
            case StepKind.Partition:
                var sideA = new List<int>();
                for (var node = 0; node < NodeCount; node++)
                    if (((ev.PartitionSideA >> node) & 1) != 0) sideA.Add(node);
                Partitions.Add(new ReportPartition(step, null, sideA));
                break;
            case StepKind.Heal when Partitions.Count > 0 && Partitions[^1].Until is null:
                Partitions[^1] = Partitions[^1] with { Until = step };
                break;
        }
        // Whatever left the network otherwise was lost: sent to a node that was down, or addressed to one that crashed.
        _scratch.Clear();
        foreach (var envelope in world.InFlight) _scratch.Add(envelope.Id);
        foreach (var id in _inFlight)
            if (!_scratch.Contains(id) && Messages[_messageOf[id]] is { Ended: null } gone) End(gone, step, "lost");
        for (var k = Messages.Count - 1; k >= 0 && Messages[k].Sent == step; k--)
            if (Messages[k] is { Ended: null } fresh && !_scratch.Contains(fresh.Id)) End(fresh, step, "lost");
    }

    private static void End(RecordedMessage message, int step, string status)
    {
        message.Ended = step;
        message.Status = status;
    }

    private void Snapshot(IWorldView world)
    {
        _inFlight.Clear();
        foreach (var envelope in world.InFlight) _inFlight.Add(envelope.Id);
    }

    private static string Describe(Envelope envelope) =>
        Verification.Tla.Messages.Truncate(envelope.Message.ToString() ?? "", 400);
}
