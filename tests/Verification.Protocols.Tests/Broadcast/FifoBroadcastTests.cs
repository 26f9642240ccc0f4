using Verification.Protocols.Broadcast.FifoBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class FifoBroadcastTests
{
    private static readonly FifoBroadcastSystem System = new();

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Explorer_finds_fifo_order_broken_without_the_holdback_buffer(string strategy) =>
        Explore.AssertFindsBug(System, FifoBroadcastSystem.NoHoldback, BroadcastTestKit.Budget(strategy), "FifoOrder");

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Correct_version_survives_the_same_budget(string strategy) =>
        Explore.AssertNoBug(System, null, BroadcastTestKit.Budget(strategy));

    [Fact]
    public void Cli_finds_the_bug_and_passes_the_correct_version()
    {
        BroadcastTestKit.CliFindsBug(System.Name, FifoBroadcastSystem.NoHoldback);
        BroadcastTestKit.CliFindsNoBug(System.Name);
    }
}
