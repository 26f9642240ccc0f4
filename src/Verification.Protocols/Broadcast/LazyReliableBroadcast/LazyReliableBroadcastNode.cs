using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.FailureDetectors.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// Lazy reliable broadcast (specs/broadcast/LazyReliableBroadcast.tla): a node relays a message
/// only when its sender is detected crashed by the perfect failure detector, so a crash-free run
/// costs n - 1 copies per message instead of eager broadcast's (n - 1) + (n - 1) * (n - 2).
/// The detector is either the node's own heartbeats (<see cref="Heartbeats"/>: the perfect
/// detector P of specs/failure-detectors, inside the node) or an oracle node of the scenario
/// (<see cref="PerfectFailureDetector"/>), which reports crashes with <see cref="Crashed"/> messages.
/// </summary>
/// <param name="detector">The node id of the scenario's oracle detector, which pings this node; or <see cref="Heartbeats"/>.</param>
/// <param name="noRelayOnCrash">Seeded bug "no-relay-on-crash": on a crash report, marks the sender crashed but does not relay the messages of it already delivered.</param>
public sealed class LazyReliableBroadcastNode(int participants, int detector, bool noRelayOnCrash = false) : BroadcastNode(participants)
{
    /// <summary>The <c>detector</c> argument of a node that detects crashes by heartbeats of its own.</summary>
    public const int Heartbeats = -1;

    /// <summary>
    /// The heartbeat detector's period, in world ticks: longer than a round trip while the broadcast
    /// runs too (each step delivers one of the at most 12 heartbeats and a dozen copies in flight,
    /// sends a queued copy, fires a timer or takes a broadcast request: about 50 ticks at most).
    /// </summary>
    public const int HeartbeatPeriod = 80;

    // Spec: correct[p], the nodes the detector has not reported crashed.
    private readonly bool[] reportedCrashed = new bool[participants];
    private readonly Dictionary<MessageId, string> bodies = [];
    private readonly HeartbeatRound? round = detector == Heartbeats ? new HeartbeatRound(participants) : null;

    public bool IsCorrect(int node) => !reportedCrashed[node];

    protected override void OnBroadcast(INodeContext ctx, MessageId id, string body)
    {
        Deliver(ctx, id, body);
        SendToOthers(ctx, new Data(id, body));
    }

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Data data:
                ctx.Label("Receive", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from), data);
                if (HasDelivered(data.Id)) return;
                Deliver(ctx, data.Id, data.Body);
                if (reportedCrashed[data.Id.Sender]) Relay(ctx, data.Id, from, data);
                break;
            case Crashed crashed:
                DetectCrash(ctx, crashed.Node);
                break;
            // The heartbeats are not the spec's: their steps are stuttering steps.
            case HeartbeatRequest:
                HeartbeatRound.Answer(ctx, from);
                break;
            case HeartbeatReply:
                round!.Answered(from);
                break;
            case Ping:
                ctx.Label("AnswerDetector", LabelValue.OfNode(ctx.Self));
                ctx.Send(detector, new Pong());
                break;
            default:
                throw new ArgumentException($"unexpected message {message}");
        }
    }

    public override void OnStart(INodeContext ctx)
    {
        if (round is not null) ctx.SetTimer(HeartbeatNode.HeartbeatTimer, 0);
    }

    public override void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != HeartbeatNode.HeartbeatTimer || round is null)
        {
            base.OnTimer(ctx, timer);
            return;
        }
        // The perfect detector's Timeout: a node that did not answer since the last round crashed
        // (one step detects at most one crash: the scenarios crash at most one node).
        foreach (var node in round.Others(ctx.Self).Minus(round.Alive).Members())
            if (!reportedCrashed[node]) DetectCrash(ctx, node);
        round.Begin(ctx);
        ctx.SetTimer(HeartbeatNode.HeartbeatTimer, HeartbeatPeriod);
    }

    /// <summary>Spec: DetectCrash(p, q): relay every message of q delivered so far.</summary>
    private void DetectCrash(INodeContext ctx, int crashed)
    {
        ctx.Label("DetectCrash", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(crashed));
        reportedCrashed[crashed] = true;
        if (noRelayOnCrash) return;
        // Spec: RelaysOfCrashed, to every node but this one and the crashed one.
        foreach (var id in Delivered)
        {
            if (id.Sender != crashed) continue;
            for (var to = 0; to < Participants; to++)
                if (to != ctx.Self && to != crashed) Outbox.Enqueue(ctx, to, new Data(id, bodies[id]));
        }
    }

    private protected override void HashAlgorithmState(ref StateHasher hasher)
    {
        foreach (var reported in reportedCrashed) hasher.Add(reported);
        round?.AddTo(ref hasher);
    }

    private void Deliver(INodeContext ctx, MessageId id, string body)
    {
        bodies[id] = body;
        DeliverToApplication(ctx, id, body);
    }
}
