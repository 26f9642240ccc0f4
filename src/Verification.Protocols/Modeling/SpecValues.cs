using Verification.Tla.Values;

namespace Verification.Protocols.Modeling;

/// <summary>Spec values every protocol's mapping uses: C# node i is model value n{i+1} (<see cref="SpecNames"/>).</summary>
public static class SpecValues
{
    /// <summary>The most nodes a world may have: a partition is a 64-bit mask of nodes.</summary>
    public const int MaxNodes = 64;
    private static readonly ModelValue[] Nodes = CreateNodes();

    private static ModelValue[] CreateNodes()
    {
        // Registered in order so that n1 < n2 < ... as when a cfg lists Node = {n1, n2, ...}.
        var registry = new ModelValueRegistry();
        var nodes = new ModelValue[MaxNodes];
        for (var i = 0; i < MaxNodes; i++) nodes[i] = registry.Get(SpecNames.Node(i));
        return nodes;
    }

    public static ModelValue Node(int node) => Nodes[node];

    public static FiniteSetValue NodeSet(IEnumerable<int> nodes) => FiniteSetValue.Of(nodes.Select(node => (Value)Node(node)));

    /// <summary>[p \in Node |-> value(p)] over nodes 0..count-1.</summary>
    public static FunctionValue PerNode(int count, Func<int, Value> value) =>
        FunctionValue.FromPairs(Enumerable.Range(0, count).Select(node => new KeyValuePair<Value, Value>(Node(node), value(node))));
}
