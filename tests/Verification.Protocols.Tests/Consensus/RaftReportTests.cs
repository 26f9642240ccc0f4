using System.CommandLine;
using System.Text.RegularExpressions;
using Verification.Cli.Commands;
using Verification.Cli.Explorer;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Consensus;

/// <summary>
/// What a user reads in a Raft bug report: payloads as TLA+ values (no C# type names), nodes named
/// n1..n3 in the trace, the messages and the schedule file alike, the message once, iterations
/// counted from 1, and with --states the spec's variables under each step.
/// </summary>
public sealed class RaftReportTests
{
    private static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (report tests)");
        IReadOnlyList<SystemDefinition> Systems() => ExplorerSystems.Registered();
        root.Subcommands.Add(TestCommand.Create(Systems));
        root.Subcommands.Add(ReplayCommand.Create(Systems));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = global::Verification.Cli.Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Reports(string test)
    {
        // A folder of this run's own: concurrent runs of the suite must not see each other's schedules.
        return Path.Combine(Directory.CreateTempSubdirectory("verification-raft-report-tests-").FullName, test);
    }

    [Fact]
    public void A_raft_bug_report_reads_like_the_spec_and_counts_one_way()
    {
        var folder = Reports("plain");
        var (exit, output, error) = Verify("test", "Raft", "--bug", "commit-old-term", "--iterations", "400", "--seed", "1", "--report-dir", folder);
        Assert.Equal("", error);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("System.Collections", output);
        Assert.DoesNotContain("LeaderId =", output);
        Assert.DoesNotContain(" n0", output);
        Assert.Matches(@"\[type \|-> ""LogRequest"", leaderId \|-> n\d, term \|-> \d+, prefixLen \|-> \d+, prefixTerm \|-> \d+, leaderCommit \|-> \d+, suffix \|-> <<", output);

        var message = Regex.Match(output, @"^bug: LeaderCompletenessMonitor\n  (.+)$", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEqual("", message);
        Assert.Single(Regex.Matches(output, Regex.Escape(message)));

        var iterations = Regex.Match(output, @"seed 1, ([\d,]+) iterations").Groups[1].Value;
        Assert.Contains($"found in iteration {iterations} by ", output);
        var file = Directory.GetFiles(folder, "*.schedule").Single();
        Assert.EndsWith("Raft-commit-old-term-random-seed1.schedule", file);
        var lines = File.ReadAllLines(file);
        Assert.Contains($"iteration: {iterations}", lines);
        Assert.DoesNotContain(lines.SkipWhile(static l => !l.StartsWith("decisions:", StringComparison.Ordinal)), static l => Regex.IsMatch(l, @"\bn0\b"));
    }

    [Fact]
    public void States_prints_the_spec_variables_under_each_step_in_test_and_replay()
    {
        var folder = Reports("states");
        var (exit, output, _) = Verify("test", "Raft", "--bug", "no-log-check", "--iterations", "100", "--seed", "1", "--report-dir", folder, "--states");
        Assert.Equal(2, exit);
        var trace = output[output.IndexOf("  trace:\n", StringComparison.Ordinal)..];
        // The state after boot in full, then what each step changed, primed.
        Assert.Matches(@"^  trace:\n +currentTerm = \(n1 :> 0 @@ n2 :> 0 @@ n3 :> 0\)\n", trace);
        Assert.Matches(@"\n +\d+  Crash\(n\d\)\n +crashed' = \{", trace);

        var file = Directory.GetFiles(folder, "*.schedule").Single();
        var (replayExit, replayOutput, replayError) = Verify("replay", file, "--states");
        Assert.Equal("", replayError);
        Assert.Equal(2, replayExit);
        Assert.Equal(trace.Split("  schedule file:")[0], replayOutput[replayOutput.IndexOf("  trace:\n", StringComparison.Ordinal)..].Split("  schedule file:")[0]);
    }
}
