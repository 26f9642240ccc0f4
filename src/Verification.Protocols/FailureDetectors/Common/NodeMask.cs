using Verification.Protocols.Modeling;
using Verification.Tla.Values;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>A set of nodes (at most 62) as a bit mask: node i is bit i. An immutable value.</summary>
public readonly record struct NodeMask(long Bits)
{
    public static NodeMask Empty => default;

    /// <summary>Nodes 0..count-1.</summary>
    public static NodeMask All(int count) => new((1L << count) - 1);

    public bool Contains(int node) => ((Bits >> node) & 1) != 0;

    public NodeMask With(int node) => new(Bits | (1L << node));

    public NodeMask Without(int node) => new(Bits & ~(1L << node));

    public NodeMask Union(NodeMask other) => new(Bits | other.Bits);

    public NodeMask Minus(NodeMask other) => new(Bits & ~other.Bits);

    public NodeMask Intersect(NodeMask other) => new(Bits & other.Bits);

    public bool IsEmpty => Bits == 0;

    public IEnumerable<int> Members()
    {
        for (var node = 0; node < 63; node++)
            if (Contains(node)) yield return node;
    }

    /// <summary>The spec's set of model values n1..nk.</summary>
    public FiniteSetValue ToSpec() => SpecValues.NodeSet(Members());

    public override string ToString() => "{" + string.Join(", ", Members().Select(SpecNames.Node)) + "}";
}
