using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.Common;

/// <summary>What the CRDT systems' scenarios share: their faults and their monitors.</summary>
public static class CrdtScenarios
{
    /// <summary>
    /// Links that reorder and one partition, which holds messages back until it heals (at the latest
    /// after <see cref="FaultPhaseSteps"/> steps, the heal phase in which convergence is judged).
    /// </summary>
    public static FaultModel PartitionThenHeal { get; } = new() { MaxPartitions = 1, FaultsUntilStep = FaultPhaseSteps };

    public const int FaultPhaseSteps = 20;

    /// <summary>Strong eventual consistency: the safety half after every step, the liveness half, and the history checker.</summary>
    public static IReadOnlyList<SpecMonitor> StrongEventualConsistency() =>
        [new StrongConvergenceMonitor(), new ConvergenceMonitor(), new ReplicaHistoryMonitor()];

    /// <summary>
    /// An operation-based CRDT's checks: strong eventual consistency, and the guarantees of the causal
    /// broadcast it runs as a component (no creation, no duplication, causal order, every update
    /// delivered everywhere), which must hold under the composition as they do alone.
    /// </summary>
    public static IReadOnlyList<SpecMonitor> OverCausalBroadcast() =>
        [.. StrongEventualConsistency(), new NoCreationMonitor(), new NoDuplicationMonitor(), new CausalOrderMonitor(), new ValidityMonitor()];

    /// <summary>One request per entry, to the given node with the given payload, ids 1, 2, ...</summary>
    public static IReadOnlyList<ClientRequest> Workload(params (int Node, object Payload)[] requests) =>
        [.. requests.Select((r, i) => new ClientRequest(i + 1, r.Node, r.Payload))];
}
