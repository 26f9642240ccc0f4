using Verification.Cli;
using Verification.Protocols.Consensus.MultiPaxos;
using Verification.Systematic.Engine;
using CommandLine = Verification.Cli.Cli;

namespace Verification.Protocols.Tests.Consensus;

public class MultiPaxosTests
{
    private static readonly MultiPaxosSystem System = new();

    // Budgets: with seeds 1 and 2 both seeded bugs are found within 15 iterations by random, PCT
    // and POS; 300 iterations leave a margin of more than 10x.
    private static TestConfiguration Budget(string strategy, int iterations = 300) =>
        new() { Strategy = strategy, Iterations = iterations, Seed = 1 };

    [Theory]
    [InlineData(MultiPaxosSystem.SkipRecovery, "random", nameof(MultiPaxosAgreementMonitor))]
    [InlineData(MultiPaxosSystem.SkipRecovery, "pct", nameof(MultiPaxosAgreementMonitor))]
    [InlineData(MultiPaxosSystem.SkipRecovery, "pos", nameof(MultiPaxosAgreementMonitor))]
    [InlineData(MultiPaxosSystem.ApplyOutOfOrder, "random", nameof(MultiPaxosInOrderMonitor))]
    [InlineData(MultiPaxosSystem.ApplyOutOfOrder, "pct", nameof(MultiPaxosInOrderMonitor))]
    [InlineData(MultiPaxosSystem.ApplyOutOfOrder, "pos", nameof(MultiPaxosInOrderMonitor))]
    public void Explorer_finds_the_seeded_bug(string bug, string strategy, string detector) =>
        Explore.AssertFindsBug(System, bug, Budget(strategy), detector);

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("pos")]
    public void Correct_version_survives_the_same_budget(string strategy)
    {
        var report = Explore.AssertNoBug(System, null, Budget(strategy));
        Assert.Equal(300, report.Iterations);
    }

    [Fact]
    public void Skip_recovery_is_reported_as_two_commands_chosen_in_one_slot()
    {
        var found = Explore.AssertFindsBug(System, MultiPaxosSystem.SkipRecovery, Budget("random"), nameof(MultiPaxosAgreementMonitor));
        Assert.Matches(@"^slot \d+: c\d was chosen in ballot \d+, then c\d in ballot \d+", found.Message);
    }
}
