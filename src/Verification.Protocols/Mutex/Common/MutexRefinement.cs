using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Mutex.Common;

/// <summary>What the refinement mappings of the mutual exclusion systems share: their nodes and the spec's state[p].</summary>
public static class MutexRefinement
{
    private static readonly StringValue[] States = [StringValue.Of("idle"), StringValue.Of("wanting"), StringValue.Of("critical")];

    /// <summary>The spec's "idle", "wanting" or "critical".</summary>
    public static StringValue StateValue(MutexState state) => States[(int)state];

    /// <summary>The world's nodes, every one running (the specs have no crashes).</summary>
    public static TNode[] RunningNodes<TNode>(IWorldView world) where TNode : MutexNode
    {
        var nodes = new TNode[world.NodeCount];
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = world.Node(i) as TNode
                ?? throw new InvalidOperationException($"{SpecNames.Node(i)} is not a running {typeof(TNode).Name} (the spec has no crashes)");
        return nodes;
    }
}
