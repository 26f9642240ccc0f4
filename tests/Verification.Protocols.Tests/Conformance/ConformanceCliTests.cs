using System.CommandLine;
using System.Text.RegularExpressions;
using Verification.Cli.Commands;
using Verification.Cli.Explorer;
using Verification.Protocols.Broadcast.FifoBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Conformance;

/// <summary>
/// `verify test --conformance`, the `verify replay FILE --conformance [--itf OUT]` command its report
/// prints, and `verify validate` on the ITF trace the replay writes: in process, over the registered
/// systems (plus one without a refinement mapping).
/// </summary>
public sealed class ConformanceCliTests
{
    private static readonly string Root = ConformanceTestKit.RepositoryRoot;

    private static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (conformance CLI tests)");
        IReadOnlyList<SystemDefinition> Systems() => [.. ExplorerSystems.Registered(), new UnmappedFifoBroadcast()];
        root.Subcommands.Add(TestCommand.Create(Systems, () => Root));
        root.Subcommands.Add(ReplayCommand.Create(Systems, () => Root));
        root.Subcommands.Add(ValidateCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = global::Verification.Cli.Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Reports(string test)
    {
        var directory = Path.Combine(Path.GetTempPath(), "verification-conformance-cli-tests", test);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The arguments of the report's "replay: verify replay FILE --conformance" line.</summary>
    private static string[] ReplayArguments(string output)
    {
        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith("replay: verify replay ", StringComparison.Ordinal)).Trim();
        return line["replay: verify ".Length..].Split(' ');
    }

    /// <summary>The bug's message: the lines between "bug: DETECTOR" and "found in iteration".</summary>
    private static string BugMessage(string output)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, static l => l.StartsWith("bug: ", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start, static l => l.TrimStart().StartsWith("found in iteration", StringComparison.Ordinal));
        return string.Join('\n', lines[start..end]);
    }

