using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// The refinement mapping shared by the broadcast algorithms built on <see cref="BroadcastNode"/>:
/// the spec variables sent, outbox, network, delivered and crashed, computed from the world. A
/// crashed node's sent[p] and delivered[p] come from its persisted <see cref="BroadcastLog"/>; its
/// outbox, like the rest of its volatile state, is empty, as in the specs' Crash action.
/// </summary>
/// <param name="participants">Nodes 0..participants-1 run the algorithm; later ones are helpers.</param>
/// <param name="copyId">The message id a protocol message carries, or null for traffic the spec does not model.</param>
public sealed class BroadcastAbstraction(IWorldView world, int participants, Func<object, MessageId?> copyId)
{
    public int Participants => participants;

    /// <summary>The live node object, or null for a crashed node.</summary>
    public T? LiveNode<T>(int node) where T : BroadcastNode => world.IsUp(node) ? world.Node(node) as T : null;

    private BroadcastLog LogOf(int node) => world.Durable(node) as BroadcastLog ?? BroadcastLog.Empty;

    public Value Sent() => SpecValues.PerNode(participants, node => IntValue.Of(LogOf(node).Sent));

    public Value Delivered() => SpecValues.PerNode(participants, node => BroadcastValues.Log(LogOf(node).Delivered));

    public Value Crashed() => SpecValues.NodeSet(Enumerable.Range(0, participants).Where(world.HasCrashed));

    public Value Outbox() => SpecValues.PerNode(participants, node =>
    {
        var live = LiveNode<BroadcastNode>(node);
        if (live is null) return FiniteSetValue.Empty;
        return FiniteSetValue.Of(live.Outbox.Pending
            .Select(send => (send.To, Id: copyId(send.Message)))
            .Where(send => send.Id is not null)
            .Select(send => (Value)BroadcastValues.Copy(node, send.To, send.Id!.Value)));
    });

    /// <summary>The copies in flight as a set (links that do not duplicate).</summary>
    public Value NetworkSet() => FiniteSetValue.Of(CopiesInFlight());

    /// <summary>The copies in flight as a bag: [copy |-> number of copies] (links that may duplicate).</summary>
    public Value NetworkBag() => FunctionValue.FromPairs(CopiesInFlight()
        .GroupBy(copy => copy)
        .Select(group => new KeyValuePair<Value, Value>(group.Key, IntValue.Of(group.Count()))));

    private IEnumerable<Value> CopiesInFlight()
    {
        foreach (var envelope in world.InFlight)
        {
            if (envelope.From >= participants || envelope.To >= participants) continue;
            if (copyId(envelope.Message) is { } id) yield return BroadcastValues.Copy(envelope.From, envelope.To, id);
        }
    }
}
