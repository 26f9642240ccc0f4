using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Crdt.OrSet;

/// <summary>The refinement mapping from an OrSet world to the variables of specs/crdt/OrSet.tla.</summary>
public static class OrSetRefinement
{
    /// <summary>elems, delivered and updates, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => CausalCrdtRefinement.AbstractState<OrSetOp>(world, "elems");
}
