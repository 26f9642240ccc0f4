using Verification.Protocols.Commit.TwoPhaseCommit;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Commit;

public class TwoPhaseCommitTests
{
    private static readonly TwoPhaseCommitSystem System = new();

    /// <summary>
    /// Two-phase commit blocks: the coordinator crashes for good after asking, and the resource
    /// managers that prepared wait forever. The explorer reports it as a liveness violation (the
    /// run goes quiet with Termination hot), the run MCTwoPhaseCommitBlocking.cfg shows the checker.
    /// </summary>
    [Fact]
    public void The_explorer_finds_the_blocking_after_a_coordinator_crash_as_a_liveness_violation()
    {
        var bug = Explore.AssertFindsBug(System, TwoPhaseCommitSystem.CoordinatorNeverRecovers, CommitTestKit.Portfolio(50), "liveness:Termination");

        Assert.Contains("has not decided", bug.Message, StringComparison.Ordinal);
        Assert.Contains("Crash(n1)", bug.Trace);
        Assert.Contains(bug.Trace, step => step.StartsWith("RMPrepare(", StringComparison.Ordinal));
        Assert.DoesNotContain(bug.Trace, step => step.StartsWith("TMRecover(", StringComparison.Ordinal) || step.StartsWith("TMCommit(", StringComparison.Ordinal));
    }

    /// <summary>
    /// Crashes of any two nodes, the coordinator's included, with a coordinator that recovers from
    /// its log: every run goes quiet with every resource manager decided (none is cut off by the step bound).
    /// </summary>
    [Fact]
    public void A_recovering_coordinator_unblocks_every_resource_manager()
    {
        var report = Explore.AssertNoBug(System, null, CommitTestKit.Portfolio(300));
        Assert.Equal(300, report.Iterations);
        Assert.Equal(0, report.LivenessUnjudgedRuns);
    }
}
