using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Crdt.Common;

/// <summary>
/// The refinement mapping of an operation-based CRDT over causal broadcast to its spec (CrdtCounter,
/// OrSet): the replica variable (value, elems), delivered and updates, in the specs' order. Causal
/// broadcast's own state (buffers, clocks, messages in flight) is below the specs' level.
/// </summary>
public static class CausalCrdtRefinement
{
    public static IReadOnlyDictionary<string, Value> AbstractState<TOp>(IWorldView world, string replicaVariable) where TOp : class
    {
        var n = world.NodeCount;
        var nodes = Enumerable.Range(0, n).Select(i => world.Node(i) as CausalCrdtNode<TOp>
            ?? throw new InvalidOperationException($"{SpecNames.Node(i)} is not a running replica (the spec has no crashes)")).ToArray();
        return new OrderedDictionary<string, Value>
        {
            [replicaVariable] = SpecValues.PerNode(n, i => Spec(nodes[i].State)),
            ["delivered"] = SpecValues.PerNode(n, i => BroadcastValues.Ids(nodes[i].Applied)),
            ["updates"] = FiniteSetValue.Of(nodes.SelectMany(node => node.Issued.Select(update => Spec(node.UpdateRecord(update))))),
        };
    }

    /// <summary>A label value the replicas wrote as a spec value (elements are model values, as the cfgs name them).</summary>
    public static Value Spec(LabelValue value) =>
        LabelValues.ToSpec(value, RefinementMapping.NamedNode) ?? throw new InvalidOperationException($"{value} is no spec value");
}
