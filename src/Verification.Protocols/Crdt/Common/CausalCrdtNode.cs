using Verification.Protocols.Broadcast.CausalBroadcast;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.Common;

/// <summary>An operation a replica made and broadcast: the spec's update record [id, deps, ...].</summary>
public sealed record CrdtUpdate<TOp>(MessageId Id, IReadOnlyList<MessageId> Deps, TOp Op);

/// <summary>
/// An operation-based CRDT replica over causal broadcast (Shapiro et al.; Kleppmann): the node runs
/// an unchanged <see cref="CausalBroadcastNode"/> as its component and is that component's
/// application. A client's operation is prepared and applied at once at its origin and broadcast
/// (its body is the encoded operation); every other replica applies it when causal broadcast
/// delivers it. The broadcast's own steps (Receive, and the delivery of a replica's own update,
/// which it applied already) are below the CRDT spec's level: they are stuttering steps, so this
/// node keeps the component's labels to itself and labels the steps the CRDT spec names: the
/// operation (Increment(p), Add(p, e), ...) and Deliver(p, u).
/// </summary>
/// <typeparam name="TOp">The operation as it travels (an immutable record).</typeparam>
public abstract class CausalCrdtNode<TOp> : INode, IStateHash, ICrdtReplica where TOp : class
{
    private readonly CausalBroadcastNode broadcast = new();
    private readonly SortedSet<MessageId> applied = [];
    private readonly List<CrdtUpdate<TOp>> issued = [];
    // The messages received and not yet delivered, by id: a delivery names its update's deps.
    private readonly Dictionary<MessageId, Msg> received = [];

    /// <summary>The spec's delivered[p]: the updates this replica has applied, its own included.</summary>
    public IReadOnlyCollection<MessageId> Applied => applied;

    /// <summary>This node's share of the spec's updates: the operations it made, in order.</summary>
    public IReadOnlyList<CrdtUpdate<TOp>> Issued => issued;

    public abstract LabelValue State { get; }

    /// <summary>The operation a client's request asks for, or null where the spec does not enable it (removing an absent element).</summary>
    protected abstract TOp? Prepare(INodeContext ctx, object payload);

    /// <summary>Applies an operation (made here or delivered) to the replica.</summary>
    protected abstract void Effect(MessageId id, TOp op);

    /// <summary>The spec action that makes <paramref name="op"/> and its arguments after the node (Increment, Add with its element).</summary>
    protected abstract (string Action, object[] Arguments) ActionOf(TOp op);

    /// <summary>The operation's fields of the spec's update record (delta and val; op and elem; ...).</summary>
    public abstract IEnumerable<(string Field, LabelValue Value)> Fields(TOp op);

    protected abstract string Encode(TOp op);

    protected abstract TOp Decode(string body);

    /// <summary>The spec's update record [id, deps, ...] of an update.</summary>
    public LabelValue UpdateRecord(CrdtUpdate<TOp> update) =>
        CrdtLabels.Record([("id", update.Id.ToLabelValue()), ("deps", CrdtLabels.Ids(update.Deps)), .. Fields(update.Op)]);

    public void OnStart(INodeContext ctx) => broadcast.OnStart(ctx);

    public void OnRestart(INodeContext ctx, object? durableState) => broadcast.OnRestart(ctx, durableState);

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (Prepare(ctx, request.Payload) is not { } op)
        {
            ctx.Reply(request, "not enabled");
            return;
        }
        var (action, arguments) = ActionOf(op);
        ctx.Label(action, [LabelValue.OfNode(ctx.Self), .. arguments]);
        var component = new ComponentContext(ctx, this);
        broadcast.OnClientRequest(component, request with { Payload = new BroadcastRequest(Encode(op)) });
        var sent = component.Broadcast ?? throw new InvalidOperationException("causal broadcast sent nothing for a broadcast");
        issued.Add(new CrdtUpdate<TOp>(sent.Id, [.. CrdtLabels.Covered(sent.Deps.Entries)], op));
        applied.Add(sent.Id);
        Effect(sent.Id, op);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is Msg msg && msg.Id.Sender != ctx.Self) received[msg.Id] = msg;
        broadcast.OnMessage(new ComponentContext(ctx, this), from, message);
    }

    public void OnTimer(INodeContext ctx, string timer) => broadcast.OnTimer(new ComponentContext(ctx, this), timer);

    /// <summary>Causal broadcast delivered an update: apply it, unless it is this replica's own (applied when it was made).</summary>
    private void OnDelivery(INodeContext ctx, Delivery delivery)
    {
        if (delivery.Id.Sender == ctx.Self) return;
        var msg = received[delivery.Id];
        received.Remove(delivery.Id);
        var update = new CrdtUpdate<TOp>(msg.Id, [.. CrdtLabels.Covered(msg.Deps.Entries)], Decode(delivery.Body));
        ctx.Label("Deliver", LabelValue.OfNode(ctx.Self), UpdateRecord(update));
        applied.Add(update.Id);
        Effect(update.Id, update.Op);
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(broadcast.StateHash());
        hasher.Add(State.ToString());
        foreach (var id in applied) hasher.Add(id);
        return hasher.Value;
    }

    /// <summary>
    /// What the causal broadcast component sees of the world: the node's context, except that its
    /// deliveries go to this replica and its labels (its own spec's actions) are not the CRDT spec's.
    /// </summary>
    private sealed class ComponentContext(INodeContext ctx, CausalCrdtNode<TOp> replica) : INodeContext
    {
        /// <summary>The message a broadcast sent (the same to every node).</summary>
        public Msg? Broadcast { get; private set; }

        public int Self => ctx.Self;

        public int NodeCount => ctx.NodeCount;

        public void Send(int to, object message)
        {
            if (message is Msg msg) Broadcast = msg;
            ctx.Send(to, message);
        }

        public void SetTimer(string name, int delay = 0) => ctx.SetTimer(name, delay);

        public void CancelTimer(string name) => ctx.CancelTimer(name);

        public bool IsTimerSet(string name) => ctx.IsTimerSet(name);

        public void Deliver(object value)
        {
            ctx.Deliver(value);
            if (value is Delivery delivery) replica.OnDelivery(ctx, delivery);
        }

        public void Reply(ClientRequest request, object response) => ctx.Reply(request, response);

        public void Persist(object durableState) => ctx.Persist(durableState);

        public int Choose(int count) => ctx.Choose(count);

        public void Notify(object observation) => ctx.Notify(observation);

        public void Label(string action, params object[] args) { }
    }
}
