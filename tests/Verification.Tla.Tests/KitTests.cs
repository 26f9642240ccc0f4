using System.Text.Json;
using Verification.Tla.Checking;

namespace Verification.Tla.Tests;

/// <summary>
/// The conformance kit: every spec of Kit/ checked with the flags TLC was run with, and compared
/// with TLC 2.19's recorded results (expected.json) on result, violated name, distinct states,
/// states generated, depth, trace length and exit code. Entries whose verdict needs temporal
/// (liveness) checking are pending until the liveness issue lands.
/// </summary>
public sealed class KitTests
{
    /// <summary>Entries whose recorded verdict depends on checking temporal properties (not built yet).</summary>
    private static readonly HashSet<string> PendingLiveness = ["LiveFair", "LiveNoFair", "LeadsToNoFair", "SFNeeded", "WFInsufficient"];

    /// <summary>Entries that also have temporal properties: their safety part is checked exactly.</summary>
    private static readonly HashSet<string> SafetyPartOnly = ["TokenRing", "Peterson"];

    public sealed record Entry(
        string Name, string Spec, string Config, bool DeadlockCheck, string Result, string? Violated,
        long? DistinctStates, long? StatesGenerated, int? Depth, int? TraceLength, int TlcExitCode)
    {
        public override string ToString() => Name;
    }

    private static string Folder => Syntax.SyntaxTestFiles.KitDirectory;

    private static IReadOnlyList<Entry> Entries()
    {
        var json = File.ReadAllText(Path.Combine(Folder, "expected.json"));
        return JsonSerializer.Deserialize<List<Entry>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public static TheoryData<string> CheckedEntries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries())
            if (!PendingLiveness.Contains(entry.Name)) data.Add(entry.Name);
        return data;
    }

    public static TheoryData<string> LivenessEntries()
    {
        var data = new TheoryData<string>();
        foreach (var name in PendingLiveness) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CheckedEntries))]
    public void Agrees_with_TLC(string name)
    {
        var entry = Entries().Single(e => e.Name == name);
        var output = new StringWriter();
        var result = ModelChecker.Run(
            Path.Combine(Folder, entry.Spec), Path.Combine(Folder, entry.Config),
            new CheckOptions { CheckDeadlock = entry.DeadlockCheck ? null : false }, output);
        var context = $"{name}: {result.Message}\n{output}";

        Assert.True(entry.Result == result.ResultKind, $"result {result.ResultKind}, TLC: {entry.Result}\n{context}");
        Assert.True(entry.Violated == result.Violated, $"violated {result.Violated}, TLC: {entry.Violated}\n{context}");
        Assert.True(entry.DistinctStates == result.DistinctStates, $"distinct {result.DistinctStates}, TLC: {entry.DistinctStates}\n{context}");
        Assert.True(entry.StatesGenerated == result.StatesGenerated, $"generated {result.StatesGenerated}, TLC: {entry.StatesGenerated}\n{context}");
        Assert.True(entry.Depth == result.Depth, $"depth {result.Depth}, TLC: {entry.Depth}\n{context}");
        Assert.True(entry.TraceLength == result.Trace?.Count, $"trace length {result.Trace?.Count}, TLC: {entry.TraceLength}\n{context}");
        Assert.True(entry.TlcExitCode == result.ExitCode, $"exit code {result.ExitCode}, TLC: {entry.TlcExitCode}\n{context}");
        if (SafetyPartOnly.Contains(name))
            Assert.NotEmpty(result.UncheckedProperties);
        else
            Assert.Empty(result.UncheckedProperties);
    }

    [Theory(Skip = "pending: needs temporal (liveness) property checking, which is the liveness issue's")]
    [MemberData(nameof(LivenessEntries))]
    public void Agrees_with_TLC_on_liveness(string name) => Agrees_with_TLC(name);
}
