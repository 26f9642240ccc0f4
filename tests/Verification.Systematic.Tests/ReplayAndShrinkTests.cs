using Verification.Systematic.Engine;
using Verification.Systematic.Strategies;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>Schedule files, exact replay, shrinking, and the one-line errors for bad schedule files.</summary>
public class ReplayAndShrinkTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "replay");

    private static BugReport FindLostUpdate(ulong seed = 1, bool shrink = true) =>
        Explore.AssertFindsBug(new RegisterSystem(), "read-then-write",
            new TestConfiguration { Iterations = 200, Seed = seed, Shrink = shrink, ReportDirectory = Path.Combine(Reports, $"seed{seed}-{shrink}") }, "NoLostUpdate");

    [Fact]
    public void Replay_reproduces_the_bug_with_the_same_trace()
    {
        var bug = FindLostUpdate();
        Assert.NotNull(bug.ScheduleFile);
        Assert.Equal($"verify replay {bug.ScheduleFile}", bug.ReplayCommand);

        var replay = TestingEngine.Replay(new RegisterSystem(), bug.ScheduleFile!);
        Assert.True(replay.BugFound);
        Assert.Equal(bug.Detector, replay.Bug!.Detector);
        Assert.Equal(bug.Message, replay.Bug.Message);
        Assert.Equal(bug.Trace, replay.Bug.Trace);
        Assert.Equal(bug.Trace, replay.ReplayedTrace);
        Assert.Equal("NoLostUpdate", replay.ExpectedDetector);
    }

    [Fact]
    public void Replay_reproduces_a_liveness_bug()
    {
        var system = new LeaderElectionSystem();
        var bug = Explore.AssertFindsBug(system, "no-rearm", new TestConfiguration { Iterations = 200, ReportDirectory = Reports }, "liveness:EventuallyLeader");
        Assert.Contains("is still hot when the system went quiet (nothing enabled, no timer pending); hot since step 0: no leader has been elected", bug.Message);
        var replay = TestingEngine.Replay(system, bug.ScheduleFile!);
        Assert.Equal("liveness:EventuallyLeader", replay.Bug!.Detector);
        Assert.Equal(bug.Trace, replay.Bug.Trace);
    }

    [Fact]
    public void The_schedule_file_holds_the_settings_and_one_line_per_decision()
    {
        var bug = FindLostUpdate();
        var lines = File.ReadAllLines(bug.ScheduleFile!);
        Assert.Contains("format: verify-schedule/2", lines);
        Assert.Contains("system: LostUpdateRegister", lines);
        Assert.Contains("bug: read-then-write", lines);
        Assert.Contains("detector: NoLostUpdate", lines);
        Assert.Contains(lines, l => l.StartsWith("build: Verification.Systematic.Tests@", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("seed: ", StringComparison.Ordinal));
        var decisions = lines.SkipWhile(l => !l.StartsWith("decisions:", StringComparison.Ordinal)).Skip(1).ToArray();
        Assert.Equal(bug.ShrunkLength, decisions.Length);
        Assert.All(decisions, d => Assert.Matches(@"^(deliver\(n\d+->n\d+#\d+\)|request\(n\d+#\d+\))$", d));
    }

    [Fact]
    public void Shrinking_removes_faults_and_steps_that_the_bug_does_not_need()
    {
        // Duplicated messages are noise for the lost update; the shrinker must remove them.
        var faults = new FaultModel { MaxDuplicates = 3 };
        var config = new TestConfiguration { Iterations = 500, Seed = 4, ReportDirectory = Reports };
        var bug = Explore.AssertFindsBug("NoisyRegister", () => RegisterSystem.Create(atomic: false, faults), config, "NoLostUpdate");

        Assert.True(bug.OriginalFaults > 0, $"seed 4 should find the bug with faults in the schedule, found {bug.OriginalFaults}");
        Assert.True(bug.ShrunkLength < bug.OriginalLength, $"shrinking kept {bug.ShrunkLength} of {bug.OriginalLength} steps");
        Assert.Equal(0, bug.ShrunkFaults);
        Assert.Equal(bug.ShrunkLength, bug.Trace.Count);
        Assert.Contains($"{bug.OriginalLength} steps ({bug.OriginalFaults} faults) as found, {bug.ShrunkLength} steps (0 faults) after shrinking", bug.Describe());

        var unshrunk = Explore.AssertFindsBug("NoisyRegister", () => RegisterSystem.Create(atomic: false, faults), config with { Shrink = false, ReportDirectory = Path.Combine(Reports, "unshrunk") }, "NoLostUpdate");
        Assert.Equal(bug.OriginalLength, unshrunk.ShrunkLength);
        Assert.Equal(bug.Iteration, unshrunk.Iteration);

        var replay = TestingEngine.Replay("NoisyRegister", () => RegisterSystem.Create(atomic: false, faults), bug.ScheduleFile!);
        Assert.Equal(bug.Trace, replay.Bug!.Trace);
    }

    [Fact]
    public void A_malformed_schedule_file_is_reported_with_its_line_and_column()
    {
        var bug = FindLostUpdate();
        var path = Path.Combine(Reports, "malformed.schedule");
        var lines = File.ReadAllLines(bug.ScheduleFile!).ToList();
        var first = lines.FindIndex(l => l.StartsWith("deliver(", StringComparison.Ordinal) || l.StartsWith("request(", StringComparison.Ordinal));
        lines[first] = "deliver(n0=>n1#0)";
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new RegisterSystem(), path));
        Assert.Equal(first + 1, error.Line);
        Assert.StartsWith($"{path}:{first + 1}:", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_rejected()
    {
        var bug = FindLostUpdate();
        var lines = File.ReadAllLines(bug.ScheduleFile!);

        var truncated = Path.Combine(Reports, "truncated.schedule");
        File.WriteAllLines(truncated, lines[..^2]);
        Assert.Contains("truncated?", Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new RegisterSystem(), truncated)).Message);

        var notSchedule = Path.Combine(Reports, "not-a-schedule.txt");
        File.WriteAllText(notSchedule, "hello\n");
        Assert.Contains("expected 'key: value'", Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new RegisterSystem(), notSchedule)).Message);

        var otherSystem = Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new PingPongSystem(), bug.ScheduleFile!));
        Assert.Contains("recorded for system 'LostUpdateRegister', not 'PingPong'", otherSystem.Message);

        var otherBuild = Path.Combine(Reports, "other-build.schedule");
        File.WriteAllLines(otherBuild, lines.Select(l => l.StartsWith("build: ", StringComparison.Ordinal) ? "build: Verification.Systematic.Tests@000000000000+explorer@000000000000" : l));
        Assert.Contains("recorded by a different build", Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new RegisterSystem(), otherBuild)).Message);

        var missing = Assert.Throws<ScheduleFormatException>(() => TestingEngine.Replay(new RegisterSystem(), Path.Combine(Reports, "does-not-exist.schedule")));
        Assert.Contains("cannot read the schedule file", missing.Message);
    }

    [Fact]
    public void A_schedule_that_departs_from_the_system_is_a_mismatch()
    {
        var bug = FindLostUpdate();
        var lines = File.ReadAllLines(bug.ScheduleFile!).ToList();
        var first = lines.FindIndex(l => l.StartsWith("request(", StringComparison.Ordinal));
        lines[first] = "deliver(n1->n2#7)";
        var path = Path.Combine(Reports, "mismatch.schedule");
        File.WriteAllLines(path, lines);
        var error = Assert.Throws<ScheduleMismatchException>(() => TestingEngine.Replay(new RegisterSystem(), path));
        Assert.Contains("deliver(n1->n2#7) is not enabled", error.Message);
    }
}
