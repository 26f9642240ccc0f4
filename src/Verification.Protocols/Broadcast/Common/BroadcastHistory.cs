using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// What the broadcast monitors know of a run, built from monitor events only: every broadcast in
/// the order it was issued, and every node's deliveries in the order they happened.
/// </summary>
public sealed class BroadcastHistory
{
    private readonly List<BroadcastIssued> broadcasts = [];
    private readonly Dictionary<MessageId, string> bodies = [];
    private readonly List<List<MessageId>> deliveredInOrder = [];
    private readonly List<HashSet<MessageId>> deliveredSets = [];

    /// <summary>Broadcasts in the order they were issued.</summary>
    public IReadOnlyList<BroadcastIssued> Broadcasts => broadcasts;

    public bool WasBroadcast(MessageId id) => bodies.ContainsKey(id);

    public string? BodyOf(MessageId id) => bodies.GetValueOrDefault(id);

    /// <summary>The messages <paramref name="node"/> delivered, in delivery order (duplicates included).</summary>
    public IReadOnlyList<MessageId> DeliveredBy(int node) => node < deliveredInOrder.Count ? deliveredInOrder[node] : [];

    public bool HasDelivered(int node, MessageId id) => node < deliveredSets.Count && deliveredSets[node].Contains(id);

    /// <summary>Records a broadcast; false if a broadcast with the same id was already issued.</summary>
    public bool RecordBroadcast(BroadcastIssued broadcast)
    {
        if (!bodies.TryAdd(broadcast.Id, broadcast.Body)) return false;
        broadcasts.Add(broadcast);
        return true;
    }

    /// <summary>Records a delivery; false if <paramref name="node"/> had already delivered this message.</summary>
    public bool RecordDelivery(int node, MessageId id)
    {
        while (deliveredInOrder.Count <= node)
        {
            deliveredInOrder.Add([]);
            deliveredSets.Add([]);
        }
        deliveredInOrder[node].Add(id);
        return deliveredSets[node].Add(id);
    }
}

/// <summary>
/// Base of the broadcast monitors: keeps a <see cref="BroadcastHistory"/> up to date from the
/// conventions' observations and deliveries, then lets the property check the event.
/// </summary>
public abstract class BroadcastMonitor : SpecMonitor
{
    protected BroadcastHistory History { get; } = new();

    /// <summary>
    /// How many nodes take part in the broadcast: nodes 0..Participants-1. Null means every node of
    /// the world; set it when the scenario adds helper nodes (e.g. a failure detector) after them.
    /// </summary>
    public int? Participants { get; init; }

    protected int ParticipantCount(IWorldView world) => Participants ?? world.NodeCount;

    public sealed override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: BroadcastIssued broadcast } observed:
                BeforeBroadcast(observed.Node, broadcast, world);
                History.RecordBroadcast(broadcast);
                break;
            case Delivered { Value: Delivery delivery } delivered:
                BeforeDelivery(delivered.Node, delivery, world);
                History.RecordDelivery(delivered.Node, delivery.Id);
                break;
            case StepCompleted or RunEnded:
                AfterStep(world);
                break;
        }
    }

    /// <summary>A node is broadcasting; the history does not contain it yet.</summary>
    protected virtual void BeforeBroadcast(int node, BroadcastIssued broadcast, IWorldView world) { }

    /// <summary>A node is delivering; the history does not contain this delivery yet.</summary>
    protected virtual void BeforeDelivery(int node, Delivery delivery, IWorldView world) { }

    /// <summary>A step (or the run) ended: the place to re-evaluate liveness obligations.</summary>
    protected virtual void AfterStep(IWorldView world) { }

    protected static bool IsCorrect(IWorldView world, int node) => !world.HasCrashed(node);
}
