using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>The refinement mapping from a LazyReliableBroadcast world to the variables of specs/broadcast/LazyReliableBroadcast.tla.</summary>
/// <remarks>
/// The failure detector node and its traffic (pings, pongs, crash reports in flight) are not in
/// the spec: the detector's steps map to stuttering steps, and a crash report takes effect (the
/// spec's DetectCrash) when a node receives it.
/// </remarks>
public static class LazyReliableBroadcastRefinement
{
    /// <summary>sent, outbox, network, delivered, crashed and correct, in the spec's order; <paramref name="participants"/> excludes the detector node.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world, int participants)
    {
        var abstraction = new BroadcastAbstraction(world, participants, message => (message as Data)?.Id);
        var everyone = SpecValues.NodeSet(Enumerable.Range(0, participants));
        return new OrderedDictionary<string, Value>
        {
            ["sent"] = abstraction.Sent(),
            ["outbox"] = abstraction.Outbox(),
            ["network"] = abstraction.NetworkSet(),
            ["delivered"] = abstraction.Delivered(),
            ["crashed"] = abstraction.Crashed(),
            ["correct"] = SpecValues.PerNode(participants, node =>
                abstraction.LiveNode<LazyReliableBroadcastNode>(node) is { } live
                    ? SpecValues.NodeSet(Enumerable.Range(0, participants).Where(live.IsCorrect))
                    : everyone),
        };
    }
}
