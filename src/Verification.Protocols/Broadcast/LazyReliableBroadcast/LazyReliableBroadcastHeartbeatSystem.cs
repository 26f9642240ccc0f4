using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// Lazy reliable broadcast with the failure detector it assumes built from heartbeats: three
/// processes, two broadcasts (by n1 and n2), one crash, and in every process the perfect detector
/// P of specs/failure-detectors (<see cref="LazyReliableBroadcastNode.Heartbeats"/>), whose timeout
/// detecting a crash is the spec's DetectCrash. The same spec and models as
/// <see cref="LazyReliableBroadcastSystem"/>, whose oracle detector node stays the "perfect" variant.
/// </summary>
public sealed class LazyReliableBroadcastHeartbeatSystem : ProtocolSystem<bool>
{
    private const int Nodes = 3;

    public override string Name => "LazyReliableBroadcastHeartbeat";
    public override string Family => "broadcast";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Lazy reliable broadcast over a heartbeat perfect failure detector in every process";
    public override string? Spec => InSpecFolder("LazyReliableBroadcast.tla");
    public override string? Config => InSpecFolder("MCLazyReliableBroadcast.cfg");
    public override IReadOnlyList<string> LivenessConfigs => [InSpecFolder("MCLazyReliableBroadcastLiveness.cfg")];
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 80;
    public override int ExplorationBudget => 100;

    protected override IRefinementMapping CreateMapping() =>
        new RefinementMapping(Name, world => LazyReliableBroadcastRefinement.AbstractState(world, world.NodeCount));

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(LazyReliableBroadcastSystem.NoRelayOnCrash, "on detecting a crash, does not relay the crashed sender's messages it already delivered") { Budget = 500, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool noRelayOnCrash) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new LazyReliableBroadcastNode(Nodes, LazyReliableBroadcastNode.Heartbeats, noRelayOnCrash),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.Reliable(participants: Nodes),
    };
}
