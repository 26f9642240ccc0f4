using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Crdt.CrdtCounter;

/// <summary>The refinement mapping from a CrdtCounter world to the variables of specs/crdt/CrdtCounter.tla.</summary>
public static class CrdtCounterRefinement
{
    /// <summary>value, delivered and updates, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => CausalCrdtRefinement.AbstractState<CounterOp>(world, "value");
}
