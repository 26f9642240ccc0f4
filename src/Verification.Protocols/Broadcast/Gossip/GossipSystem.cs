using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>
/// Push gossip: six nodes, fanout 2, three rounds, two broadcasts, under one crash and two lost
/// messages (the faults of its spec). Delivery is probabilistic, so the scenario checks only the safety
/// properties that gossip does guarantee whatever the faults (no creation, no duplication); its
/// reach is measured, not asserted (see <see cref="GossipMeasurement"/> and docs/broadcast.md).
/// </summary>
public sealed class GossipSystem : ProtocolSystem<bool>
{
    public const string NoDedup = "no-dedup";
    public const int DefaultNodeCount = 6;
    public static readonly GossipSettings DefaultSettings = new(Fanout: 2, Rounds: 3);

    public override string Name => "Gossip";
    public override string Family => "broadcast";
    public override string Description => "Push gossip to k random peers for a bounded number of rounds (probabilistic; measured, not asserted)";

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, GossipRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NoDedup, "keeps no record of rumors already heard, so a node that hears a rumor twice delivers it twice") { Budget = 100, ConformanceBudget = 100 }, true));

    public override int DefaultMaxSteps => 300;

    protected override Scenario ScenarioFor(bool forgetSeen)
    {
        return CreateScenario(DefaultNodeCount, DefaultSettings, forgetSeen, BroadcastWorkload.FromSenders(0, 3), Faults);
    }

    private static readonly FaultModel Faults = new() { MaxCrashes = 1, MaxDrops = 2 };

    /// <summary>A gossip scenario with the given size, settings, workload and faults (the measurements use no faults, and lossy links instead).</summary>
    public static Scenario CreateScenario(int nodeCount, GossipSettings settings, bool forgetSeen, IReadOnlyList<Systematic.Runtime.ClientRequest> workload, FaultModel faults)
    {
        settings.Validate(nodeCount);
        return new Scenario
        {
            NodeCount = nodeCount,
            CreateNode = _ => new GossipNode(settings, forgetSeen),
            Workload = workload,
            Faults = faults,
            CreateMonitors = () => [new NoCreationMonitor(), new NoDuplicationMonitor()],
        };
    }
}
