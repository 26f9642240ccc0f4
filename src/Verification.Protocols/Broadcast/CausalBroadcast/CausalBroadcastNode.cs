using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.CausalBroadcast;

/// <summary>Seeded mistakes of <see cref="CausalBroadcastNode"/>.</summary>
public sealed record CausalBroadcastBugs
{
    /// <summary>Deliver only when deps &lt; delivered (strictly) instead of deps ≤ delivered.</summary>
    public bool StrictCompare { get; init; }

    /// <summary>Take deps = delivered, forgetting the sender's own earlier broadcasts it has not delivered yet.</summary>
    public bool IgnoreOwn { get; init; }

    public static CausalBroadcastBugs None { get; } = new();
}

/// <summary>
/// Causal broadcast with vector clocks (Kleppmann), the C# twin of specs/broadcast/CausalBroadcast.tla:
/// same variables (sendSeq, delivered, buffer), same message (Msg), same actions (Broadcast,
/// Receive, Deliver). Each handler performs exactly one spec action. The spec's Deliver is a step
/// of its own, so a node that has something deliverable arms the zero-delay timer "Deliver" and
/// delivers one message per firing.
/// </summary>
public sealed class CausalBroadcastNode(CausalBroadcastBugs bugs) : INode, IStateHash
{
    public const string DeliverTimer = "Deliver";

    private readonly List<Msg> buffer = [];
    private VectorClock delivered = VectorClock.Zero(1);
    private int sendSeq;

    // History, never read by the algorithm: the spec's deliveredLog[n] and this node's share of
    // causalPast (the pairs its own broadcasts created), kept for the refinement mapping.
    private readonly List<MessageId> deliveredLog = [];
    private readonly List<(MessageId Earlier, MessageId Later)> causalPast = [];

    public CausalBroadcastNode() : this(CausalBroadcastBugs.None) { }

    /// <summary>How many messages this node has broadcast.</summary>
    public int SendSeq => sendSeq;

    /// <summary>delivered[s]: how many of node s's messages this node has delivered.</summary>
    public VectorClock Delivered => delivered;

    /// <summary>Messages received but held back, in arrival order.</summary>
    public IReadOnlyList<Msg> Buffer => buffer;

    /// <summary>The ids this node delivered, in order (the spec's deliveredLog[n]).</summary>
    public IReadOnlyList<MessageId> DeliveredLog => deliveredLog;

    /// <summary>The spec's causalPast pairs created by this node's broadcasts: what it had delivered or broadcast before each.</summary>
    public IReadOnlyList<(MessageId Earlier, MessageId Later)> CausalPast => causalPast;

    public void OnStart(INodeContext ctx) => delivered = VectorClock.Zero(ctx.NodeCount);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("Causal broadcast is modelled without crashes (see its spec): a node never restarts.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"CausalBroadcast expects BroadcastRequest payloads, got {request.Payload}");
        var id = new MessageId(ctx.Self, sendSeq + 1);
        var deps = bugs.IgnoreOwn ? delivered : delivered.With(ctx.Self, sendSeq);
        ctx.Label("Broadcast", LabelValue.OfNode(ctx.Self));
        ctx.Notify(new BroadcastIssued(id, broadcast.Body));
        var msg = new Msg(id, broadcast.Body, deps);
        for (var to = 0; to < ctx.NodeCount; to++) ctx.Send(to, msg);
        foreach (var earlier in deliveredLog) causalPast.Add((earlier, id));
        for (var seq = 1; seq <= sendSeq; seq++)
            if (!deliveredLog.Contains(new MessageId(ctx.Self, seq))) causalPast.Add((new MessageId(ctx.Self, seq), id));
        sendSeq++;
        ctx.Reply(request, id);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is not Msg msg) throw new ArgumentException($"CausalBroadcast got an unknown message {message}");
        ctx.Label("Receive", LabelValue.OfNode(ctx.Self), msg.Id);
        buffer.Add(msg);
        ArmDeliveryIfReady(ctx);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != DeliverTimer) throw new ArgumentException($"CausalBroadcast has no timer {timer}");
        var next = NextDeliverable();
        if (next is null) return;
        ctx.Label("Deliver", LabelValue.OfNode(ctx.Self), next.Id);
        buffer.Remove(next);
        delivered = delivered.Increment(next.Id.Sender);
        deliveredLog.Add(next.Id);
        ctx.Deliver(new Delivery(next.Id, next.Body));
        ArmDeliveryIfReady(ctx);
    }

    private void ArmDeliveryIfReady(INodeContext ctx)
    {
        if (NextDeliverable() is not null && !ctx.IsTimerSet(DeliverTimer)) ctx.SetTimer(DeliverTimer);
    }

    /// <summary>The buffered message with the smallest id whose dependencies are all delivered.</summary>
    private Msg? NextDeliverable()
    {
        Msg? best = null;
        foreach (var msg in buffer)
            if (IsDeliverable(msg) && (best is null || msg.Id.CompareTo(best.Id) < 0)) best = msg;
        return best;
    }

    private bool IsDeliverable(Msg msg) =>
        bugs.StrictCompare ? msg.Deps.StrictlyLess(delivered) : msg.Deps.LessOrEqual(delivered);

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(sendSeq);
        hasher.Add(delivered);
        foreach (var msg in buffer)
        {
            hasher.Add(msg.Id);
            hasher.Add(msg.Body);
            hasher.Add(msg.Deps);
        }
        hasher.Separator();
        foreach (var id in deliveredLog) hasher.Add(id);
        hasher.Separator();
        foreach (var (earlier, later) in causalPast)
        {
            hasher.Add(earlier);
            hasher.Add(later);
        }
        return hasher.Value;
    }
}
