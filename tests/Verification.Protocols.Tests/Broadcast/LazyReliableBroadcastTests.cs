using Verification.Protocols.Broadcast.LazyReliableBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class LazyReliableBroadcastTests
{
    private static readonly LazyReliableBroadcastSystem System = new();

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void Explorer_finds_agreement_broken_when_crash_reports_are_not_acted_on(string strategy)
    {
        var bug = Explore.AssertFindsBug(System, LazyReliableBroadcastSystem.NoRelayOnCrash, BroadcastTestKit.Budget(strategy), "liveness:Agreement");
        Assert.Contains(bug.Trace, step => step.StartsWith("DetectCrash(", StringComparison.Ordinal));
    }

    [Fact]
    public void Exhaustive_search_finds_no_bug_in_any_schedule_of_the_correct_version() =>
        BroadcastTestKit.AssertExhaustedWithoutBug(System);
}
