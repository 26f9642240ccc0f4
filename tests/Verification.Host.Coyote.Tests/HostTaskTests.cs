using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// The node host's own concurrency under Coyote's task testing, written as Coyote's documentation
/// writes it: TestingEngine.Create(configuration, async () => ...) over rewritten assemblies. The
/// correct host survives a stated budget (random strategy, seed 1); each seeded host bug is found
/// within the same budget and named by the check that caught it.
/// </summary>
public sealed class HostTaskTests
{
    private const int Budget = 100;

    private static TestReport Run(string? hostBug, int iterations, uint seed, string? validateInto = null)
    {
        HostScenario.Prepare();
        var configuration = Configuration.Create()
            .WithTestingIterations((uint)iterations)
            .WithRandomGeneratorSeed(seed)
            .WithMaxSchedulingSteps(20_000)
            .WithDeadlockTimeout(10_000)
            .WithPartiallyControlledConcurrencyAllowed(false);
        if (Environment.GetEnvironmentVariable("HOSTCOYOTE_DEBUG") is not null) configuration = configuration.WithVerbosityEnabled(Microsoft.Coyote.Logging.VerbosityLevel.Exhaustive).WithConsoleLoggingEnabled();
        using var engine = TestingEngine.Create(configuration, () => HostScenario.RunAsync(hostBug, validateInto));
        engine.Run();
        if (Environment.GetEnvironmentVariable("HOSTCOYOTE_DEBUG") is { } debug)
        {
            File.WriteAllText(debug + ".txt", engine.ReadableTrace + "\n" + engine.GetReport());
        }
        return engine.TestReport;
    }

    [Fact]
    public void Correct_host_survives_the_budget()
    {
        var report = Run(null, Budget, seed: 1);
        Assert.True(report.NumOfFoundBugs == 0, string.Join("\n", report.BugReports));
    }

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
