using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Verification.Tla.Conformance;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// The node host's own concurrency under Coyote's task testing, written as Coyote's documentation
/// writes it: TestingEngine.Create(configuration, async () => ...) over rewritten assemblies. The
/// correct host survives a stated budget (30 iterations, seed 1, Coyote's default strategy portfolio);
/// each seeded host bug is found within the same budget and named by the check that caught it.
/// </summary>
public sealed class HostTaskTests
{
    private const int Budget = 30;

    private const int ConformanceBudget = 10;

    private static TestReport Run(string? hostBug, int iterations, uint seed, Action<IReadOnlyList<IReadOnlyList<string>>>? finished = null)
    {
        HostScenario.Prepare();
        var configuration = Configuration.Create()
            .WithTestingIterations((uint)iterations)
            .WithRandomGeneratorSeed(seed)
            .WithMaxSchedulingSteps(20_000)
            .WithDeadlockTimeout(10_000)
            .WithPartiallyControlledConcurrencyAllowed(false);
        using var engine = TestingEngine.Create(configuration, () => HostScenario.RunAsync(hostBug, finished));
        engine.Run();
        return engine.TestReport;
    }

    [Fact]
    public void Correct_host_survives_the_budget()
    {
        var report = Run(null, Budget, seed: 1);
        Assert.True(report.NumOfFoundBugs == 0, string.Join("\n", report.BugReports));
        Assert.Equal(Budget, report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths);
        Assert.Empty(report.UncontrolledInvocations);
    }

    /// <summary>The nodes' logs of every iteration, merged and validated after Coyote's run (the validator's work is not the host's concurrency).</summary>
    [Fact]
    public void Correct_host_runs_conform_to_the_Raft_spec()
    {
        var runs = new List<IReadOnlyList<IReadOnlyList<string>>>();
        var report = Run(null, ConformanceBudget, seed: 1, runs.Add);
        Assert.True(report.NumOfFoundBugs == 0, string.Join("\n", report.BugReports));
        Assert.Equal(ConformanceBudget, runs.Count);
        var folder = Directory.CreateTempSubdirectory("verify-host-coyote-").FullName;
        try
        {
            var steps = 0;
            for (var i = 0; i < runs.Count; i++)
            {
                var validation = HostScenario.Validate(runs[i], Path.Combine(folder, $"iteration-{i + 1}"));
                Assert.True(validation.Verdict == ConformanceVerdict.Conforms, $"iteration {i + 1}: {validation.Description}");
                steps += validation.StepsValidated;
            }
            Assert.True(steps > 10 * ConformanceBudget, $"only {steps} steps validated in {ConformanceBudget} runs");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>With seed 1 both are found at the first iteration; over seeds 1..10, ack-before-fsync at iterations 1 to 14 (median 1), unsynchronized-dispatch always at 1.</summary>
    [Theory]
    [InlineData("ack-before-fsync", "lost acknowledgement")]
    [InlineData("unsynchronized-dispatch", "two steps at once")]
    public void Seeded_host_bug_is_found_within_the_budget(string hostBug, string check)
    {
        var report = Run(hostBug, Budget, seed: 1);
        Assert.True(report.NumOfFoundBugs > 0, $"{hostBug} not found in {Budget} iterations");
        Assert.Contains(check, string.Join("\n", report.BugReports));
    }
}
