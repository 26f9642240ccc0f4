using System.Text.RegularExpressions;
using Verification.Cli.All;

namespace Verification.Tla.Tests;

/// <summary>
/// Error traces as TLC prints them: for every kit entry with a counterexample, the lines from
/// "State 1:" to the end of the trace (headers with action locations, variables in TLC's order,
/// "Stuttering", "Back to state k") equal those in TLC's recorded output (tlc-output.txt).
/// </summary>
public sealed partial class KitTraceTests
{
    private static string Folder => Syntax.SyntaxTestFiles.KitDirectory;

    public static TheoryData<string> EntriesWithTraces()
    {
        var data = new TheoryData<string>();
        foreach (var entry in TlcKitEntry.Load(Folder).Where(e => e.TraceLength is not null)) data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EntriesWithTraces))]
    public void The_counterexample_is_printed_as_TLC_printed_it(string name)
    {
        var entry = TlcKitEntry.Load(Folder).Single(e => e.Name == name);
        var output = new StringWriter();
        entry.Run(Folder, output);

        var ours = TraceLines(output.ToString());
        var tlc = TraceLines(File.ReadAllText(Path.Combine(Folder, name, "tlc-output.txt")));
        Assert.NotEmpty(tlc);
        Assert.Equal(tlc, ours);
    }

    /// <summary>The trace section: from "State 1:" up to the counts or the end of temporal checking, blank lines dropped.</summary>
    private static List<string> TraceLines(string output)
    {
        var lines = new List<string>();
        var inTrace = false;
        foreach (var line in output.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("State 1:", StringComparison.Ordinal)) inTrace = true;
            if (!inTrace) continue;
            if (EndOfTrace().IsMatch(line)) break;
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }

    [GeneratedRegex(@"^(\d+ states generated|Finished checking temporal properties|Error: The error occurred|Finished in )")]
    private static partial Regex EndOfTrace();
}
