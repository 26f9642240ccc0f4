using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>
/// Total order broadcast by Lamport timestamps over FIFO links (Kleppmann), the C# twin of
/// specs/broadcast/LamportTotalOrder.tla: same variables (clock, sendSeq, queue, latest), messages
/// (Msg, Ack) and actions (Broadcast, ReceiveMsg, ReceiveAck, Deliver). The scenario's network
/// keeps each link FIFO, which the delivery rule relies on. The spec's Deliver is a step of its
/// own: the node arms the zero-delay timer "Deliver" whenever its queue is non-empty and delivers
/// at most one message per firing.
/// </summary>
/// <param name="deliverEarly">Seeded bug: deliver the smallest queued timestamp without waiting to hear a later one from every node.</param>
public sealed class LamportTotalOrderNode(bool deliverEarly = false) : INode, IStateHash
{
    public const string DeliverTimer = "Deliver";

    private readonly List<Msg> queue = [];
    private LamportClock clock = LamportClock.Zero;
    private int[] latest = [];
    private int sendSeq;

    // History, never read by the algorithm: the spec's deliveredLog[n], for the refinement mapping.
    private readonly List<MessageId> deliveredLog = [];

    public LamportClock Clock => clock;
    public int SendSeq => sendSeq;

    /// <summary>Messages held back, in arrival order.</summary>
    public IReadOnlyList<Msg> Queue => queue;

    /// <summary>latest[k]: the time of the last message (Msg or Ack) received from node k.</summary>
    public IReadOnlyList<int> Latest => latest;

    public IReadOnlyList<MessageId> DeliveredLog => deliveredLog;

    public void OnStart(INodeContext ctx) => latest = new int[ctx.NodeCount];

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("Lamport total order is modelled without crashes: every node must keep acknowledging.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"LamportTotalOrder expects BroadcastRequest payloads, got {request.Payload}");
        clock = clock.Tick();
        var msg = new Msg(clock.Time, new MessageId(ctx.Self, sendSeq + 1), broadcast.Body);
        ctx.Label("Broadcast", ctx.Self + 1);
        ctx.Notify(new BroadcastIssued(msg.Id, broadcast.Body));
        queue.Add(msg);
        for (var to = 0; to < ctx.NodeCount; to++)
            if (to != ctx.Self) ctx.Send(to, msg);
        sendSeq++;
        ctx.Reply(request, msg.Id);
        ArmDelivery(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Msg msg:
                ctx.Label("ReceiveMsg", ctx.Self + 1, from + 1);
                clock = clock.Receive(msg.Time);
                queue.Add(msg);
                latest[from] = msg.Time;
                var acknowledgement = new Ack(clock.Time);
                for (var to = 0; to < ctx.NodeCount; to++)
                    if (to != ctx.Self) ctx.Send(to, acknowledgement);
                break;
            case Ack ack:
                ctx.Label("ReceiveAck", ctx.Self + 1, from + 1);
                clock = clock.Receive(ack.Time);
                latest[from] = ack.Time;
                break;
            default:
                throw new ArgumentException($"LamportTotalOrder got an unknown message {message}");
        }
        ArmDelivery(ctx);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != DeliverTimer) throw new ArgumentException($"LamportTotalOrder has no timer {timer}");
        var head = Head();
        if (head is null || !MayDeliver(ctx, head)) return;
        // The queued entry as time and id, not as a TLA+ record: a label with "->" in it (as in
        // "|->") reads as one of the world's own message descriptions, and the step would then
        // name no spec action, leaving a mismatch without the action to blame.
        ctx.Label("Deliver", ctx.Self + 1, head.Time, NumberedNodes.Id(head.Id));
        queue.Remove(head);
        deliveredLog.Add(head.Id);
        ctx.Deliver(new Delivery(head.Id, head.Body));
        ArmDelivery(ctx);
    }

    private void ArmDelivery(INodeContext ctx)
    {
        var head = Head();
        if (head is not null && MayDeliver(ctx, head) && !ctx.IsTimerSet(DeliverTimer)) ctx.SetTimer(DeliverTimer);
    }

    /// <summary>The queued message with the smallest timestamp.</summary>
    private Msg? Head()
    {
        Msg? head = null;
        foreach (var msg in queue)
            if (head is null || msg.Timestamp < head.Timestamp) head = msg;
        return head;
    }

    /// <summary>
    /// Every other node has sent something stamped at least as late as the head; links are FIFO
    /// and a node's timestamps grow, so no smaller timestamp can still arrive.
    /// </summary>
    private bool MayDeliver(INodeContext ctx, Msg head)
    {
        if (deliverEarly) return true;
        for (var k = 0; k < ctx.NodeCount; k++)
            if (k != ctx.Self && new LamportTimestamp(latest[k], k) < head.Timestamp) return false;
        return true;
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(clock.Time);
        hasher.Add(sendSeq);
        foreach (var time in latest) hasher.Add(time);
        hasher.Separator();
        foreach (var msg in queue)
        {
            hasher.Add(msg.Time);
            hasher.Add(msg.Id);
            hasher.Add(msg.Body);
        }
        hasher.Separator();
        foreach (var id in deliveredLog) hasher.Add(id);
        return hasher.Value;
    }
}
