using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Consensus.RaftKv;

/// <summary>
/// The key-value store's runs as runs of specs/consensus/Raft.tla: the Raft node inside each
/// <see cref="RaftKvNode"/> through <see cref="RaftRefinement"/>, with operation k of the workload
/// as model value op{k}. The store's own state (the map, the replies) is above the spec.
/// </summary>
public static class RaftKvRefinement
{
    /// <summary>MCRaftKvConformance.cfg: Value = {op1, ..., op18}, the workload's operations.</summary>
    public static RaftPayloads Payloads { get; } = new(
        [.. RaftKvSystem.Workload().Select(static r => Name((KvInput)r.Payload))],
        static payload => payload is KvInput input ? Name(input) : null);

    private static string Name(KvInput input) => $"op{input.OpId}";

    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => RaftRefinement.AbstractState(world, Payloads);
}
