using Verification.Protocols.Conformance;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.RaftKv;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Replication.PrimaryBackup;

/// <summary>
/// `verify test PrimaryBackup`: a one-key store on three replicas, n1 the first primary and n2 its
/// successor (n3 is always a backup); clients at n1 and n2 put and get while the network reorders
/// and duplicates messages, partitions come and go, and n1 may crash. The failure detector's
/// timeouts are the explorer's timers, so n2 takes over after a crash, a partition, or merely slow
/// heartbeats. The clients' history must be linearizable.
/// </summary>
public sealed class PrimaryBackupSystem : ProtocolSystem<PrimaryBackupBug>
{
    public const string SplitBrain = "split-brain";
    public const string AckBeforeReplication = "ack-before-replication";

    public const int Nodes = 3;

    /// <summary>Epoch e's primary is node Succession[e - 1] (the models' Primaries = {{n1}, {n1, n2}}).</summary>
    public static IReadOnlyList<int> Succession { get; } = [0, 1];

    public static FailureDetectorTiming Timing { get; } = new(HeartbeatEvery: 2, SuspectAfter: 3, Heartbeats: 12);

    public override string Name => "PrimaryBackup";
    public override string Family => "replication";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Primary-backup replication of a store with epochs, failover by a timeout detector and confirmed reads";
    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, PrimaryBackupRefinement.AbstractState);

    protected override BugCatalog<PrimaryBackupBug> Catalog { get; } = new(PrimaryBackupBug.None,
        (new(SplitBrain, "reads are answered from the primary's local copy without its backups' confirmation, so a superseded primary still answers")
            { Budget = 100, ConformanceBudget = 20 }, PrimaryBackupBug.SplitBrain),
        (new(AckBeforeReplication, "a write is answered as soon as it is sent to the backups, before they acknowledged it")
            { Budget = 100, ConformanceBudget = 20 }, PrimaryBackupBug.AckBeforeReplication));

    /// <summary>The fault phase: after this many steps no fault is injected, partitions heal, and the rest of the run is its quiet tail.</summary>
    public static FaultModel Faults { get; } = new()
    {
        MaxCrashes = 1,
        CrashableNodes = new HashSet<int> { 0 },
        MaxPartitions = 2,
        MaxDuplicates = 2,
        FaultsUntilStep = 120,
    };

    protected override Scenario ScenarioFor(PrimaryBackupBug bug) => new()
    {
        NodeCount = Nodes,
        CreateNode = node => new PrimaryBackupNode(node, Succession, Nodes, Timing, bug),
        Workload = Workload(),
        Faults = Faults,
        CreateMonitors = () => [new LinearizabilityMonitor()],
    };

    /// <summary>
    /// Clients of n1 (the first primary) and of n2 (its successor, which serves its requests once it
    /// takes over) put distinct values to x and get it, interleaved, so that a get at one primary often
    /// starts after a put at the other completed: the pairs a superseded primary answers wrongly. n1
    /// puts once and then only gets: a put at a superseded primary never completes (its backups have
    /// moved on), and the requests queued behind it would never be served.
    /// MCPrimaryBackupConformance.cfg: MaxWrites = 3, MaxReads = 6.
    /// </summary>
    public static IReadOnlyList<ClientRequest> Workload() =>
    [
        new(1, 0, new KvInput(1, KvOpKind.Put, "x", "1")),
        new(2, 1, new KvInput(2, KvOpKind.Get, "x")),
        new(3, 0, new KvInput(3, KvOpKind.Get, "x")),
        new(4, 1, new KvInput(4, KvOpKind.Put, "x", "4")),
        new(5, 0, new KvInput(5, KvOpKind.Get, "x")),
        new(6, 1, new KvInput(6, KvOpKind.Get, "x")),
        new(7, 0, new KvInput(7, KvOpKind.Get, "x")),
        new(8, 1, new KvInput(8, KvOpKind.Put, "x", "8")),
        new(9, 0, new KvInput(9, KvOpKind.Get, "x")),
    ];
}
