using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Verification.Systematic.Engine;

namespace Verification.Cli.Explorer;

/// <summary>
/// Runs a campaign with progress feedback: a Spectre progress bar (iterations/s, steps/s) on an
/// interactive terminal, plain periodic lines otherwise (CI logs, redirected output, tests).
/// </summary>
internal static class ExplorerOutput
{
    public static TestReport RunWithProgress(TextWriter output, Func<Action<TestProgress>, TestReport> run)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return RunWithPlainLines(output, run);

        TestReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("exploring", maxValue: 1);
                report = run(progress =>
                {
                    task.MaxValue = Math.Max(1, progress.IterationsTotal);
                    task.Value = progress.IterationsDone;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{progress.IterationsDone:N0}/{progress.IterationsTotal:N0} iterations  {progress.IterationsPerSecond:N0} it/s  {progress.StepsPerSecond:N0} steps/s");
                });
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static TestReport RunWithPlainLines(TextWriter output, Func<Action<TestProgress>, TestReport> run)
    {
        var sinceLastLine = Stopwatch.StartNew();
        return run(progress =>
        {
            // At most one line every five seconds: enough to show life in a CI log without flooding it.
            if (sinceLastLine.Elapsed < TimeSpan.FromSeconds(5) || progress.IterationsDone >= progress.IterationsTotal) return;
            sinceLastLine.Restart();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ... {progress.IterationsDone:N0}/{progress.IterationsTotal:N0} iterations, {progress.Steps:N0} steps ({progress.IterationsPerSecond:N0} iterations/s, {progress.StepsPerSecond:N0} steps/s)"));
        });
    }

    /// <param name="bugDescription">The bug's description to print instead of its plain one (e.g. with the abstract states).</param>
    public static void PrintReport(TextWriter output, TestReport report, string? bugDescription = null)
    {
        output.WriteLine(report.Summary());
        if (report.Bug is { } bug) output.WriteLine(bugDescription ?? bug.Describe());
    }
}
