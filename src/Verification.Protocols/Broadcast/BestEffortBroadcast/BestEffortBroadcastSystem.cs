using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.BestEffortBroadcast;

/// <summary>
/// Three processes, two broadcasts (by n1 and n2), one crash and one duplicated copy: the fault
/// model of the spec's CI model.
/// </summary>
public sealed class BestEffortBroadcastSystem : ProtocolSystem<bool>
{
    public const string DeliverDuplicates = "deliver-duplicates";

    private const int Nodes = 3;

    public override string Name => "BestEffortBroadcast";
    public override string Family => "broadcast";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Best-effort broadcast over links that may duplicate (crash-stop)";
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 200;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, BestEffortBroadcastRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(DeliverDuplicates, "delivers every copy it receives, so a duplicated copy is delivered twice") { Budget = 100, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool deliverDuplicates) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new BestEffortBroadcastNode(Nodes, deliverDuplicates),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1, MaxDuplicates = 1 },
        CreateMonitors = () => BroadcastMonitors.BestEffort(),
    };
}
