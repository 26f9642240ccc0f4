using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace TwoPhaseCommit;

/// <summary>Which seeded bug a run switches on.</summary>
public enum TwoPhaseCommitBug
{
    None,
    CommitOnPartialVotes,
    ForgetPreparedOnRestart,
}

/// <summary>
/// `verify test --assembly TwoPhaseCommit.dll TwoPhaseCommit`: a transaction manager (n1) and three
/// resource managers (n2..n4), each asked by its client to prepare; any of them may give up first, the
/// network reorders, and resource managers crash and restart. The spec and its models are found by
/// convention in spec/ next to this assembly: TwoPhaseCommit.tla, MCTwoPhaseCommit.cfg (CI model) and
/// MCTwoPhaseCommitConformance.cfg (conformance model).
/// </summary>
public sealed class TwoPhaseCommitSystem : ProtocolSystem<TwoPhaseCommitBug>
{
    private const int ResourceManagers = 3;

    public override string Name => "TwoPhaseCommit";
    public override string Family => "transactions";
    public override string Description => "Two-phase commit: a transaction manager and three resource managers that crash and restart";
    public override string SpecFolder => NextToAssembly(GetType(), "spec");
    public override int DefaultMaxSteps => 200;

    // The spec states no liveness property: a transaction may stay undecided while its manager waits.
    public override IReadOnlyList<string> LivenessConfigs => [];

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, TwoPhaseCommitRefinement.AbstractState);

    protected override BugCatalog<TwoPhaseCommitBug> Catalog { get; } = new(TwoPhaseCommitBug.None,
        (new("commit-on-partial-votes", "the transaction manager commits once a majority has voted, so a resource manager that gave up is overruled")
            { Budget = 200, ConformanceBudget = 100 }, TwoPhaseCommitBug.CommitOnPartialVotes),
        (new("forget-prepared-on-restart", "a resource manager does not persist its Prepared vote, so after a restart it may give up on a transaction the others commit")
            { Budget = 200, ConformanceBudget = 100 }, TwoPhaseCommitBug.ForgetPreparedOnRestart));

    protected override Scenario ScenarioFor(TwoPhaseCommitBug bug) => new()
    {
        NodeCount = 1 + ResourceManagers,
        CreateNode = node => node == SpecNames.TransactionManager
            ? new TransactionManager(ResourceManagers, bug == TwoPhaseCommitBug.CommitOnPartialVotes)
            : new ResourceManager(bug == TwoPhaseCommitBug.ForgetPreparedOnRestart),
        Workload = [.. Enumerable.Range(1, ResourceManagers).Select(rm => new ClientRequest(rm, rm, "prepare"))],
        Faults = new FaultModel { MaxCrashes = 2, CrashRecovery = true, CrashableNodes = new HashSet<int> { 1, 2, 3 } },
        CreateMonitors = () => [new ConsistencyMonitor()],
    };
}
