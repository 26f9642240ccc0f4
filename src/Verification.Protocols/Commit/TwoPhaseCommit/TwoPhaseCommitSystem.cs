using Verification.Protocols.Commit.Common;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.TwoPhaseCommit;

/// <summary>Which seeded bug a run switches on.</summary>
public enum TwoPhaseCommitBug
{
    None,
    CommitOnPartialVotes,
    ForgetPreparedOnRestart,
    CoordinatorNeverRecovers,
}

/// <summary>
/// Two-phase commit with a coordinator (n1) and three resource managers (n2..n4); any node may
/// crash and restart from its log (two crashes per run), and the network reorders. Atomicity and
/// validity are safety monitors, termination a liveness monitor: with the coordinator recovering,
/// every resource manager decides. The outage "coordinator-never-recovers" (crash-stop for the
/// coordinator, no other fault) shows why two-phase commit is called blocking: the explorer finds the
/// run in which the prepared resource managers wait forever, the run the checker finds in
/// MCTwoPhaseCommitBlocking.cfg.
/// </summary>
public sealed class TwoPhaseCommitSystem : ProtocolSystem<TwoPhaseCommitBug>
{
    public const string CommitOnPartialVotes = "commit-on-partial-votes";
    public const string ForgetPreparedOnRestart = "forget-prepared-on-restart";
    public const string CoordinatorNeverRecovers = "coordinator-never-recovers";

    public const int Coordinator = 0;
    public const int ResourceManagers = 3;

    private static readonly IReadOnlyList<int> Participants = [.. Enumerable.Range(1, ResourceManagers)];

    public override string Name => "TwoPhaseCommit";
    public override string Family => "commit";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Two-phase commit: a coordinator and three resource managers, all crashing and recovering from their logs";
    public override int DefaultMaxSteps => 200;

    // The world's crashes and restarts are found among the spec's actions: a coordinator's crash is
    // TMCrash, a resource manager's crash changes nothing (its log is its state), and the restarts
    // that act label themselves (TMRecover, RMRestart).
    protected override IRefinementMapping CreateMapping() =>
        new RefinementMapping(Name, TwoPhaseCommitRefinement.AbstractState) { WorldEvents = new Dictionary<StepKind, string>() };

    protected override BugCatalog<TwoPhaseCommitBug> Catalog { get; } = new(TwoPhaseCommitBug.None,
        (new(CommitOnPartialVotes, "the coordinator commits as soon as some resource manager voted yes, overruling one that has not voted or voted no")
            { Budget = 50, ConformanceBudget = 50 }, TwoPhaseCommitBug.CommitOnPartialVotes),
        (new(ForgetPreparedOnRestart, "a resource manager does not log that it is prepared, so after a restart it aborts a transaction whose yes vote the coordinator counted")
            { Budget = 200, ConformanceBudget = 100 }, TwoPhaseCommitBug.ForgetPreparedOnRestart),
        (new(CoordinatorNeverRecovers, "not a mistake in the code but two-phase commit's weakness: the coordinator crashes for good (it never restarts) after resource managers prepared, and they wait forever (Termination)")
        {
            Budget = 50,
            InvisibleToSpec = "every such run is a behaviour of the spec, whose coordinator need not recover (FairSpec); the checker shows the same blocking in MCTwoPhaseCommitBlocking.cfg",
        }, TwoPhaseCommitBug.CoordinatorNeverRecovers));

    protected override Scenario ScenarioFor(TwoPhaseCommitBug bug) => new()
    {
        NodeCount = 1 + ResourceManagers,
        CreateNode = node => node == Coordinator
            ? new TransactionManager(ResourceManagers, commitOnPartialVotes: bug == TwoPhaseCommitBug.CommitOnPartialVotes)
            : new ResourceManager(Coordinator, forgetPreparedOnRestart: bug == TwoPhaseCommitBug.ForgetPreparedOnRestart),
        Faults = bug == TwoPhaseCommitBug.CoordinatorNeverRecovers
            ? new FaultModel { MaxCrashes = 1, CrashableNodes = new HashSet<int> { Coordinator } }
            : new FaultModel { MaxCrashes = 2, CrashRecovery = true },
        CreateMonitors = () => CommitMonitors.For(Participants),
    };
}
