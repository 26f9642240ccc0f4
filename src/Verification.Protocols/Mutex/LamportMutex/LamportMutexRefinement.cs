using Verification.Protocols.Modeling;
using Verification.Protocols.Mutex.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Mutex.LamportMutex;

/// <summary>
/// The refinement mapping from a LamportMutex world to the variables of specs/mutex/LamportMutex.tla:
/// each node's clock, state, request count, queue and latest timestamps, and each link's messages
/// in flight in send order (the scenario's links are FIFO, so that is the order they arrive in).
/// </summary>
public static class LamportMutexRefinement
{
    /// <summary>clock, state, requests, queue, latest and links, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var nodes = MutexRefinement.Nodes(world, static () => new LamportMutexNode());
        var n = nodes.Length;
        var links = new List<KeyValuePair<Value, Value>>();
        for (var from = 0; from < n; from++)
            for (var to = 0; to < n; to++)
            {
                if (from == to) continue;
                var contents = world.InFlight.Where(e => e.From == from && e.To == to).Select(e => (Value)MessageValue(e.Message));
                links.Add(new(FunctionValue.Tuple(SpecValues.Node(from), SpecValues.Node(to)), FunctionValue.Tuple(contents)));
            }
        return new OrderedDictionary<string, Value>
        {
            ["clock"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].Clock.Time)),
            ["state"] = SpecValues.PerNode(n, i => MutexRefinement.StateValue(nodes[i].State)),
            ["requests"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].Requests)),
            ["queue"] = SpecValues.PerNode(n, i => FiniteSetValue.Of(nodes[i].Queue.Select(r =>
                (Value)FunctionValue.Record(("time", IntValue.Of(r.Value)), ("node", SpecValues.Node(r.Key)))))),
            ["latest"] = SpecValues.PerNode(n, i => SpecValues.PerNode(n, k => IntValue.Of(nodes[i].Latest.GetValueOrDefault(k)))),
            ["links"] = FunctionValue.FromPairs(links),
        };
    }

    /// <summary>A message on a link: [type, time].</summary>
    private static FunctionValue MessageValue(object message) => message switch
    {
        Request m => Message("Request", m.Time),
        Ack m => Message("Ack", m.Time),
        Release m => Message("Release", m.Time),
        _ => throw new InvalidOperationException($"unexpected message in flight: {message}"),
    };

    private static FunctionValue Message(string type, int time) =>
        FunctionValue.Record(("type", StringValue.Of(type)), ("time", IntValue.Of(time)));
}
