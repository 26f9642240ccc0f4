using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.BestEffortBroadcast;

/// <summary>The refinement mapping from a BestEffortBroadcast world to the variables of specs/broadcast/BestEffortBroadcast.tla.</summary>
public static class BestEffortBroadcastRefinement
{
    /// <summary>
    /// sent, outbox, network (a bag), delivered and crashed, in the spec's order. The spec's
    /// duplicates counter is left out: the world does not expose its fault counters, so a trace
    /// checker must leave that variable to the spec.
    /// </summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var abstraction = new BroadcastAbstraction(world, world.NodeCount, message => (message as Data)?.Id);
        return new OrderedDictionary<string, Value>
        {
            ["sent"] = abstraction.Sent(),
            ["outbox"] = abstraction.Outbox(),
            ["network"] = abstraction.NetworkBag(),
            ["delivered"] = abstraction.Delivered(),
            ["crashed"] = abstraction.Crashed(),
        };
    }
}
