using System.CommandLine;
using Verification.Cli.Commands;
using Verification.Systematic.Engine;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>
/// Budgets that hold (a time budget stops even one endless iteration; zero iterations is an error),
/// honest verdicts (nothing explored, or a bound too small to judge liveness, is no "no bug found"),
/// schedule files that never overwrite each other, and reports that name and count one way.
/// </summary>
public class BudgetAndReportTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "budgets");

    /// <summary>One node whose timer ticks forever and a monitor that is hot from the start: every run lasts as long as its bound.</summary>
    private static Scenario Endless(int? faultsUntil) => new()
    {
        NodeCount = 1,
        CreateNode = _ => new LambdaNode { Start = ctx => ctx.SetTimer("tick", 1), Timer = (ctx, _) => ctx.SetTimer("tick", 1) },
        Faults = new FaultModel { FaultsUntilStep = faultsUntil },
        CreateMonitors = () => [new LambdaMonitor("Progress", (self, _, _) => { if (!self.IsHot) self.SetHot("no leader"); })],
    };

    /// <summary>A registered-looking system (for the CLI) whose liveness monitor waits for ever, with faults until step 1,000.</summary>
    private sealed class EndlessSystem : SystemDefinition
    {
        public override string Name => "Endless";
        public override string Family => "example";
        public override int DefaultMaxSteps => 10;
        public override Scenario CreateScenario(string? bug) => Endless(1_000);
    }

    private static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (test systems)");
        IReadOnlyList<SystemDefinition> Systems() => [.. TestSystems.All, new EndlessSystem()];
        root.Subcommands.Add(TestCommand.Create(Systems));
        root.Subcommands.Add(ReplayCommand.Create(Systems));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_time_budget_stops_an_iteration_that_would_run_for_ever_and_nothing_explored_is_no_verdict(int workers)
    {
        // Without the budget checked inside the iteration, this run would take 10^9 steps.
        var config = new TestConfiguration
        {
            Strategy = "pct", Iterations = 3, MaxSteps = 1_000_000_000, Parallel = workers, TimeBudget = TimeSpan.FromMilliseconds(300), ReportDirectory = Reports,
        };
        var report = TestingEngine.Run("Endless", () => Endless(null), config);
        Assert.False(report.BugFound);
        Assert.Equal(0, report.Iterations);
        Assert.True(report.StoppedByTimeBudget);
        Assert.True(report.ExploredNothing);
        Assert.True(report.Inconclusive);
        Assert.DoesNotContain("no bug found", report.Summary());
        Assert.Contains("explored nothing", report.Summary());
    }

    [Fact]
    public void The_cli_exits_3_when_the_time_budget_allowed_no_complete_iteration()
    {
        var (exit, output, error) = Verify("test", "Endless", "--strategy", "pct", "--max-steps", "1000000000", "--time-budget", "0.3", "--report-dir", Reports);
        Assert.Equal(TestCommand.InconclusiveExitCode, exit);
        Assert.Equal("", error);
        Assert.Contains("explored nothing", output);
        Assert.DoesNotContain("no bug found", output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Zero_iterations_is_an_error_not_a_pass(string iterations)
    {
        var (exit, output, error) = Verify("test", "LostUpdateRegister", "--iterations", iterations);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: --iterations must be at least 1, not {iterations}: nothing would be tested", line);
        Assert.Throws<ArgumentException>(() => TestingEngine.Run("Endless", () => Endless(null), new TestConfiguration { Iterations = 0 }));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("portfolio")]
    public void A_bound_that_ends_every_run_before_the_heal_phase_is_inconclusive_for_liveness_never_a_bug(string strategy)
    {
        // Faults may strike until step 1,000; fair runs stop at 200, unfair ones at 20.
        var report = TestingEngine.Run("Endless", () => Endless(1_000), new TestConfiguration { Strategy = strategy, Iterations = 5, MaxSteps = 20, ReportDirectory = Reports });
        Assert.False(report.BugFound);
        Assert.Equal(5, report.LivenessUnjudgedRuns);
        Assert.True(report.Inconclusive);
        Assert.Contains("inconclusive: the bound is too small for liveness", report.Summary());
        Assert.DoesNotContain("no bug found", report.Summary());

        var (exit, output, _) = Verify("test", "Endless", "--strategy", strategy, "--iterations", "5", "--max-steps", "1", "--report-dir", Reports);
        Assert.Equal(TestCommand.InconclusiveExitCode, exit);
        Assert.Contains("inconclusive: the bound is too small for liveness", output);
        Assert.DoesNotContain("bug found", output);
        Assert.DoesNotContain("liveness:Progress", output);
    }

    [Fact]
    public void Under_a_fair_schedule_the_temperature_rises_only_in_the_heal_phase()
    {
        // Hot from step 0, faults until step 100, threshold 50: the fair run fails 51 steps into the heal phase.
        var bug = Explore.AssertFindsBug("Endless", () => Endless(100),
            new TestConfiguration { Strategy = "random", Iterations = 1, MaxSteps = 20, LivenessTemperatureThreshold = 50, ReportDirectory = Reports, Shrink = false }, "liveness:Progress");
        Assert.Equal(151, bug.FailingStep);
        Assert.Contains("(hot since step 0)", bug.Message);
    }

    [Fact]
    public void Schedule_files_of_different_campaigns_never_overwrite_each_other()
    {
        var folder = Path.Combine(Reports, "unique-" + Guid.NewGuid().ToString("N"));
        var system = new RegisterSystem();
        BugReport Hunt(string strategy) => Explore.AssertFindsBug(system, "read-then-write",
            new TestConfiguration { Strategy = strategy, Iterations = 300, Seed = 1, ReportDirectory = folder }, "NoLostUpdate");
        var random = Hunt("random");
        var pos = Hunt("pos");
        var again = Hunt("random");
        Assert.Contains("-random-seed1", Path.GetFileName(random.ScheduleFile!));
        Assert.Contains("-pos-seed1", Path.GetFileName(pos.ScheduleFile!));
        Assert.Equal(3, new[] { random.ScheduleFile, pos.ScheduleFile, again.ScheduleFile }.Distinct().Count());
        Assert.EndsWith("-2.schedule", again.ScheduleFile);
        // Every file still replays its own campaign's bug.
        foreach (var bug in new[] { random, pos, again })
            Assert.Equal(bug.Trace, TestingEngine.Replay(system, bug.ScheduleFile!).Bug!.Trace);
    }

    [Fact]
    public void The_default_schedule_folder_is_per_user()
    {
        var folder = TestingEngine.DefaultReportDirectory();
        Assert.StartsWith(Path.GetTempPath(), folder);
        Assert.Contains(Environment.UserName, Path.GetFileName(folder));
    }

    [Fact]
    public void A_report_dir_that_is_a_file_fails_before_the_campaign_starts()
    {
        Directory.CreateDirectory(Reports);
        var file = Path.Combine(Reports, "not-a-folder.txt");
        File.WriteAllText(file, "x");
        var ran = 0;
        Scenario Counting() { Interlocked.Increment(ref ran); return Endless(null); }
        Assert.Throws<IOException>(() => TestingEngine.Run("Endless", Counting, new TestConfiguration { Iterations = 1_000, ReportDirectory = file }));
        Assert.Equal(0, ran);

        var (exit, _, error) = Verify("test", "LostUpdateRegister", "--iterations", "5", "--report-dir", file);
        Assert.Equal(1, exit);
        Assert.Contains("is a file, not a folder", error);
    }

    [Fact]
    public void A_bug_report_counts_iterations_from_1_names_nodes_n1_to_nk_and_prints_the_message_once()
    {
        var folder = Path.Combine(Reports, "report-" + Guid.NewGuid().ToString("N"));
        var (exit, output, _) = Verify("test", "LostUpdateRegister", "--bug", "read-then-write", "--iterations", "200", "--seed", "1", "--report-dir", folder);
        Assert.Equal(2, exit);
        const string message = "2 increments were acknowledged but the register holds 1";
        Assert.Equal(1, CountOf(output, message));
        var iterationsRun = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"seed 1, (\d+) iterations").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"found in iteration {iterationsRun} by", output);

        var file = Directory.GetFiles(folder, "*.schedule").Single();
        var lines = File.ReadAllLines(file);
        Assert.Contains("format: verify-schedule/2", lines);
        Assert.Contains($"iteration: {iterationsRun}", lines);
        var decisions = lines.SkipWhile(l => !l.StartsWith("decisions:", StringComparison.Ordinal)).Skip(1).ToArray();
        Assert.Contains(decisions, d => d.Contains("n1", StringComparison.Ordinal));
        Assert.DoesNotContain(decisions, d => d.Contains("n0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("test", "HUGE")]
    [InlineData("test", "LostUpdateRegister", "--bug", "HUGE")]
    [InlineData("test", "LostUpdateRegister", "--strategy", "HUGE")]
    [InlineData("test", "LostUpdateRegister", "--iterations", "HUGE")]
    public void An_error_never_echoes_a_huge_input_in_full(params string[] args)
    {
        var huge = new string('9', 100_000);
        var (exit, _, error) = Verify(args.Select(a => a == "HUGE" ? huge : a).ToArray());
        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(line.Length < 2_200, $"{line.Length} characters");
    }

    [Fact]
    public void States_needs_a_refinement_mapping_and_says_so_in_one_line()
    {
        var (exit, output, error) = Verify("test", "LostUpdateRegister", "--iterations", "5", "--states");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --states shows the spec's variables through the system's refinement mapping, and LostUpdateRegister has none", line);
    }

    [Fact]
    public void A_schedule_file_of_the_first_format_with_nodes_from_n0_still_replays()
    {
        var folder = Path.Combine(Reports, "v1-" + Guid.NewGuid().ToString("N"));
        var system = new RegisterSystem();
        var bug = Explore.AssertFindsBug(system, "read-then-write", new TestConfiguration { Iterations = 200, Seed = 1, ReportDirectory = folder }, "NoLostUpdate");
        var old = File.ReadAllLines(bug.ScheduleFile!).Select(ToFormat1).ToArray();
        var oldFile = Path.Combine(folder, "old.schedule");
        File.WriteAllLines(oldFile, old);
        Assert.Contains("format: verify-schedule/1", old);
        var replay = TestingEngine.Replay(system, oldFile);
        Assert.Equal(bug.Trace, replay.Bug!.Trace);
        Assert.Equal(bug.Iteration, replay.Bug.Iteration);
    }

    /// <summary>Rewrites a line of a format-2 file as format 1 wrote it: nodes from n0, iterations from 0.</summary>
    private static string ToFormat1(string line)
    {
        if (line.StartsWith("format:", StringComparison.Ordinal)) return "format: verify-schedule/1";
        if (line.StartsWith("iteration: ", StringComparison.Ordinal)) return $"iteration: {long.Parse(line["iteration: ".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1}";
        return System.Text.RegularExpressions.Regex.Replace(line, @"(?<=[(>]n)(\d+)", m => (int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
