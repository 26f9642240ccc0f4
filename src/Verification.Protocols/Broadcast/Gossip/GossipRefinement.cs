using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>The refinement mapping from a Gossip world to the variables of specs/broadcast/Gossip.tla.</summary>
public static class GossipRefinement
{
    /// <summary>sendSeq, seen, network, deliveredLog and crashed, in the spec's order.</summary>
    /// <remarks>sendSeq, seen and deliveredLog come from each node's persisted <see cref="BroadcastLog"/>, so they survive a crash as in the spec.</remarks>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var logs = Enumerable.Range(0, n).Select(i => world.Durable(i) as BroadcastLog ?? BroadcastLog.Empty).ToArray();
        return new OrderedDictionary<string, Value>
        {
            ["sendSeq"] = SpecValues.PerNode(n, i => IntValue.Of(logs[i].Sent)),
            ["seen"] = SpecValues.PerNode(n, i => BroadcastValues.Ids(logs[i].Delivered)),
            ["network"] = FiniteSetValue.Of(world.InFlight.Select(e => (Value)RumorValue(e.From, e.To, (Rumor)e.Message))),
            ["deliveredLog"] = SpecValues.PerNode(n, i => BroadcastValues.Log(logs[i].Delivered)),
            ["crashed"] = SpecValues.NodeSet(Enumerable.Range(0, n).Where(world.HasCrashed)),
        };
    }

    /// <summary>The spec's rumor record [from, to, id, round].</summary>
    public static FunctionValue RumorValue(int from, int to, Rumor rumor) => FunctionValue.Record(
        ("from", SpecValues.Node(from)), ("to", SpecValues.Node(to)), ("id", BroadcastValues.Id(rumor.Id)), ("round", IntValue.Of(rumor.Round)));
}