    private static string ClaimedAction(string output) => Regex.Match(output, @"Claimed action: (\w+)").Groups[1].Value;

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return lines[0];
    }

    [Theory]
    // The spec rejects the run first: the recorder is the detector.
    [InlineData("EagerReliableBroadcast", "no-relay", "conformance")]
    // A system monitor fails the run at the step the spec rejects too (mid-step, on the delivery).
    [InlineData("FifoBroadcast", "no-holdback", "FifoOrder")]
    public void A_bug_found_with_conformance_replays_with_the_recorder_and_its_trace_fails_validation(string system, string bug, string detector)
    {
        var reports = Reports($"{system}-{bug}");
        var (exit, output, error) = Verify("test", system, "--bug", bug, "--conformance", "--iterations", "300", "--seed", "1", "--report-dir", reports);
        Assert.Equal(2, exit);
        Assert.Equal("", error);
        Assert.Contains($"bug: {detector}\n", output);
        Assert.Matches(@"validation: [\d,]+ steps/s \([\d.]+ s spent validating\)", output);
        var replay = ReplayArguments(output);
        Assert.Equal(["replay", replay[1], "--conformance"], replay);

        var itf = Path.Combine(reports, "run.itf.json");
        var (replayExit, replayOutput, replayError) = Verify([.. replay, "--itf", itf]);
        Assert.Equal(2, replayExit);
        Assert.Equal("", replayError);
        Assert.Equal(BugMessage(output), BugMessage(replayOutput));
        // The recorder sees the failing step even when a system monitor stops the run there.
        var claimed = ClaimedAction(detector == "conformance" ? output : replayOutput);
        Assert.Equal("Receive", claimed);
        if (detector != "conformance") Assert.Contains("conformance: the replayed run does NOT conform either", replayOutput);
        Assert.Contains($"written to {itf}; validate it with: verify validate {itf} --spec ", replayOutput);

        var spec = Path.Combine(Root, "specs", "broadcast", $"{system}.tla");
        var config = Path.Combine(Root, "specs", "broadcast", $"MC{system}.cfg");
        var (validateExit, validateOutput, _) = Verify("validate", itf, "--spec", spec, "-config", config);
        Assert.Equal(12, validateExit);
        Assert.Contains("does NOT conform", validateOutput);
        Assert.Equal(claimed, ClaimedAction(validateOutput));
    }

    /// <summary>The diagnosis from its "Claimed action" line to <paramref name="end"/> (exclusive), spec paths reduced to file names.</summary>
    private static string Diagnosis(string output, string? end)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, static l => l.TrimStart().StartsWith("Claimed action:", StringComparison.Ordinal));
        var stop = end is null ? lines.Length : Array.FindIndex(lines, start, l => l.TrimStart().StartsWith(end, StringComparison.Ordinal));
        return Regex.Replace(string.Join('\n', lines[start..stop].Select(static l => l.Trim())).TrimEnd(), @"\((?:[^():]*[/\\])?(\w+\.tla):", "($1:");
    }

    [Fact]
    public void A_schedule_found_by_a_monitor_replayed_with_conformance_gives_one_diagnosis_exit_2_and_its_itf_validates_to_the_same()
    {
        var reports = Reports("monitor-then-conformance");
        var (exit, output, _) = Verify("test", "Raft", "--bug", "no-log-check", "--iterations", "100", "--seed", "1", "--report-dir", reports);
        Assert.Equal(2, exit);
        Assert.Contains("bug: LeaderCompletenessMonitor\n", output);
        var file = ReplayArguments(output)[1];

        var itf = Path.Combine(reports, "run.itf.json");
        var (replayExit, replayOutput, replayError) = Verify("replay", file, "--conformance", "--itf", itf);
        Assert.Equal("", replayError);
        Assert.Equal(2, replayExit);
        Assert.Single(Regex.Matches(replayOutput, "^bug: ", RegexOptions.Multiline));
        Assert.Contains("bug: conformance\n", replayOutput);
        Assert.Contains("the schedule recorded a 'LeaderCompletenessMonitor' bug; with --conformance the run fails earlier", replayOutput);

        var spec = Path.Combine(Root, "specs", "consensus", "Raft.tla");
        var config = Path.Combine(Root, "specs", "consensus", "MCRaftConformance.cfg");
        var (validateExit, validateOutput, _) = Verify("validate", itf, "--spec", spec, "-config", config);
        Assert.Equal(12, validateExit);
        Assert.Contains("Claimed action: HandleVoteRequest, taken by n3", validateOutput);
        Assert.Equal(Diagnosis(replayOutput, "found in iteration"), Diagnosis(validateOutput, null));
    }

    [Theory]
    [InlineData("EagerReliableBroadcast", null, "1")]
    [InlineData("LazyReliableBroadcast", "no-relay-on-crash", "1")]
    [InlineData("FifoBroadcast", null, "3")]
    public void Conformance_statistics_do_not_depend_on_the_number_of_workers(string system, string? bug, string sample)
    {
        string Campaign(string workers)
        {
            string[] args = ["test", system, "--conformance", "--sample", sample, "--iterations", "150", "--seed", "1", "--parallel", workers, "--report-dir", Reports($"{system}-workers{workers}")];
            var (_, output, error) = Verify(bug is null ? args : [.. args, "--bug", bug]);
            Assert.Equal("", error);
            var lines = output.Split('\n');
            // The summary and the coverage table, without the timing lines.
            // The summary and the coverage table (printed before the campaign's report), without the timing line.
            return string.Join('\n', lines.SkipWhile(static l => !l.StartsWith("Conformance: ", StringComparison.Ordinal))
                .TakeWhile(l => !l.StartsWith(system + (bug is null ? ":" : " --bug"), StringComparison.Ordinal))
                .Where(static l => !l.StartsWith("  validation: ", StringComparison.Ordinal)));
        }
        var one = Campaign("1");
        Assert.StartsWith("Conformance: ", one);
        Assert.Equal(one, Campaign("2"));
    }

    [Fact]
    public void A_conformance_bug_replayed_without_the_recorder_is_one_line_naming_the_flag()
    {
        var reports = Reports("without-flag");
        var (exit, output, _) = Verify("test", "EagerReliableBroadcast", "--bug", "no-relay", "--conformance", "--iterations", "300", "--seed", "1", "--report-dir", reports);
        Assert.Equal(2, exit);
        var file = ReplayArguments(output)[1];

        var (replayExit, _, replayError) = Verify("replay", file);
        Assert.Equal(1, replayExit);
        Assert.EndsWith("does not conform to EagerReliableBroadcast's spec; replay it with --conformance", OneLine(replayError).TrimEnd());

        var (itfExit, _, itfError) = Verify("replay", file, "--itf", Path.Combine(reports, "x.itf.json"));
        Assert.Equal(1, itfExit);
        Assert.Contains("add --conformance", OneLine(itfError));
    }

    [Fact]
    public void A_replayed_run_that_conforms_exits_0_and_its_trace_validates()
    {
        // The failing schedule without its last decision: the run up to the step before the bug, no bug recorded.
        var reports = Reports("prefix");
        var (exit, output, _) = Verify("test", "EagerReliableBroadcast", "--bug", "no-relay", "--conformance", "--iterations", "300", "--seed", "1", "--report-dir", reports);
        Assert.Equal(2, exit);
        var lines = File.ReadAllLines(ReplayArguments(output)[1]).Where(static l => !l.StartsWith('#') && !l.StartsWith("detector:", StringComparison.Ordinal)).ToList();
        var count = lines.FindIndex(static l => l.StartsWith("decisions:", StringComparison.Ordinal));
        var decisions = lines.Count - count - 1;
        lines[count] = $"decisions: {decisions - 1}";
        lines.RemoveAt(lines.Count - 1);
        // Unfair: a run cut short is not a liveness violation.
        lines[lines.FindIndex(static l => l.StartsWith("fair:", StringComparison.Ordinal))] = "fair: false";
        var prefix = Path.Combine(reports, "prefix.schedule");
        File.WriteAllLines(prefix, lines);

        var itf = Path.Combine(reports, "prefix.itf.json");
        var (replayExit, replayOutput, replayError) = Verify("replay", prefix, "--conformance", "--itf", itf);
        Assert.Equal("", replayError);
        Assert.Equal(0, replayExit);
        Assert.Contains("conformance: the replayed run conforms to the spec of EagerReliableBroadcast", replayOutput);
        Assert.Contains("no bug", replayOutput);

        var (validateExit, validateOutput, _) = Verify("validate", itf, "--spec", Path.Combine(Root, "specs", "broadcast", "EagerReliableBroadcast.tla"),
            "-config", Path.Combine(Root, "specs", "broadcast", "MCEagerReliableBroadcast.cfg"));
        Assert.Equal(0, validateExit);
        Assert.Contains("conforms", validateOutput);
    }

    [Fact]
    public void A_system_without_a_refinement_mapping_is_one_line_for_test_and_replay()
    {
        var (exit, _, error) = Verify("test", "UnmappedFifo", "--conformance", "--iterations", "10");
        Assert.Equal(1, exit);
        Assert.Contains("the system 'UnmappedFifo' has no refinement mapping to its spec", OneLine(error));

        var reports = Reports("unmapped");
        var (bugExit, output, _) = Verify("test", "UnmappedFifo", "--bug", "no-holdback", "--iterations", "200", "--seed", "1", "--report-dir", reports);
        Assert.Equal(2, bugExit);
        var replay = ReplayArguments(output);
        Assert.Equal(2, replay.Length);
        var (replayExit, _, replayError) = Verify([.. replay, "--conformance"]);
        Assert.Equal(1, replayExit);
        Assert.Contains("the system 'UnmappedFifo' has no refinement mapping to its spec", OneLine(replayError));
    }

    /// <summary>FifoBroadcast under another name: a system with a spec but no refinement mapping.</summary>
    private sealed class UnmappedFifoBroadcast : SystemDefinition
    {
        private readonly FifoBroadcastSystem _inner = new();

        public override string Name => "UnmappedFifo";

        public override string Family => _inner.Family;

        public override string? Spec => _inner.Spec;

        public override string? Config => _inner.Config;

        public override IReadOnlyList<BugInfo> Bugs => _inner.Bugs;

        public override int DefaultMaxSteps => _inner.DefaultMaxSteps;

        public override Scenario CreateScenario(string? bug) => _inner.CreateScenario(bug);
    }
}
