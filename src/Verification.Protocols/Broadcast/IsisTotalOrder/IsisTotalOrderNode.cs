using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Broadcast.LamportTotalOrder;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.IsisTotalOrder;

/// <summary>
/// ISIS total order broadcast (Birman; proposed and agreed timestamps), the C# twin of
/// specs/broadcast/IsisTotalOrder.tla: same variables (sendSeq, largestProposed, largestAgreed,
/// queue, proposals), messages (Message, Proposal, Agreed) and actions (Broadcast, ReceiveMessage,
/// ReceiveProposal, ReceiveAgreed, Deliver). Timestamps are <see cref="LamportTimestamp"/>s
/// &lt;&lt;time, node&gt;&gt;. The spec's Deliver is a step of its own: the node arms the
/// zero-delay timer "Deliver" when the head of its queue is deliverable.
/// </summary>
/// <param name="minAgreement">Seeded bug: agree on the smallest proposal instead of the largest.</param>
public sealed class IsisTotalOrderNode(bool minAgreement = false) : INode, IStateHash
{
    public const string DeliverTimer = "Deliver";

    private readonly List<QueueEntry> queue = [];
    private readonly SortedDictionary<MessageId, List<LamportTimestamp>> proposals = [];
    private int sendSeq;
    private int largestProposed;
    private int largestAgreed;

    // History, never read by the algorithm: the spec's deliveredLog[n], for the refinement mapping.
    private readonly List<MessageId> deliveredLog = [];

    public int SendSeq => sendSeq;
    public int LargestProposed => largestProposed;
    public int LargestAgreed => largestAgreed;
    public IReadOnlyList<QueueEntry> Queue => queue;
    public IReadOnlyList<MessageId> DeliveredLog => deliveredLog;

    /// <summary>Proposals collected for this node's own messages that are not agreed yet.</summary>
    public IReadOnlyDictionary<MessageId, List<LamportTimestamp>> Proposals => proposals;

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("ISIS total order is modelled without crashes: a sender waits for every node's proposal.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"IsisTotalOrder expects BroadcastRequest payloads, got {request.Payload}");
        var message = new Message(new MessageId(ctx.Self, sendSeq + 1), broadcast.Body);
        ctx.Label("Broadcast", ctx.Self + 1);
        ctx.Notify(new BroadcastIssued(message.Id, broadcast.Body));
        for (var to = 0; to < ctx.NodeCount; to++) ctx.Send(to, message);
        sendSeq++;
        ctx.Reply(request, message.Id);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Message m:
                ReceiveMessage(ctx, m);
                break;
            case Proposal p:
                ReceiveProposal(ctx, p);
                break;
            case Agreed a:
                ReceiveAgreed(ctx, a);
                break;
            default:
                throw new ArgumentException($"IsisTotalOrder got an unknown message {message}");
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != DeliverTimer) throw new ArgumentException($"IsisTotalOrder has no timer {timer}");
        var head = Head();
        if (head is not { Deliverable: true }) return;
        ctx.Label("Deliver", ctx.Self + 1, NumberedNodes.Id(head.Id));
        queue.Remove(head);
        deliveredLog.Add(head.Id);
        ctx.Deliver(new Delivery(head.Id, head.Body));
        ArmDelivery(ctx);
    }

    private void ReceiveMessage(INodeContext ctx, Message m)
    {
        ctx.Label("ReceiveMessage", ctx.Self + 1, NumberedNodes.Id(m.Id));
        var proposed = new LamportTimestamp(Math.Max(largestProposed, largestAgreed) + 1, ctx.Self);
        largestProposed = proposed.Time;
        queue.Add(new QueueEntry(m.Id, m.Body, proposed, Deliverable: false));
        ctx.Send(m.Id.Sender, new Proposal(m.Id, proposed));
    }

    private void ReceiveProposal(INodeContext ctx, Proposal p)
    {
        ctx.Label("ReceiveProposal", ctx.Self + 1, NumberedNodes.Id(p.Id), NumberedNodes.Timestamp(p.Ts));
        if (!proposals.TryGetValue(p.Id, out var collected)) proposals[p.Id] = collected = [];
        collected.Add(p.Ts);
        if (collected.Count < ctx.NodeCount) return;
        var agreed = collected.Aggregate(minAgreement ? LamportTimestamp.Min : LamportTimestamp.Max);
        proposals.Remove(p.Id);
        var final = new Agreed(p.Id, agreed);
        for (var to = 0; to < ctx.NodeCount; to++) ctx.Send(to, final);
    }

    private void ReceiveAgreed(INodeContext ctx, Agreed a)
    {
        ctx.Label("ReceiveAgreed", ctx.Self + 1, NumberedNodes.Id(a.Id), NumberedNodes.Timestamp(a.Ts));
        var index = queue.FindIndex(e => e.Id == a.Id);
        if (index < 0) throw new InvalidOperationException($"{SpecNames.Node(ctx.Self)} got the agreed timestamp of {a.Id} before the message itself");
        queue[index] = queue[index] with { Ts = a.Ts, Deliverable = true };
        largestAgreed = Math.Max(largestAgreed, a.Ts.Time);
        ArmDelivery(ctx);
    }

    private void ArmDelivery(INodeContext ctx)
    {
        if (Head() is { Deliverable: true } && !ctx.IsTimerSet(DeliverTimer)) ctx.SetTimer(DeliverTimer);
    }

    /// <summary>The queued entry with the smallest timestamp, deliverable or not.</summary>
    private QueueEntry? Head()
    {
        QueueEntry? head = null;
        foreach (var entry in queue)
            if (head is null || entry.Ts < head.Ts) head = entry;
        return head;
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(sendSeq);
        hasher.Add(largestProposed);
        hasher.Add(largestAgreed);
        foreach (var entry in queue)
        {
            hasher.Add(entry.Id);
            hasher.Add(entry.Body);
            hasher.Add(entry.Ts);
            hasher.Add(entry.Deliverable);
        }
        hasher.Separator();
        foreach (var (id, collected) in proposals)
        {
            hasher.Add(id);
            foreach (var ts in collected) hasher.Add(ts);
            hasher.Separator();
        }
        hasher.Separator();
        foreach (var id in deliveredLog) hasher.Add(id);
        return hasher.Value;
    }
}
