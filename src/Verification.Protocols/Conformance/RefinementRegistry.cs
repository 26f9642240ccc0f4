using Verification.Protocols.Broadcast.BestEffortBroadcast;
using Verification.Protocols.Broadcast.CausalBroadcast;
using Verification.Protocols.Broadcast.EagerReliableBroadcast;
using Verification.Protocols.Broadcast.FifoBroadcast;
using Verification.Protocols.Broadcast.Gossip;
using Verification.Protocols.Broadcast.IsisTotalOrder;
using Verification.Protocols.Broadcast.LamportTotalOrder;
using Verification.Protocols.Broadcast.LazyReliableBroadcast;
using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Protocols.Broadcast.UniformReliableBroadcast;
using Verification.Protocols.Consensus.MultiPaxos;
using Verification.Protocols.Consensus.Paxos;
using Verification.Protocols.Consensus.Raft;
using Verification.Protocols.Consensus.RaftKv;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// A system's refinement mapping: the spec variables it gives and their values in a world. A
/// mapping may leave spec variables out (e.g. fault counters the world does not expose): the
/// validator then leaves them to the spec's nondeterminism.
/// </summary>
public interface IRefinementMapping
{
    /// <summary>The system (and TLA+ module) name, as `verify test` knows it.</summary>
    string System { get; }

    /// <summary>The abstract state: spec variable name to value.</summary>
    IReadOnlyDictionary<string, Value> AbstractState(IWorldView world);

    /// <summary>
    /// The spec action a step label names, or null to let the validator try every action of Next.
    /// Node labels (<c>INodeContext.Label("Receive", ...)</c>) use spec action names; the world's own
    /// descriptions of network and timer events (<c>Deliver(n0-&gt;n1, ...)</c>, <c>Timer(...)</c>) do not.
    /// </summary>
    string? SpecAction(string stepLabel);
}

/// <summary>A mapping made of the protocol's static <c>AbstractState</c> function.</summary>
public sealed partial class RefinementMapping(string system, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState) : IRefinementMapping
{
    public string System { get; } = system;

    public IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => abstractState(world);

    public string? SpecAction(string stepLabel) => DefaultSpecAction(stepLabel);

    /// <summary>The label's name before any argument list, unless the label is one of the world's own event descriptions.</summary>
    public static string? DefaultSpecAction(string stepLabel)
    {
        // Only the world's own message events read "Deliver(n1->n2, ...)"; a node's label may hold
        // "->" inside a record argument ([time |-> 1]) and still names its action.
        if (WorldMessageEvent().IsMatch(stepLabel)) return null;
        var open = stepLabel.IndexOf('(');
        var name = open < 0 ? stepLabel : stepLabel[..open];
        return name is "Timer" or "Request" or "Partition" or "Heal" or "Start" || name.Length == 0 ? null : name;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Deliver|Drop|Duplicate)\(n\d+->n\d+[,)]")]
    private static partial System.Text.RegularExpressions.Regex WorldMessageEvent();
}

/// <summary>The systems whose nodes have a refinement mapping to their spec, by system name (case-insensitive).</summary>
public static class RefinementRegistry
{
    private static readonly Dictionary<string, IRefinementMapping> Mappings = new IRefinementMapping[]
    {
        new RefinementMapping("BestEffortBroadcast", BestEffortBroadcastRefinement.AbstractState),
        new RefinementMapping("CausalBroadcast", CausalBroadcastRefinement.AbstractState),
        new RefinementMapping("EagerReliableBroadcast", EagerReliableBroadcastRefinement.AbstractState),
        new RefinementMapping("FifoBroadcast", FifoBroadcastRefinement.AbstractState),
        new RefinementMapping("Gossip", GossipRefinement.AbstractState),
        new RefinementMapping("IsisTotalOrder", IsisTotalOrderRefinement.AbstractState),
        new RefinementMapping("LamportTotalOrder", LamportTotalOrderRefinement.AbstractState),
        // The last node of the world is the failure detector, which the spec does not model.
        new RefinementMapping("LazyReliableBroadcast", world => LazyReliableBroadcastRefinement.AbstractState(world, world.NodeCount - 1)),
        new RefinementMapping("SequencerTotalOrder", SequencerTotalOrderRefinement.AbstractState),
        // MCUniformReliableBroadcast.cfg: MaxBroadcasts = 2, the system's workload size.
        new RefinementMapping("UniformReliableBroadcast", world => UniformReliableBroadcastRefinement.AbstractState(world, 2)),
        new RefinementMapping("Raft", RaftRefinement.AbstractState),
        new RefinementMapping("RaftKv", RaftKvRefinement.AbstractState),
        new RefinementMapping("Paxos", PaxosRefinement.AbstractState),
        new RefinementMapping("MultiPaxos", MultiPaxosRefinement.AbstractState),
    }.ToDictionary(static m => m.System, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Systems => Mappings.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The mapping of a system; a scenario system ("Raft/figure-8") shares its protocol's mapping.</summary>
    public static IRefinementMapping? Find(string system) =>
        Mappings.GetValueOrDefault(system)
        ?? (system.IndexOf('/') is > 0 and var slash ? Mappings.GetValueOrDefault(system[..slash]) : null);
}
