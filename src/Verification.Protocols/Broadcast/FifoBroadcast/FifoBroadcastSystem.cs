using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.FifoBroadcast;

/// <summary>
/// Three processes; n1 broadcasts twice, over a reordering network with one crash: the spec's CI
/// model (MaxBroadcasts = 2), where the order of one sender's messages is what can go wrong.
/// </summary>
public sealed class FifoBroadcastSystem : ProtocolSystem<bool>
{
    public const string NoHoldback = "no-holdback";

    private const int Nodes = 3;

    public override string Name => "FifoBroadcast";
    public override string Family => "broadcast";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "FIFO reliable broadcast: sequence numbers and a hold-back buffer over eager reliable broadcast";
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 400;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, FifoBroadcastRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NoHoldback, "delivers a message on receipt without holding it back until the sender's earlier messages are delivered") { Budget = 100, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool noHoldback) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new FifoBroadcastNode(Nodes, noHoldback),
        Workload = BroadcastWorkload.FromSenders(0, 0),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.FifoReliable(),
    };
}
