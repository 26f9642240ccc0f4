using Verification.Systematic.Engine;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>Every strategy finds the classic bugs it should, and the fixed systems survive the same budgets.</summary>
public class StrategyTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "strategies");

    public static TheoryData<string, string, string, int> BugsByStrategy => new()
    {
        // strategy, system, expected detector, iterations
        { "random", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "random", "PingPong", "InOrderDelivery", 200 },
        { "random", "LeaderElection", "liveness:EventuallyLeader", 200 },
        { "pos", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "pos", "PingPong", "InOrderDelivery", 200 },
        { "pos", "LeaderElection", "liveness:EventuallyLeader", 500 },
        { "dfs", "LostUpdateRegister", "NoLostUpdate", 2_000 },
        { "dfs", "PingPong", "InOrderDelivery", 2_000 },
        { "probabilistic", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "probabilistic", "LeaderElection", "liveness:EventuallyLeader", 200 },
        { "pct", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "pct", "PingPong", "InOrderDelivery", 200 },
        { "pct", "LeaderElection", "liveness:EventuallyLeader", 500 },
        { "fair-pct", "LeaderElection", "liveness:EventuallyLeader", 500 },
        { "delay-bounding", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "portfolio", "LostUpdateRegister", "NoLostUpdate", 200 },
        { "portfolio", "PingPong", "InOrderDelivery", 200 },
        { "portfolio", "LeaderElection", "liveness:EventuallyLeader", 500 },
    };

    [Theory]
    [MemberData(nameof(BugsByStrategy))]
    public void Strategy_finds_the_seeded_bug_and_the_fixed_version_survives_the_same_budget(string strategy, string systemName, string detector, int iterations)
    {
        var system = TestSystems.Get(systemName);
        var config = new TestConfiguration { Strategy = strategy, Iterations = iterations, Seed = 1, ReportDirectory = Reports };

        var bug = Explore.AssertFindsBug(system, system.Bugs[0].Name, config, detector);
        Assert.Contains("verify replay ", bug.ReplayCommand);
        Assert.NotEmpty(bug.Trace);

        var report = Explore.AssertNoBug(system, null, config);
        Assert.True(report.Iterations > 0);
    }

    [Fact]
    public void Dfs_finds_the_liveness_bug_of_a_two_node_election()
    {
        // Three nodes need about 370,000 schedules (the split vote sits near the root of the tree); two suffice to show it.
        var config = new TestConfiguration { Strategy = "dfs", Iterations = 5_000, MaxSteps = 40, ReportDirectory = Reports };
        var bug = Explore.AssertFindsBug("LeaderElection2", () => LeaderElectionSystem.Create(rearm: false, nodes: 2), config, "liveness:EventuallyLeader");
        Assert.Contains("Timeout(1, 1)", bug.Trace);
        var report = Explore.AssertNoBug("LeaderElection2", () => LeaderElectionSystem.Create(rearm: true, nodes: 2), config);
        Assert.NotNull(report.Dfs);
    }

    [Fact]
    public void Pct_finds_a_depth_two_bug_within_the_runs_its_bound_predicts()
    {
        // The lost update needs one priority inversion (client 2's read overtaking client 1's write): depth 2.
        var system = new RegisterSystem();
        var config = new TestConfiguration { Strategy = "pct", StrategyBound = 2, Iterations = 5_000, Seed = 3, ReportDirectory = Reports };
        var report = TestingEngine.Run(system, "read-then-write", config);

        Assert.True(report.BugFound);
        var pct = Assert.IsType<PctBound>(report.Pct);
        Assert.Equal(2, pct.Depth);
        Assert.Equal(1.0 / (pct.Sources * pct.Horizon), pct.ProbabilityPerRun, 12);
        var predicted = pct.RunsFor(0.99);
        Assert.True(report.Bug!.Iteration + 1 <= predicted,
            $"PCT needed {report.Bug.Iteration + 1} runs; its bound (n = {pct.Sources}, k = {pct.Horizon}) promises 99% within {predicted}");
        Assert.Contains("1/(n*k^(d-1))", pct.Describe());
    }

    [Fact]
    public void Pct_reports_the_confidence_of_a_bug_free_campaign()
    {
        var report = Explore.AssertNoBug(new RegisterSystem(), null, new TestConfiguration { Strategy = "pct", StrategyBound = 2, Iterations = 300, Seed = 1 });
        var pct = Assert.IsType<PctBound>(report.Pct);
        Assert.Equal(300, pct.Runs);
        Assert.Equal(1 - Math.Pow(1 - pct.ProbabilityPerRun, 300), pct.Confidence, 12);
        Assert.InRange(pct.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void Strategies_under_fifo_links_never_reorder_a_link()
    {
        // On FIFO links the ponger's missing reorder buffer is not a bug: exhaustive search proves it.
        var report = Explore.AssertNoBug("PingPongFifo", () => PingPongSystem.Create(reorderBuffer: false, reordering: false),
            new TestConfiguration { Strategy = "dfs", Iterations = 10_000 });
        Assert.True(report.Dfs!.Exhausted);
    }

    [Fact]
    public void Unknown_strategy_and_bad_bounds_are_rejected_with_a_clear_message()
    {
        var system = new RegisterSystem();
        var unknown = Assert.Throws<ArgumentException>(() => TestingEngine.Run(system, null, new TestConfiguration { Strategy = "coin-toss" }));
        Assert.Contains("unknown strategy 'coin-toss'", unknown.Message);
        Assert.Contains("portfolio", unknown.Message);
        var depth = Assert.Throws<ArgumentException>(() => TestingEngine.Run(system, null, new TestConfiguration { Strategy = "pct", StrategyBound = 0 }));
        Assert.Contains("at least 1", depth.Message);
        var bug = Assert.Throws<ArgumentException>(() => TestingEngine.Run(system, "no-such-bug", new TestConfiguration()));
        Assert.Contains("unknown bug 'no-such-bug'", bug.Message);
        Assert.Contains("read-then-write", bug.Message);
    }
}

internal static class TestSystems
{
    public static IReadOnlyList<SystemDefinition> All { get; } = SystemCatalog.Discover(typeof(TestSystems).Assembly);

    public static SystemDefinition Get(string name) => SystemCatalog.Find(All, name) ?? throw new ArgumentException(name);
}
