using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// Three processes, two broadcasts (by n1 and n2), one crash, plus the perfect failure detector as
/// a fourth, uncrashable node that takes no part in the broadcast.
/// </summary>
public sealed class LazyReliableBroadcastSystem : ProtocolSystem<bool>
{
    public const string NoRelayOnCrash = "no-relay-on-crash";

    private const int Nodes = 3;
    private const int MaxCrashes = 1;
    private const int Detector = Nodes;

    public override string Name => "LazyReliableBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Lazy reliable broadcast: relay a sender's messages when a perfect failure detector reports its crash";
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 300;

    // The last node of the world is the failure detector, which the spec does not model.
    protected override IRefinementMapping CreateMapping() =>
        new RefinementMapping(Name, world => LazyReliableBroadcastRefinement.AbstractState(world, world.NodeCount - 1));

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NoRelayOnCrash, "on a crash report, does not relay the crashed sender's messages it already delivered") { Budget = 500, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool noRelayOnCrash) => new()
    {
        NodeCount = Nodes + 1,
        CreateNode = node => node == Detector
            ? new PerfectFailureDetector(Nodes)
            : new LazyReliableBroadcastNode(Nodes, Detector, noRelayOnCrash),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = MaxCrashes, CrashableNodes = new HashSet<int> { 0, 1, 2 } },
        CreateMonitors = () => BroadcastMonitors.Reliable(participants: Nodes),
    };
}
