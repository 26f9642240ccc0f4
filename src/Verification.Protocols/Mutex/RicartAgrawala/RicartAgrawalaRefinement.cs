using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Protocols.Mutex.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Mutex.RicartAgrawala;

/// <summary>
/// The refinement mapping from a Ricart-Agrawala world to the variables of
/// specs/mutex/RicartAgrawala.tla: each node's clock, state, request time, request count, replies
/// and deferred requests, and the messages in flight as the spec's network (a set: the scenario
/// neither duplicates messages nor can a node have two identical ones in flight).
/// </summary>
public static class RicartAgrawalaRefinement
{
    /// <summary>clock, state, requestTime, requests, replied, deferred and network, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var nodes = MutexRefinement.Nodes(world, static () => new RicartAgrawalaNode());
        var n = nodes.Length;
        return new OrderedDictionary<string, Value>
        {
            ["clock"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].Clock.Time)),
            ["state"] = SpecValues.PerNode(n, i => MutexRefinement.StateValue(nodes[i].State)),
            ["requestTime"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].RequestTime)),
            ["requests"] = SpecValues.PerNode(n, i => IntValue.Of(nodes[i].Requests)),
            ["replied"] = SpecValues.PerNode(n, i => SpecValues.NodeSet(nodes[i].Replied)),
            ["deferred"] = SpecValues.PerNode(n, i => SpecValues.NodeSet(nodes[i].Deferred)),
            ["network"] = FiniteSetValue.Of(world.InFlight.Select(e =>
                LabelValues.ToSpec(RicartAgrawalaMessages.SpecMessage(e.From, e.To, e.Message), RefinementMapping.NamedNode)!)),
        };
    }
}
