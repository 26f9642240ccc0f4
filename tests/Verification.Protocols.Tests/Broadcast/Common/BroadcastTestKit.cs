using Verification.Cli;
using CommandLine = Verification.Cli.Cli;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>Budgets and helpers shared by the tests of broadcast algorithms 1-5.</summary>
internal static class BroadcastTestKit
{
    /// <summary>
    /// The budget every seeded bug must be found within and every correct version must survive.
    /// Measured over seeds 1-10, random, POS and the portfolio find each bug within 90 iterations
    /// (most within 40), and so does PCT except for FIFO's; 1,000 leaves a wide margin. A correct
    /// run is 10-20 steps, the campaign well under a second. DFS is deterministic and reaches the
    /// bugs after 5 (best-effort), 8 (eager), 28 (lazy), 744 (uniform) and 1,347 (FIFO)
    /// schedules; it gets 10,000.
    /// </summary>
    public static TestConfiguration Budget(string strategy) => new()
    {
        Strategy = strategy,
        Iterations = strategy == "dfs" ? 10_000 : 1_000,
        Seed = 1,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-broadcast-tests"),
    };

    /// <summary>
    /// Exhaustive search (DFS with pruning of revisited world states) with room to finish: the
    /// correct best-effort, eager, lazy and FIFO systems exhaust in 4,010, 8,157, 1,075 and
    /// 3,177 schedules.
    /// </summary>
    public static TestConfiguration Exhaustive { get; } = new()
    {
        Strategy = "dfs",
        Iterations = 100_000,
        Seed = 1,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-broadcast-tests"),
    };

    /// <summary>Asserts that exhaustive search covered every schedule of the system's correct version without a bug.</summary>
    public static void AssertExhaustedWithoutBug(SystemDefinition system)
    {
        var report = Explore.AssertNoBug(system, null, Exhaustive);
        Assert.True(report.Dfs is { Exhausted: true }, $"the search space was not exhausted: {report.Dfs}");
    }

    public static (int ExitCode, string Output, string Error) RunCli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CommandLine.Run(VerifyApp.CreateRoot(), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>`verify test NAME --bug BUG --iterations 5000 --seed 1` finds the bug (exit 2).</summary>
    public static void CliFindsBug(string system, string bug)
    {
        var (exitCode, output, error) = RunCli("test", system, "--bug", bug, "--iterations", "5000", "--seed", "1");
        Assert.True(exitCode == 2, $"expected exit code 2 (bug found), got {exitCode}\n{output}\n{error}");
    }

    /// <summary>`verify test NAME --iterations 200 --seed 1` finds nothing (exit 0).</summary>
    public static void CliFindsNoBug(string system)
    {
        var (exitCode, output, error) = RunCli("test", system, "--iterations", "200", "--seed", "1");
        Assert.True(exitCode == 0, $"expected exit code 0 (no bug), got {exitCode}\n{output}\n{error}");
    }
}
