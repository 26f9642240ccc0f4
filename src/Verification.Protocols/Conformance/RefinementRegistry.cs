using Verification.Protocols.Broadcast.BestEffortBroadcast;
using Verification.Protocols.Broadcast.Common;
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
        new RefinementMapping("IsisTotalOrder", IsisTotalOrderRefinement.AbstractState, RefinementMapping.NumberedNode),
        new RefinementMapping("LamportTotalOrder", LamportTotalOrderRefinement.AbstractState, RefinementMapping.NumberedNode),
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
