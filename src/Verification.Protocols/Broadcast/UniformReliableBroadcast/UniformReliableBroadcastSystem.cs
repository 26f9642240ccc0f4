using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.UniformReliableBroadcast;

/// <summary>Three processes, two broadcasts (by n1 and n2), one crash (n > 2f): the spec's CI model.</summary>
public sealed class UniformReliableBroadcastSystem : ProtocolSystem<bool>
{
    public const string DeliverBeforeMajority = "deliver-before-majority";

    private const int Nodes = 3;

    public override string Name => "UniformReliableBroadcast";
    public override string Family => "broadcast";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Majority-ack uniform reliable broadcast (n > 2f, no failure detector)";
    // The CI model is sized like the scenario: runs are validated against it.
    public override string? ConformanceConfig => Config;
    public override int DefaultMaxSteps => 300;

    // MCUniformReliableBroadcast.cfg: MaxBroadcasts = 2, the system's workload size.
    protected override IRefinementMapping CreateMapping() =>
        new RefinementMapping(Name, world => UniformReliableBroadcastRefinement.AbstractState(world, 2));

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(DeliverBeforeMajority, "delivers a message on first sight, so a node can deliver it and crash before anyone else has it") { Budget = 100, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool deliverBeforeMajority) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new UniformReliableBroadcastNode(Nodes, deliverBeforeMajority),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.UniformReliable(),
    };
}
