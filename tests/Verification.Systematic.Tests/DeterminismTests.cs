using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>Same seed, same bytes; parallel workers change nothing; nondeterministic nodes are caught.</summary>
public class DeterminismTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "determinism");

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("pos")]
    [InlineData("portfolio")]
    public void The_same_seed_gives_a_byte_identical_trace_and_schedule(string strategy)
    {
        var system = new LeaderElectionSystem();
        BugReport Find(string folder) => Explore.AssertFindsBug(system, "no-rearm",
            new TestConfiguration { Strategy = strategy, Iterations = 500, Seed = 42, ReportDirectory = Path.Combine(Reports, folder) });
        var first = Find($"{strategy}-a");
        var second = Find($"{strategy}-b");
        Assert.Equal(first.Iteration, second.Iteration);
        Assert.Equal(string.Join("\n", first.Trace), string.Join("\n", second.Trace));
        var firstBytes = File.ReadAllText(first.ScheduleFile!).Replace(first.ScheduleFile!, "FILE");
        var secondBytes = File.ReadAllText(second.ScheduleFile!).Replace(second.ScheduleFile!, "FILE");
        Assert.Equal(firstBytes, secondBytes);
    }

    [Fact]
    public void Different_seeds_explore_different_schedules()
    {
        var system = new LeaderElectionSystem();
        var a = Explore.AssertFindsBug(system, "no-rearm", new TestConfiguration { Iterations = 500, Seed = 1, Shrink = false, ReportDirectory = Reports });
        var b = Explore.AssertFindsBug(system, "no-rearm", new TestConfiguration { Iterations = 500, Seed = 2, Shrink = false, ReportDirectory = Reports });
        Assert.False(a.Iteration == b.Iteration && a.Trace.SequenceEqual(b.Trace));
    }

    [Theory]
    [InlineData("random", "LeaderElection", "no-rearm")]
    [InlineData("pct", "LostUpdateRegister", "read-then-write")]
    [InlineData("pos", "LeaderElection", "no-rearm")]
    [InlineData("portfolio", "LeaderElection", "no-rearm")]
    public void Parallel_and_sequential_runs_agree(string strategy, string systemName, string bugName)
    {
        var system = TestSystems.Get(systemName);
        // A seed whose first failing iteration is not the first one, so workers really race past it.
        var config = new TestConfiguration { Strategy = strategy, Iterations = 3_000, Seed = 9, ReportDirectory = Reports };
        var sequential = TestingEngine.Run(system, bugName, config);
        foreach (var workers in new[] { 2, 3 })
        {
            var parallel = TestingEngine.Run(system, bugName, config with { Parallel = workers });
            Assert.Equal(sequential.BugFound, parallel.BugFound);
            Assert.Equal(sequential.Iterations, parallel.Iterations);
            Assert.Equal(sequential.Steps, parallel.Steps);
            Assert.Equal(sequential.Bug?.Iteration, parallel.Bug?.Iteration);
            Assert.Equal(sequential.Bug?.Trace, parallel.Bug?.Trace);
        }

        var fixedSequential = TestingEngine.Run(system, null, config with { Iterations = 400 });
        var fixedParallel = TestingEngine.Run(system, null, config with { Iterations = 400, Parallel = 2 });
        Assert.False(fixedSequential.BugFound);
        Assert.Equal(fixedSequential.Steps, fixedParallel.Steps);
        Assert.Equal(400, fixedParallel.Iterations);
    }

    private sealed record Tick(int Value);

    [Fact]
    public void A_node_that_depends_on_hidden_state_fails_the_determinism_self_check()
    {
        // Shared mutable state survives from one run to the next: the first iteration, run twice, differs.
        var sharedCounter = 0;
        Scenario Leaky() => new()
        {
            NodeCount = 2,
            CreateNode = id => new LambdaNode
            {
                Start = ctx => { if (id == 0) ctx.Send(1, new Tick(sharedCounter++)); },
            },
        };
        var bug = Explore.AssertFindsBug("Leaky", Leaky, new TestConfiguration { Iterations = 10, ReportDirectory = Reports }, "nondeterminism");
        Assert.Contains("the same seed gave two different executions", bug.Message);
        Assert.Equal(0, bug.Iteration);
    }

    [Fact]
    public void A_deterministic_campaign_records_its_self_check()
    {
        var report = Explore.AssertNoBug(new RegisterSystem(), null, new TestConfiguration { Iterations = 10 });
        Assert.True(report.DeterminismChecked);
        var unchecked_ = Explore.AssertNoBug(new RegisterSystem(), null, new TestConfiguration { Iterations = 10, DeterminismCheck = false });
        Assert.False(unchecked_.DeterminismChecked);
    }
}
