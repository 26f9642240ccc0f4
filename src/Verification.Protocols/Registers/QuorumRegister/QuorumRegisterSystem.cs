using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Registers.QuorumRegister;

/// <summary>
/// `verify test QuorumRegister`: a read/write register replicated on three replicas with majority
/// quorums, read by ABD (a read writes the value it returns back to a quorum first). The writer n4
/// writes 1, 2 and 3 while the readers n5 and n6 read three times each; messages are reordered and
/// duplicated, and in the correct system one replica may crash. The clients' history must be
/// linearizable. The seeded bug <c>naive</c> is the register of the lecture notes that stops at
/// r + w > n: its history is not.
/// </summary>
public sealed class QuorumRegisterSystem : ProtocolSystem<QuorumRegisterBug>
{
    public const string Naive = "naive";
    public const string SkipWriteBack = "skip-write-back";
    public const string ReadBelowQuorum = "read-below-quorum";

    /// <summary>Nodes n1..n3 are the replicas (the spec's Replica).</summary>
    public const int Replicas = 3;

    /// <summary>The writer n4 and the readers n5 and n6 (the spec's Writer and Reader).</summary>
    public static int[] Clients { get; } = [3, 4, 5];

    public override string Name => "QuorumRegister";
    public override string Family => "registers";
    public override string Description => "ABD: a majority-quorum register whose reads write back, linearizable (the naive r + w > n register is not)";
    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, QuorumRegisterRefinement.AbstractState);

    protected override BugCatalog<QuorumRegisterBug> Catalog { get; } = new(QuorumRegisterBug.None,
        (new(Naive, "the naive register (MCQuorumRegisterNaive.cfg): reads and writes wait for majorities, so r + w > n, but a read writes nothing back; during a write one read returns the new value and a later read the old one")
            { Budget = 100, ConformanceBudget = 100 }, QuorumRegisterBug.Naive),
        (new(SkipWriteBack, "a read sends its write-back (read repair) but returns without waiting for a quorum to store it: the naive register's new-old inversion again")
            { Budget = 200, ConformanceBudget = 100 }, QuorumRegisterBug.SkipWriteBack),
        (new(ReadBelowQuorum, "a read returns the value of the first replica that answers, which may have missed a completed write")
            { Budget = 100, ConformanceBudget = 100 }, QuorumRegisterBug.ReadBelowQuorum));

    /// <summary>
    /// The correct system's faults: messages reordered and duplicated, and a minority of the replicas
    /// (one) may crash, so that quorums stay available and every request must still be answered.
    /// </summary>
    public static FaultModel Faults { get; } = new() { MaxCrashes = 1, CrashableNodes = new HashSet<int> { 0, 1, 2 }, MaxDuplicates = 2, Reordering = true };

    /// <summary>
    /// The seeded bugs' faults: no crash. The bugs are safety bugs, and for safety a crashed replica is
    /// only a slow one (the spec's safety models have no crash either); an early crash hides the
    /// inversion, since the two replicas left form every quorum. With the crash the portfolio found
    /// naive in schedule 319 at seed 1, without it in 22.
    /// </summary>
    public static FaultModel SafetyFaults { get; } = Faults with { MaxCrashes = 0, CrashableNodes = null };

    protected override Scenario ScenarioFor(QuorumRegisterBug bug) => new()
    {
        NodeCount = Replicas + Clients.Length,
        CreateNode = node => node < Replicas ? new ReplicaNode() : new ClientNode(Replicas, bug),
        Workload = Workload,
        Faults = bug == QuorumRegisterBug.None ? Faults : SafetyFaults,
        CreateMonitors = () => [new RegisterLinearizabilityMonitor()],
        RepliesExpected = true,
    };

    /// <summary>
    /// n4 writes 1, 2 and 3; n5 and n6 read three times each (the conformance model's MaxWrites and
    /// MaxReads). Each write is a window in which reads can invert; two writes and two reads each
    /// found the naive register's inversion three times slower (971 schedules at seed 1, not 319).
    /// </summary>
    public static IReadOnlyList<ClientRequest> Workload { get; } = BuildWorkload(writes: 3, readsEach: 3);

    private static List<ClientRequest> BuildWorkload(int writes, int readsEach)
    {
        var requests = new List<ClientRequest>();
        for (var k = 1; k <= writes; k++) requests.Add(new(requests.Count + 1, 3, new WriteRequest(k)));
        foreach (var reader in Clients.Skip(1))
            for (var k = 0; k < readsEach; k++) requests.Add(new(requests.Count + 1, reader, ReadRequest.Instance));
        return requests;
    }
}
