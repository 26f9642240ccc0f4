using Verification.Protocols.Broadcast.BestEffortBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class BestEffortBroadcastTests
{
    private static readonly BestEffortBroadcastSystem System = new();

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void Explorer_finds_a_duplicated_copy_delivered_twice(string strategy)
    {
        var bug = Explore.AssertFindsBug(System, BestEffortBroadcastSystem.DeliverDuplicates, BroadcastTestKit.Budget(strategy), "NoDuplication");
        Assert.Contains(bug.Trace, step => step.StartsWith("Duplicate(", StringComparison.Ordinal));
    }

    [Fact]
    public void Exhaustive_search_finds_no_bug_in_any_schedule_of_the_correct_version() =>
        BroadcastTestKit.AssertExhaustedWithoutBug(System);
}
