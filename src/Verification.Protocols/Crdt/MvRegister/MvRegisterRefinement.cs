using Verification.Protocols.Clocks;
using Verification.Protocols.Conformance;
using Verification.Protocols.Crdt.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Crdt.MvRegister;

/// <summary>The refinement mapping from an MvRegister world to the variables of specs/crdt/MvRegister.tla.</summary>
public static class MvRegisterRefinement
{
    private static readonly SentMessageSet Published = new(message => message is RegisterState state ? StateValue(state) : null);

    /// <summary>entries, context, msgs and writes, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var nodes = Enumerable.Range(0, n).Select(i => world.Node(i) as MvRegisterNode
            ?? throw new InvalidOperationException($"{SpecNames.Node(i)} is not a running MvRegisterNode (the spec has no crashes)")).ToArray();
        return new OrderedDictionary<string, Value>
        {
            ["entries"] = SpecValues.PerNode(n, i => Entries(nodes[i].Register.Entries)),
            ["context"] = SpecValues.PerNode(n, i => Clock(nodes[i].Register.Context)),
            ["msgs"] = Published.Of(world),
            ["writes"] = Entries(nodes.SelectMany(node => node.Writes)),
        };
    }

    /// <summary>A published state as the spec's record [entries, context].</summary>
    public static FunctionValue StateValue(RegisterState state) =>
        FunctionValue.Record(("entries", Entries(state.Entries)), ("context", Clock(state.Context)));

    private static FiniteSetValue Entries(IEnumerable<RegisterEntry> entries) =>
        FiniteSetValue.Of(entries.Select(e => (Value)FunctionValue.Record(("val", CausalCrdtRefinement.Spec(new LabelValue.Name(e.Value))), ("vv", Clock(e.Vv)))));

    /// <summary>A version vector as the spec's function [Node -> Nat].</summary>
    private static FunctionValue Clock(VectorClock clock) => SpecValues.PerNode(clock.Count, q => IntValue.Of(clock[q]));
}
