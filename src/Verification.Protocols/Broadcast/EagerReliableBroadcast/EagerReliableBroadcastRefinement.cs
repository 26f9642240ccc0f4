using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.EagerReliableBroadcast;

/// <summary>The refinement mapping from an EagerReliableBroadcast world to the variables of specs/broadcast/EagerReliableBroadcast.tla.</summary>
public static class EagerReliableBroadcastRefinement
{
    /// <summary>sent, outbox, network, delivered and crashed, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var abstraction = new BroadcastAbstraction(world, world.NodeCount, message => (message as Data)?.Id);
        return new OrderedDictionary<string, Value>
        {
            ["sent"] = abstraction.Sent(),
            ["outbox"] = abstraction.Outbox(),
            ["network"] = abstraction.NetworkSet(),
            ["delivered"] = abstraction.Delivered(),
            ["crashed"] = abstraction.Crashed(),
        };
    }
}
