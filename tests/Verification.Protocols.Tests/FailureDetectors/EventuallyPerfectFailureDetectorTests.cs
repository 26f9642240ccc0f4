using Verification.Protocols.FailureDetectors.EventuallyPerfectFailureDetector;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.FailureDetectors;

public class EventuallyPerfectFailureDetectorTests
{
    private static readonly EventuallyPerfectFailureDetectorSystem System = new();

    [Fact]
    public void A_node_that_never_withdraws_a_suspicion_suspects_a_live_node_forever()
    {
        var bug = Explore.AssertFindsBug(System, EventuallyPerfectFailureDetectorSystem.NeverUnsuspect, FailureDetectorTestKit.Budget("random", 100), "liveness:EventualStrongAccuracy");
        Assert.Contains("which is alive", bug.Message);
    }

    /// <summary>
    /// The correct detector suspects live nodes too (its first timeout is short, and a partition
    /// delays answers), but withdraws each suspicion, and after the last fault comes to suspect
    /// exactly the crashed node. PCT's unfair schedules (every fourth of the portfolio) included.
    /// </summary>
    [Fact]
    public void The_correct_detector_is_eventually_accurate_and_complete() =>
        Explore.AssertNoBug(System, null, FailureDetectorTestKit.Budget("portfolio", 200));
}
