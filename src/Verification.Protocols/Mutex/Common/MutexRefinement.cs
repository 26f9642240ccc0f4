using Verification.Protocols.Conformance;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Mutex.Common;

/// <summary>What the refinement mappings of the mutual exclusion systems share: their nodes and the spec's state[p].</summary>
public static class MutexRefinement
{
    private static readonly StringValue[] States = [StringValue.Of("idle"), StringValue.Of("wanting"), StringValue.Of("critical")];

    /// <summary>The spec's "idle", "wanting" or "critical".</summary>
    public static StringValue StateValue(MutexState state) => States[(int)state];

    /// <summary>
    /// The world's nodes. A node the view does not show is in its initial state: the explorer runs
    /// every node (the specs have no crashes), while a real run's host maps one node at a time and
    /// shows only that one (its log then gives that node's entries).
    /// </summary>
    public static TNode[] Nodes<TNode>(IWorldView world, Func<TNode> initial) where TNode : MutexNode =>
        ViewNodes.OfSpecWithoutCrashes(world, _ => initial());
}
