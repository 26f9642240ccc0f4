using Verification.Cli.All;

namespace Verification.Tla.Tests;

/// <summary>
/// The conformance kit: every spec of Kit/ checked with the flags TLC was run with, and compared
/// with TLC 2.19's recorded results (expected.json) on result, violated name, distinct states,
/// states generated, depth, trace length and exit code — liveness entries included.
/// </summary>
public sealed class KitTests
{
    private static string Folder => Syntax.SyntaxTestFiles.KitDirectory;

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in TlcKitEntry.Load(Folder)) data.Add(entry.Name);
        return data;
    }

    [Fact]
    public void The_kit_has_all_69_entries_of_TLCs_run() => Assert.Equal(69, TlcKitEntry.Load(Folder).Count);

    [Theory]
    [MemberData(nameof(Entries))]
    public void Agrees_with_TLC(string name)
    {
        var entry = TlcKitEntry.Load(Folder).Single(e => e.Name == name);
        var output = new StringWriter();
        var result = entry.Run(Folder, output);

        var differences = entry.Differences(result);
        Assert.True(differences.Count == 0, $"{name} differs from TLC: {string.Join("; ", differences)}\n{result.Message}\n{output}");
        Assert.Empty(result.UncheckedProperties);
    }
}
