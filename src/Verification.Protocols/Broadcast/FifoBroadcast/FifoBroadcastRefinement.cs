using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.FifoBroadcast;

/// <summary>The refinement mapping from a FifoBroadcast world to the variables of specs/broadcast/FifoBroadcast.tla.</summary>
public static class FifoBroadcastRefinement
{
    /// <summary>sent, outbox, network, delivered, buffer and crashed, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var abstraction = new BroadcastAbstraction(world, world.NodeCount, message => (message as Data)?.Id);
        return new OrderedDictionary<string, Value>
        {
            ["sent"] = abstraction.Sent(),
            ["outbox"] = abstraction.Outbox(),
            ["network"] = abstraction.NetworkSet(),
            ["delivered"] = abstraction.Delivered(),
            ["buffer"] = SpecValues.PerNode(world.NodeCount, node =>
                abstraction.LiveNode<FifoBroadcastNode>(node) is { } live ? BroadcastValues.Ids(live.Buffer) : FiniteSetValue.Empty),
            ["crashed"] = abstraction.Crashed(),
        };
    }
}
