using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.UniformReliableBroadcast;

/// <summary>The refinement mapping from a UniformReliableBroadcast world to the variables of specs/broadcast/UniformReliableBroadcast.tla.</summary>
public static class UniformReliableBroadcastRefinement
{
    /// <summary>
    /// sent, outbox, network, delivered, crashed, pending and ack, in the spec's order.
    /// <paramref name="maxBroadcasts"/> is the spec's MaxBroadcasts: ack[p] is a function over every
    /// possible id, Node \X (1..MaxBroadcasts).
    /// </summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world, int maxBroadcasts)
    {
        var participants = world.NodeCount;
        var abstraction = new BroadcastAbstraction(world, participants, message => (message as Data)?.Id);
        var ids = Enumerable.Range(0, participants)
            .SelectMany(sender => Enumerable.Range(1, maxBroadcasts).Select(seq => new MessageId(sender, seq)))
            .ToArray();
        return new OrderedDictionary<string, Value>
        {
            ["sent"] = abstraction.Sent(),
            ["outbox"] = abstraction.Outbox(),
            ["network"] = abstraction.NetworkSet(),
            ["delivered"] = abstraction.Delivered(),
            ["crashed"] = abstraction.Crashed(),
            ["pending"] = SpecValues.PerNode(participants, node =>
                abstraction.LiveNode<UniformReliableBroadcastNode>(node) is { } live ? BroadcastValues.Ids(live.Pending) : FiniteSetValue.Empty),
            ["ack"] = SpecValues.PerNode(participants, node =>
            {
                var live = abstraction.LiveNode<UniformReliableBroadcastNode>(node);
                return FunctionValue.FromPairs(ids.Select(id => new KeyValuePair<Value, Value>(
                    BroadcastValues.Id(id),
                    live is null ? FiniteSetValue.Empty : SpecValues.NodeSet(live.AckOf(id)))));
            }),
        };
    }
}
