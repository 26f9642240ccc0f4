using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// What the broadcast algorithms of the suite share, written the way their specs write it: the
/// count of messages broadcast (<c>sent</c>), the queue of copies still to send (<c>outbox</c>,
/// action Send) and the log of deliveries (<c>delivered</c>). A subclass supplies what happens on
/// a broadcast and on a received message; this class follows the conventions of
/// <see cref="BroadcastRequest"/> (observation, reply) and labels the steps it performs itself.
/// </summary>
/// <remarks>
/// The algorithms built on it assume crash-stop processes: a crashed node never comes back, so a
/// restart (which the scenarios never enable) starts from scratch. The node keeps sent[p] and
/// delivered[p] in a <see cref="BroadcastLog"/> it persists, only so that they stay readable
/// after a crash (see there).
/// </remarks>
public abstract class BroadcastNode : INode, IStateHash
{
    private readonly HashSet<MessageId> deliveredSet = [];
    private BroadcastLog log = BroadcastLog.Empty;

    /// <summary>Spec: sent[p], how many messages this node has broadcast.</summary>
    public int Sent => log.Sent;

    /// <summary>Spec: outbox[p], the copies this node has still to send.</summary>
    public Outbox Outbox { get; } = new();

    /// <summary>Spec: delivered[p], the ids this node delivered, in order.</summary>
    public IReadOnlyList<MessageId> Delivered => log.Delivered;

    /// <summary>How many of the world's nodes take part in the broadcast (the rest are helpers such as a failure detector).</summary>
    protected int Participants { get; }

    protected BroadcastNode(int participants) => Participants = participants;

    public bool HasDelivered(MessageId id) => deliveredSet.Contains(id);

    /// <summary>Hands a message to the application and logs it (the spec's Append to delivered[p]).</summary>
    protected void DeliverToApplication(INodeContext ctx, MessageId id, string body)
    {
        deliveredSet.Add(id);
        log = log.WithDelivery(id);
        ctx.Persist(log);
        ctx.Deliver(new Delivery(id, body));
    }

    /// <summary>Queues <paramref name="message"/> for every other participant (spec: CopiesOf).</summary>
    protected void SendToOthers(INodeContext ctx, object message) => Outbox.EnqueueToOthers(ctx, message, Participants);

    /// <summary>
    /// Queues a relay of message <paramref name="id"/>, received from <paramref name="from"/>, for
    /// every participant except this node, <paramref name="from"/> and the message's sender, which
    /// all have it already (spec: RelaysOf).
    /// </summary>
    protected void Relay(INodeContext ctx, MessageId id, int from, object message)
    {
        for (var to = 0; to < Participants; to++)
            if (to != ctx.Self && to != from && to != id.Sender) Outbox.Enqueue(ctx, to, message);
    }

    public virtual void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState) => OnStart(ctx);

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"a broadcast node only accepts BroadcastRequest payloads, got {request.Payload.GetType().Name}");
        log = log.WithBroadcast();
        ctx.Persist(log);
        var id = new MessageId(ctx.Self, log.Sent);
        ctx.Label("Broadcast", LabelValue.OfNode(ctx.Self));
        ctx.Notify(new BroadcastIssued(id, broadcast.Body));
        OnBroadcast(ctx, id, broadcast.Body);
        ctx.Reply(request, id);
    }

    public virtual void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != Outbox.SendTimer) throw new InvalidOperationException($"unknown timer '{timer}'");
        var (to, message) = Outbox.SendNext(ctx);
        ctx.Label("Send", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(to), message);
    }

    public abstract void OnMessage(INodeContext ctx, int from, object message);

    /// <summary>The canonical state hash exhaustive exploration uses to skip states it has seen.</summary>
    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Sent);
        hasher.Add(Delivered.Count);
        foreach (var id in Delivered) hasher.Add(id);
        hasher.Add(Outbox.Count);
        foreach (var (to, message) in Outbox.Pending)
        {
            hasher.Add(to);
            hasher.Add(message.GetHashCode());
        }
        HashAlgorithmState(ref hasher);
        return hasher.Value;
    }

    /// <summary>Adds the subclass's own state (what is not derived from sent, delivered and the outbox) to the hash.</summary>
    private protected virtual void HashAlgorithmState(ref StateHasher hasher) { }

    /// <summary>The algorithm's reaction to broadcasting message <paramref name="id"/> (its sequence number is already counted in <see cref="Sent"/>).</summary>
    protected abstract void OnBroadcast(INodeContext ctx, MessageId id, string body);
}
