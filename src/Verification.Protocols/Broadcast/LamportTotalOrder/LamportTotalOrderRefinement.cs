using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>The refinement mapping from a LamportTotalOrder world to the variables of specs/broadcast/LamportTotalOrder.tla.</summary>
public static class LamportTotalOrderRefinement
{
    /// <summary>clock, sendSeq, links, queue, latest and deliveredLog, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var nodes = ViewNodes.OfSpecWithoutCrashes(world, _ => new LamportTotalOrderNode());
        // Each link's contents in send order: the world lists messages in flight in the order they were sent.
        var links = new List<KeyValuePair<Value, Value>>();
        for (var from = 0; from < n; from++)
            for (var to = 0; to < n; to++)
            {
                if (from == to) continue;
                var contents = world.InFlight.Where(e => e.From == from && e.To == to).Select(e => (Value)MessageValue(e.Message));
                links.Add(new(FunctionValue.Tuple(NumberedNodes.NodeValue(from), NumberedNodes.NodeValue(to)), FunctionValue.Tuple(contents)));
            }
        return new OrderedDictionary<string, Value>
        {
            ["clock"] = NumberedNodes.PerNode(n, i => IntValue.Of(nodes[i].Clock.Time)),
            ["sendSeq"] = NumberedNodes.PerNode(n, i => IntValue.Of(nodes[i].SendSeq)),
            ["links"] = FunctionValue.FromPairs(links),
            ["queue"] = NumberedNodes.PerNode(n, i => FiniteSetValue.Of(nodes[i].Queue.Select(m => (Value)QueueEntryValue(m)))),
            ["latest"] = NumberedNodes.PerNode(n, i => NumberedNodes.PerNode(n, k => IntValue.Of(nodes[i].Latest[k]))),
            ["deliveredLog"] = NumberedNodes.PerNode(n, i => NumberedNodes.LogValue(nodes[i].DeliveredLog)),
        };
    }

    /// <summary>A message on a link: [type |-> "Msg", time, id] or [type |-> "Ack", time].</summary>
    public static FunctionValue MessageValue(object message) => message switch
    {
        Msg msg => FunctionValue.Record(("type", StringValue.Of("Msg")), ("time", IntValue.Of(msg.Time)), ("id", NumberedNodes.IdValue(msg.Id))),
        Ack ack => FunctionValue.Record(("type", StringValue.Of("Ack")), ("time", IntValue.Of(ack.Time))),
        _ => throw new InvalidOperationException($"unexpected message in flight: {message}"),
    };

    /// <summary>A held-back message: [time, id].</summary>
    public static FunctionValue QueueEntryValue(Msg msg) =>
        FunctionValue.Record(("time", IntValue.Of(msg.Time)), ("id", NumberedNodes.IdValue(msg.Id)));
}
