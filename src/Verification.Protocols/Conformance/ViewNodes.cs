using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Conformance;

/// <summary>The nodes of a world whose spec has no crashes, as a refinement mapping reads them.</summary>
public static class ViewNodes
{
    /// <summary>
    /// Every node of <paramref name="world"/>. The explorer shows every node; a real run's host maps one node
    /// at a time and shows only that one (its log line gives that node's part of the state), so a node the
    /// view does not show is read as <paramref name="unseen"/> builds it. A crashed node is a mapping error:
    /// the spec has no crashes.
    /// </summary>
    public static TNode[] OfSpecWithoutCrashes<TNode>(IWorldView world, Func<int, TNode> unseen) where TNode : class, INode
    {
        var nodes = new TNode[world.NodeCount];
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = world.Node(i) as TNode
                ?? (world.HasCrashed(i)
                    ? throw new InvalidOperationException($"{SpecNames.Node(i)} has crashed, but the spec has no crashes")
                    : world.Node(i) is { } other
                        ? throw new InvalidOperationException($"{SpecNames.Node(i)} is a {other.GetType().Name}, not a {typeof(TNode).Name}")
                        : unseen(i));
        return nodes;
    }
}
