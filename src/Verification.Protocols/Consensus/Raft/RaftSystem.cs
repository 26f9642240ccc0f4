using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>
/// `verify test Raft`: three nodes, eight broadcasts issued at all nodes, and a network that
/// reorders, loses and duplicates messages, partitions that come and go, and nodes that crash and
/// recover from stable storage, all within the first <see cref="FaultPhaseSteps"/> steps; after
/// that the network heals, and every broadcast must reach every node that never crashed. The
/// monitors check the spec's four safety invariants and its two liveness properties.
/// `--bug commit-old-term` runs the three-node Figure 8 shape instead (<see cref="Figure8Scenario"/>).
/// </summary>
public sealed class RaftSystem : ProtocolSystem<RaftBugs>
{
    public const int FaultPhaseSteps = 200;

    public override string Name => "Raft";
    public override string Family => "consensus";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Raft total order broadcast (Kleppmann's formulation): election, replication, Figure 8 commit rule, crash recovery";

    // The CI model broadcasts one value; the runs broadcast up to ten.
    public override string? ConformanceConfig => ConformanceConfigFor(3);

    public override int DefaultMaxSteps => 400;

    protected override IRefinementMapping CreateMapping() => Refinement;

    protected override BugCatalog<RaftBugs> Catalog => SeededBugs;

    internal static IRefinementMapping Refinement { get; } = new RefinementMapping("Raft", RaftRefinement.AbstractState);

    /// <summary>The conformance model for a cluster of <paramref name="nodeCount"/> nodes (Quorum depends on it), or null when there is none.</summary>
    public static string? ConformanceConfigFor(int nodeCount) => nodeCount switch
    {
        3 => "specs/consensus/MCRaftConformance.cfg",
        5 => "specs/consensus/MCRaftConformance5.cfg",
        7 => "specs/consensus/MCRaftConformance7.cfg",
        _ => null,
    };

    /// <summary>Raft's seeded bugs, shared by its scenarios (<see cref="RaftScenario"/>).</summary>
    public static BugCatalog<RaftBugs> SeededBugs { get; } = new(RaftBugs.None,
        (new("commit-old-term", "the leader commits an entry of an earlier term by counting replicas (Figure 8)") { Budget = 2_000, ConformanceBudget = 200 }, RaftBugs.CommitOldTerm),
        (new("forget-vote", "votedFor is not persisted, so a restarted node can vote twice in a term") { Budget = 2_000, ConformanceBudget = 200 }, RaftBugs.ForgetVote),
        (new("no-log-check", "votes are granted without the log up-to-date check") { Budget = 200, ConformanceBudget = 200 }, RaftBugs.NoLogCheck),
        (new("truncate-on-stale", "a follower truncates its log on a stale or duplicated LogRequest") { Budget = 200, ConformanceBudget = 200 }, RaftBugs.TruncateOnStale),
        (new("stale-votes", "a candidate counts granted votes from an earlier term") { Budget = 2_000, ConformanceBudget = 200 }, RaftBugs.StaleVotes));

    /// <summary>The flag of a bug name; <see cref="RaftBugs.None"/> for the correct protocol.</summary>
    public static RaftBugs ParseBug(string? bug) => SeededBugs.Parse(bug, "Raft");

    protected override Scenario ScenarioFor(RaftBugs bugs)
    {
        if (bugs == RaftBugs.CommitOldTerm) return Figure8Scenario(bugs);
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new RaftNode(RaftOptions.ForCluster(3, bugs)),
            Workload = RaftWorkloads.Broadcasts(8, 3),
            Faults = new FaultModel
            {
                MaxCrashes = 10,
                CrashRecovery = true,
                MaxDrops = 6,
                MaxDuplicates = 6,
                MaxPartitions = 20,
                FaultsUntilStep = FaultPhaseSteps,
            },
            CreateMonitors = RaftMonitors.SafetyAndLiveness,
        };
    }

    /// <summary>
    /// The Figure 8 shape (Raft paper) in three nodes: a leader appends a client's entry and is cut
    /// off (partition, lost LogRequests) or crashes before replicating it; another node wins the
    /// next term and appends an entry of its own that it cannot replicate either; then the first
    /// node wins again and replicates its old-term entry to a majority. Committing it by counting
    /// replicas leaves the second node electable without it, which the leader completeness monitor
    /// reports at once. Partitions are single scheduling choices that come and go all run long,
    /// whereas every node's crash is an enabled event at every step, so a large crash budget is
    /// spent in the first steps, before any leader exists; hence few crashes and many partitions.
    /// </summary>
    internal static Scenario Figure8Scenario(RaftBugs bugs) => new()
    {
        NodeCount = 3,
        CreateNode = _ => new RaftNode(RaftOptions.ForCluster(3, bugs)),
        Workload = RaftWorkloads.Broadcasts(4, 3),
        Faults = new FaultModel { MaxCrashes = 3, CrashRecovery = true, MaxPartitions = 20, MaxDrops = 6, FaultsUntilStep = 300 },
        CreateMonitors = RaftMonitors.Safety,
    };
}

public static class RaftWorkloads
{
    /// <summary><paramref name="count"/> distinct broadcasts "m1", "m2", ... issued round-robin at the first <paramref name="nodes"/> nodes.</summary>
    public static IReadOnlyList<ClientRequest> Broadcasts(int count, int nodes) =>
        Enumerable.Range(1, count).Select(i => new ClientRequest(i, (i - 1) % nodes, $"m{i}")).ToList();
}

/// <summary>
/// A named variant of the Raft system: the same node under another cluster size, workload, fault
/// model and set of monitors (the MIT 6.5840 test scenarios, <see cref="RaftScenarios"/>).
/// Not listed by `verify list` (no parameterless constructor); tests and benchmarks build them.
/// </summary>
public sealed class RaftScenario(
    string scenario,
    string description,
    int nodeCount,
    IReadOnlyList<ClientRequest> workload,
    FaultModel faults,
    Func<List<SpecMonitor>> monitors,
    int maxSteps,
    Func<int, RaftOptions, INode>? createNode = null) : ProtocolSystem<RaftBugs>
{
    public string Scenario => scenario;
    public override string Name => $"Raft/{scenario}";
    public override string Family => "consensus";
    public override string Description => description;
    public override string? Spec => InSpecFolder("Raft.tla");
    public override string? Config => InSpecFolder("MCRaft.cfg");
    public override IReadOnlyList<string> LivenessConfigs => [InSpecFolder("MCRaftLiveness.cfg")];
    public override string? ConformanceConfig => RaftSystem.ConformanceConfigFor(nodeCount);
    public override int DefaultMaxSteps => maxSteps;

    protected override IRefinementMapping CreateMapping() => RaftSystem.Refinement;

    protected override BugCatalog<RaftBugs> Catalog => RaftSystem.SeededBugs;

    protected override Scenario ScenarioFor(RaftBugs bugs)
    {
        var options = RaftOptions.ForCluster(nodeCount, bugs);
        var factory = createNode ?? ((_, o) => new RaftNode(o));
        return new Scenario
        {
            NodeCount = nodeCount,
            CreateNode = node => factory(node, options),
            Workload = workload,
            Faults = faults,
            CreateMonitors = () => monitors(),
        };
    }
}
