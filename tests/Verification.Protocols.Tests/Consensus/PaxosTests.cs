using Verification.Cli;
using CommandLine = Verification.Cli.Cli;
using Verification.Protocols.Consensus.Paxos;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Consensus;

public class PaxosTests
{
    private static readonly PaxosSystem System = new();

    // Budgets: with seed 1, no-adopt and shared-ballot are found within 11 iterations by random, PCT
    // and POS, forget-promise (which needs a crash between a promise and a lower ballot's request)
    // after about 350 iterations by random and PCT; each budget leaves more than a 10x margin.
    private static TestConfiguration Budget(string strategy, int iterations) =>
        new() { Strategy = strategy, Iterations = iterations, Seed = 1 };

    [Theory]
    [InlineData(PaxosSystem.NoAdopt, "random", 500)]
    [InlineData(PaxosSystem.NoAdopt, "pct", 500)]
    [InlineData(PaxosSystem.NoAdopt, "pos", 500)]
    [InlineData(PaxosSystem.SharedBallot, "random", 500)]
    [InlineData(PaxosSystem.SharedBallot, "pct", 500)]
    [InlineData(PaxosSystem.SharedBallot, "pos", 500)]
    [InlineData(PaxosSystem.ForgetPromise, "random", 5000)]
    [InlineData(PaxosSystem.ForgetPromise, "pct", 5000)]
    public void Explorer_finds_the_seeded_bug_as_an_agreement_violation(string bug, string strategy, int iterations)
    {
        var found = Explore.AssertFindsBug(System, bug, Budget(strategy, iterations), nameof(PaxosAgreementMonitor));
        Assert.Contains("two values chosen", found.Message);
    }

    [Theory]
    [InlineData("random", 5000)]
    [InlineData("pct", 5000)]
    [InlineData("pos", 500)]
    public void Correct_version_survives_the_same_budget(string strategy, int iterations)
    {
        var report = Explore.AssertNoBug(System, null, Budget(strategy, iterations));
        Assert.Equal(iterations, report.Iterations);
    }
}
