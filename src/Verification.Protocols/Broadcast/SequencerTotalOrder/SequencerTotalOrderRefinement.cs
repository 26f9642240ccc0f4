using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.SequencerTotalOrder;

/// <summary>The refinement mapping from a SequencerTotalOrder world to the variables of specs/broadcast/SequencerTotalOrder.tla.</summary>
public static class SequencerTotalOrderRefinement
{
    /// <summary>sendSeq, network, submitBuffer, sequencedFrom, nextSeq, buffer, delivered and deliveredLog, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var nodes = Enumerable.Range(0, n).Select(i => world.Node(i) as SequencerTotalOrderNode
            ?? throw new InvalidOperationException($"{SpecNames.Node(i)} is not a running SequencerTotalOrderNode (the spec has no crashes)")).ToArray();
        var sequencer = nodes[nodes[0].Sequencer];
        return new OrderedDictionary<string, Value>
        {
            ["sendSeq"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].SendSeq)),
            ["network"] = FiniteSetValue.Of(world.InFlight.Select(e => (Value)FunctionValue.Record(
                ("to", SpecValues.Node(e.To)),
                ("msg", e.Message switch
                {
                    Submit submit => SubmitValue(submit),
                    Sequenced sequenced => SequencedValue(sequenced),
                    _ => throw new InvalidOperationException($"unexpected message in flight: {e.Message}"),
                })))),
            ["submitBuffer"] = BroadcastValues.Ids(sequencer.SubmitBuffer.Select(s => s.Id)),
            ["sequencedFrom"] = SpecValues.PerNode(n, i => IntValue.Of(sequencer.SequencedFrom[i])),
            ["nextSeq"] = IntValue.Of(sequencer.NextSeq),
            ["buffer"] = SpecValues.PerNode(n, i => FiniteSetValue.Of(nodes[i].Buffer.Select(m => (Value)SequencedValue(m)))),
            ["delivered"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].Delivered)),
            ["deliveredLog"] = SpecValues.PerNode(n, i => BroadcastValues.Log(nodes[i].DeliveredLog)),
        };
    }

    public static FunctionValue SubmitValue(Submit submit) =>
        FunctionValue.Record(("type", StringValue.Of("Submit")), ("id", BroadcastValues.Id(submit.Id)));

    public static FunctionValue SequencedValue(Sequenced sequenced) =>
        FunctionValue.Record(("type", StringValue.Of("Sequenced")), ("seq", IntValue.Of(sequenced.Seq)), ("id", BroadcastValues.Id(sequenced.Id)));
}
