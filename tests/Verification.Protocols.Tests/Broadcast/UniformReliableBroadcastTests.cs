using Verification.Protocols.Broadcast.UniformReliableBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class UniformReliableBroadcastTests
{
    private static readonly UniformReliableBroadcastSystem System = new();

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void Explorer_finds_uniform_agreement_broken_by_delivering_before_a_majority(string strategy)
    {
        var bug = Explore.AssertFindsBug(System, UniformReliableBroadcastSystem.DeliverBeforeMajority, BroadcastTestKit.Budget(strategy), "liveness:UniformAgreement");
        Assert.Contains("crashed", bug.Message, StringComparison.Ordinal);
    }
}
