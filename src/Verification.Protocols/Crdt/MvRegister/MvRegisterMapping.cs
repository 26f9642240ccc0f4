using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Crdt.MvRegister;

/// <summary>
/// The register's refinement mapping, with one thing added: a step label has no function values,
/// so a <c>Merge(p, m)</c> label writes each version vector of <c>m</c> as a record
/// <c>[n1 |-> 0, n2 |-> 1, ...]</c>, while the spec's is a function of the nodes
/// <c>(n1 :> 0 @@ n2 :> 1 @@ ...)</c>. The label's arguments are read back as the spec's, so a
/// diagnosis examines the state the step merged.
/// </summary>
internal sealed class MvRegisterMapping(RefinementMapping mapping) : IRefinementMapping
{
    public string System => mapping.System;

    public IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => mapping.AbstractState(world);

    public string? SpecAction(StepLabel label) => mapping.SpecAction(label);

    public Value? ActingNode(StepLabel label) => mapping.ActingNode(label);

    public IReadOnlyList<Value?> Arguments(StepLabel label) => [.. mapping.Arguments(label).Select(a => a is null ? null : AsSpec(a))];

    public Value Node(int node) => mapping.Node(node);

    private static Value AsSpec(Value value) => value switch
    {
        FunctionValue { IsRecord: true } record when NodeIndices(record) is { } nodes =>
            SpecValues.PerNode(nodes.Length, q => record.ValueAt(Array.IndexOf(nodes, q))),
        FunctionValue { IsRecord: true } record =>
            FunctionValue.Record(Enumerable.Range(0, record.Count).Select(k => new KeyValuePair<string, Value>(((StringValue)record.DomainElements[k]).Value, AsSpec(record.ValueAt(k))))),
        FiniteSetValue set => FiniteSetValue.Of(set.Enumerate().Select(AsSpec)),
        _ => value,
    };

    /// <summary>The C# node of each field when the record's fields are exactly n1..nk (a version vector), else null.</summary>
    private static int[]? NodeIndices(FunctionValue record)
    {
        var nodes = new int[record.Count];
        for (var k = 0; k < nodes.Length; k++)
        {
            var field = ((StringValue)record.DomainElements[k]).Value;
            nodes[k] = Enumerable.Range(0, nodes.Length).FirstOrDefault(q => SpecNames.Node(q) == field, -1);
            if (nodes[k] < 0) return null;
        }
        return nodes;
    }
}
