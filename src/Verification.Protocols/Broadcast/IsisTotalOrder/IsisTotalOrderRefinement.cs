using Verification.Protocols.Broadcast.LamportTotalOrder;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.IsisTotalOrder;

/// <summary>The refinement mapping from an IsisTotalOrder world to the variables of specs/broadcast/IsisTotalOrder.tla.</summary>
public static class IsisTotalOrderRefinement
{
    /// <summary>sendSeq, largestProposed, largestAgreed, queue, proposals, network and deliveredLog, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var nodes = Enumerable.Range(0, n).Select(i => world.Node(i) as IsisTotalOrderNode
            ?? throw new InvalidOperationException($"{SpecNames.Node(i)} is not a running IsisTotalOrderNode (the spec has no crashes)")).ToArray();
        return new OrderedDictionary<string, Value>
        {
            ["sendSeq"] = NumberedNodes.PerNode(n, i => IntValue.Of(nodes[i].SendSeq)),
            ["largestProposed"] = NumberedNodes.PerNode(n, i => IntValue.Of(nodes[i].LargestProposed)),
            ["largestAgreed"] = NumberedNodes.PerNode(n, i => IntValue.Of(nodes[i].LargestAgreed)),
            ["queue"] = NumberedNodes.PerNode(n, i => FiniteSetValue.Of(nodes[i].Queue.Select(e => (Value)FunctionValue.Record(
                ("id", NumberedNodes.IdValue(e.Id)),
                ("ts", NumberedNodes.TimestampValue(e.Ts)),
                ("deliverable", BoolValue.Of(e.Deliverable)))))),
            ["proposals"] = NumberedNodes.PerNode(n, i => FiniteSetValue.Of(nodes[i].Proposals.SelectMany(p => p.Value.Select(ts =>
                (Value)FunctionValue.Record(("id", NumberedNodes.IdValue(p.Key)), ("ts", NumberedNodes.TimestampValue(ts))))))),
            ["network"] = FiniteSetValue.Of(world.InFlight.Select(e => (Value)(e.Message switch
            {
                Message m => FunctionValue.Record(("type", StringValue.Of("Message")), ("id", NumberedNodes.IdValue(m.Id)), ("to", NumberedNodes.NodeValue(e.To))),
                Proposal p => FunctionValue.Record(("type", StringValue.Of("Proposal")), ("id", NumberedNodes.IdValue(p.Id)), ("ts", NumberedNodes.TimestampValue(p.Ts)), ("to", NumberedNodes.NodeValue(e.To))),
                Agreed a => FunctionValue.Record(("type", StringValue.Of("Agreed")), ("id", NumberedNodes.IdValue(a.Id)), ("ts", NumberedNodes.TimestampValue(a.Ts)), ("to", NumberedNodes.NodeValue(e.To))),
                _ => throw new InvalidOperationException($"unexpected message in flight: {e.Message}"),
            }))),
            ["deliveredLog"] = NumberedNodes.PerNode(n, i => NumberedNodes.LogValue(nodes[i].DeliveredLog)),
        };
    }
}
