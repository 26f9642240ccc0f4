using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>
/// The scenarios of MIT 6.5840's Raft tests, each a fault model and workload that the explorer
/// runs over many schedules (not one hand-timed run). Where the test waits for progress, the
/// scenario has a heal phase (faults stop at <c>FaultsUntilStep</c>) and liveness monitors.
/// </summary>
public static class RaftScenarios
{
    private static List<SpecMonitor> Safety() => RaftMonitors.Safety();
    private static List<SpecMonitor> SafetyAndLeader() => [.. RaftMonitors.Safety(), new LeaderElectedMonitor()];
    private static List<SpecMonitor> All() => RaftMonitors.SafetyAndLiveness();

    /// <summary>TestInitialElection: three nodes elect exactly one leader per term, and some leader at all.</summary>
    public static RaftScenario InitialElection() => new(
        "initial-election", "three nodes, reliable network: a leader is elected", 3, [],
        FaultModel.Reliable, SafetyAndLeader, 400);

    /// <summary>TestReElection: the leader (or any node) fails; the others elect a new leader.</summary>
    public static RaftScenario ReElection() => new(
        "re-election", "three nodes, one crashes for good and a partition comes and goes: the rest elect a leader", 3, [],
        new FaultModel { MaxCrashes = 1, MaxPartitions = 1, FaultsUntilStep = 200 }, SafetyAndLeader, 800);

    /// <summary>TestManyElections: seven nodes, repeated crashes and restarts and partitions.</summary>
    public static RaftScenario ManyElections() => new(
        "many-elections", "seven nodes, six crash-restarts and three partitions, then a leader must emerge", 7, [],
        new FaultModel { MaxCrashes = 6, CrashRecovery = true, MaxPartitions = 3, FaultsUntilStep = 400 }, SafetyAndLeader, 1_500);

    /// <summary>TestBasicAgree: every broadcast is delivered everywhere in the same order.</summary>
    public static RaftScenario BasicAgreement() => new(
        "basic-agreement", "three nodes, reliable network, three broadcasts", 3, RaftWorkloads.Broadcasts(3, 3),
        FaultModel.Reliable, All, 800);

    /// <summary>TestFailAgree: one node fails and the remaining majority keeps agreeing.</summary>
    public static RaftScenario FollowerFailure() => new(
        "follower-failure", "three nodes, one crashes for good: the majority delivers everything", 3, RaftWorkloads.Broadcasts(4, 3),
        new FaultModel { MaxCrashes = 1, FaultsUntilStep = 200 }, All, 1_000);

    /// <summary>TestFailNoAgree: with three of five nodes down nothing can be committed.</summary>
    public static RaftScenario NoAgreementWithoutMajority() => new(
        "no-majority", "five nodes of which three are down from the start: no entry is ever committed", 5, RaftWorkloads.Broadcasts(3, 2),
        FaultModel.Reliable, () => [.. Safety(), new NoCommitMonitor()], 600,
        (node, options) => node < 2 ? new RaftNode(options) : new SilentNode());

    /// <summary>TestConcurrentStarts: many broadcasts issued at every node at once.</summary>
    public static RaftScenario ConcurrentStarts() => new(
        "concurrent-starts", "three nodes, six broadcasts issued at all nodes concurrently", 3, RaftWorkloads.Broadcasts(6, 3),
        FaultModel.Reliable, All, 1_200);

    /// <summary>TestRejoin: a leader is cut off, the others move on, the old leader rejoins.</summary>
    public static RaftScenario RejoinPartitionedLeader() => new(
        "rejoin", "three nodes, two partitions while broadcasts arrive: a cut-off leader rejoins and catches up", 3, RaftWorkloads.Broadcasts(4, 3),
        new FaultModel { MaxPartitions = 2, FaultsUntilStep = 300 }, All, 1_200);

    /// <summary>TestBackup: a follower misses many entries (partition, loss) and must be brought up to date.</summary>
    public static RaftScenario Backup() => new(
        "backup", "five nodes, partitions and lost messages while eight broadcasts arrive: lagging followers catch up", 5, RaftWorkloads.Broadcasts(8, 5),
        new FaultModel { MaxPartitions = 2, MaxDrops = 6, FaultsUntilStep = 400 }, All, 2_000);

    /// <summary>TestPersist: nodes crash and recover from stable storage, over and over.</summary>
    public static RaftScenario Persistence() => new(
        "persistence", "three nodes crash and recover from stable storage six times", 3, RaftWorkloads.Broadcasts(4, 3),
        new FaultModel { MaxCrashes = 6, CrashRecovery = true, FaultsUntilStep = 400 }, Safety, 1_200);

    /// <summary>TestFigure8: five nodes, leaders crash and recover while broadcasts arrive (the Figure 8 schedules).</summary>
    public static RaftScenario Figure8() => new(
        "figure-8", "five nodes, twenty crash-recoveries while ten broadcasts arrive, reliable network", 5, RaftWorkloads.Broadcasts(10, 5),
        new FaultModel { MaxCrashes = 20, CrashRecovery = true, FaultsUntilStep = 500 }, Safety, 1_500);

    /// <summary>TestFigure8Unreliable: the same with about one message in ten lost and long delays (reordering).</summary>
    public static RaftScenario Figure8Unreliable() => new(
        "figure-8-unreliable", "five nodes, crash-recovery, about 10% of messages lost, duplicates and reordering", 5, RaftWorkloads.Broadcasts(5, 5),
        new FaultModel { MaxCrashes = 6, CrashRecovery = true, MaxDrops = 30, MaxDuplicates = 10, FaultsUntilStep = 500 }, Safety, 1_500);

    /// <summary>TestUnreliableAgree: lossy, duplicating, reordering network; everything is delivered once it heals.</summary>
    public static RaftScenario UnreliableAgreement() => new(
        "unreliable-agreement", "five nodes, lost, duplicated and reordered messages, then the network heals", 5, RaftWorkloads.Broadcasts(6, 5),
        new FaultModel { MaxDrops = 20, MaxDuplicates = 10, FaultsUntilStep = 400 }, All, 2_000);

    /// <summary>TestReliableChurn / TestUnreliableChurn: crashes, restarts, partitions and loss all at once.</summary>
    public static RaftScenario Churn() => new(
        "churn", "five nodes, crash-recovery, partitions, loss and duplication together", 5, RaftWorkloads.Broadcasts(6, 5),
        new FaultModel { MaxCrashes = 6, CrashRecovery = true, MaxPartitions = 3, MaxDrops = 15, MaxDuplicates = 5, FaultsUntilStep = 500 }, Safety, 1_500);

    public static IReadOnlyList<RaftScenario> All6_5840() =>
    [
        InitialElection(), ReElection(), ManyElections(), BasicAgreement(), FollowerFailure(),
        NoAgreementWithoutMajority(), ConcurrentStarts(), RejoinPartitionedLeader(), Backup(),
        Persistence(), Figure8(), Figure8Unreliable(), UnreliableAgreement(), Churn(),
    ];
}

/// <summary>A node that is down for the whole run: it receives and ignores everything.</summary>
public sealed class SilentNode : INode
{
    public void OnStart(INodeContext ctx) { }
    public void OnRestart(INodeContext ctx, object? durableState) { }
    public void OnMessage(INodeContext ctx, int from, object message) => ctx.Label("Lost", LabelValue.OfNode(ctx.Self));
    public void OnTimer(INodeContext ctx, string timer) { }
    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }
}
