using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.CausalBroadcast;

/// <summary>The refinement mapping from a CausalBroadcast world to the variables of specs/broadcast/CausalBroadcast.tla.</summary>
public static class CausalBroadcastRefinement
{
    /// <summary>sendSeq, delivered, buffer, network, deliveredLog and causalPast, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var nodes = ViewNodes.OfSpecWithoutCrashes(world, _ => new CausalBroadcastNode());
        return new OrderedDictionary<string, Value>
        {
            ["sendSeq"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].SendSeq)),
            ["delivered"] = SpecValues.PerNode(n, i => Clock(nodes[i].Delivered)),
            ["buffer"] = SpecValues.PerNode(n, i => FiniteSetValue.Of(nodes[i].Buffer.Select(m => (Value)MsgValue(m)))),
            ["network"] = FiniteSetValue.Of(world.InFlight
                .Where(e => e.Message is Msg)
                .Select(e => (Value)FunctionValue.Record(("to", SpecValues.Node(e.To)), ("msg", MsgValue((Msg)e.Message))))),
            ["deliveredLog"] = SpecValues.PerNode(n, i => BroadcastValues.Log(nodes[i].DeliveredLog)),
            ["causalPast"] = FiniteSetValue.Of(nodes.SelectMany(node => node.CausalPast)
                .Select(pair => (Value)FunctionValue.Tuple(BroadcastValues.Id(pair.Earlier), BroadcastValues.Id(pair.Later)))),
        };
    }

    /// <summary>The spec's Msg record [id, deps].</summary>
    public static FunctionValue MsgValue(Msg msg) => FunctionValue.Record(("id", BroadcastValues.Id(msg.Id)), ("deps", Clock(msg.Deps)));

    /// <summary>A vector clock as the spec's function [Node -> Nat].</summary>
    public static FunctionValue Clock(VectorClock clock) => SpecValues.PerNode(clock.Count, k => IntValue.Of(clock[k]));
}
