using Verification.Cli;
using CommandLine = Verification.Cli.Cli;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>Budgets and helpers shared by the tests of broadcast algorithms 1-5.</summary>
internal static class BroadcastTestKit
{
    /// <summary>
    /// The budget every seeded bug must be found within and every correct version must survive.
    /// Measured over seeds 1-8, random and PCT find each bug within 210 iterations (most within
    /// 60), so 1,000 leaves a wide margin; a correct run is 10-20 steps, the campaign well under a
    /// second.
    /// </summary>
    public static TestConfiguration Budget(string strategy) => new()
    {
        Strategy = strategy,
        Iterations = 1_000,
        Seed = 1,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-broadcast-tests"),
    };

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
