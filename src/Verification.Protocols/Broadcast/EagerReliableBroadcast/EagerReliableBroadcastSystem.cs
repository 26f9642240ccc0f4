using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.EagerReliableBroadcast;

/// <summary>Three processes, two broadcasts (by n1 and n2), one crash: the spec's CI model.</summary>
public sealed class EagerReliableBroadcastSystem : ProtocolSystem<bool>
{
    public const string NoRelay = "no-relay";

    private const int Nodes = 3;

    public override string Name => "EagerReliableBroadcast";
    public override string Family => "broadcast";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Eager reliable broadcast: relay on first delivery (crash-stop)";
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, EagerReliableBroadcastRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NoRelay, "delivers without relaying, so a sender crashing mid-broadcast leaves some correct nodes without the message") { Budget = 200, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool noRelay) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new EagerReliableBroadcastNode(Nodes, noRelay),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.Reliable(),
    };
}
