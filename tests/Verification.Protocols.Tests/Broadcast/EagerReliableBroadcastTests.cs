using Verification.Protocols.Broadcast.EagerReliableBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class EagerReliableBroadcastTests
{
    private static readonly EagerReliableBroadcastSystem System = new();

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void Explorer_finds_agreement_broken_without_relaying(string strategy)
    {
        var bug = Explore.AssertFindsBug(System, EagerReliableBroadcastSystem.NoRelay, BroadcastTestKit.Budget(strategy), "liveness:Agreement");
        // The sender crashed half-way through its broadcast.
        Assert.Contains(bug.Trace, step => step.StartsWith("Crash(", StringComparison.Ordinal));
    }

    [Fact]
    public void Exhaustive_search_finds_no_bug_in_any_schedule_of_the_correct_version() =>
        BroadcastTestKit.AssertExhaustedWithoutBug(System);
}
