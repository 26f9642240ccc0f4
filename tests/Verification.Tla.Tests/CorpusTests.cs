using System.Text.Json;
using Verification.Tla.Checking;

namespace Verification.Tla.Tests;

/// <summary>
/// Our own corpus in the style of published specs (Corpus/): each entry is a model written the way
/// public specs write it (MC wrappers and cfg overrides, community modules, primed operator
/// parameters, refinement through INSTANCE, ...) next to the same model written in the plain
/// constructs the TLC kit already pins. Both must give the same verdict and the same figures, and
/// those figures are recorded: a construct handled differently from TLC shows up as a difference
/// from its plain twin, never as a silent change.
/// </summary>
public sealed class CorpusTests
{
    private static string Folder => Path.Combine(Path.GetDirectoryName(Syntax.SyntaxTestFiles.KitDirectory)!, "Corpus");

    private sealed record Expected(string Result, long? DistinctStates, long? StatesGenerated, int? Depth, int? TraceLength, int ExitCode);

    private sealed record Entry(string Name, string Spec, string Config, (string Spec, string Config)? Plain, Expected Expected);

    private static IReadOnlyList<Entry> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "corpus.json")));
        return document.RootElement.EnumerateArray().Select(e =>
        {
            var x = e.GetProperty("expected");
            (string, string)? plain = e.TryGetProperty("plain", out var p)
                ? (p.GetProperty("spec").GetString()!, p.GetProperty("config").GetString()!)
                : null;
            return new Entry(e.GetProperty("name").GetString()!, e.GetProperty("spec").GetString()!, e.GetProperty("config").GetString()!, plain,
                new Expected(x.GetProperty("result").GetString()!, Long(x, "distinctStates"), Long(x, "statesGenerated"),
                    (int?)Long(x, "depth"), (int?)Long(x, "traceLength"), x.GetProperty("exitCode").GetInt32()));
        }).ToList();

        static long? Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : null;
    }

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Load()) data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Public_style_model_gives_the_recorded_figures(string name)
    {
        var entry = Load().Single(e => e.Name == name);
        AssertFigures(entry.Expected, Check(entry.Spec, entry.Config), $"{name} ({entry.Spec})");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Plain_twin_gives_the_same_figures(string name)
    {
        var entry = Load().Single(e => e.Name == name);
        if (entry.Plain is not { } plain) return;
        AssertFigures(entry.Expected, Check(plain.Spec, plain.Config), $"{name}'s plain twin ({plain.Spec})");
    }

    /// <summary>
    /// Without fairness the liveness property fails: without the concrete side's fairness, the abstract
    /// WF_vars(Detect) through an implicit substitution; without WF of a composition A \cdot B, []<>.
    /// A wrong reading of ENABLED there (never enabled) would give the same verdict with the fairness
    /// too, and the corpus entries above would fail. TLC's choice of counterexample is not pinned
    /// here, only the verdict.
    /// </summary>
    [Theory]
    [InlineData("EnabledImplicit/TokenDone.tla", "EnabledImplicit/TokenDoneUnfair.cfg", 15)]
    [InlineData("EnabledImplicit/PlainTokenDone.tla", "EnabledImplicit/PlainTokenDoneUnfair.cfg", 15)]
    [InlineData("ComposeReduce/MCPairCounter.tla", "ComposeReduce/MCPairCounterUnfair.cfg", 9)]
    [InlineData("ComposeReduce/PlainPairCounter.tla", "ComposeReduce/PlainPairCounterUnfair.cfg", 9)]
    public void Without_the_fairness_the_liveness_property_fails(string spec, string config, long distinct)
    {
        var (result, output) = Check(spec, config);
        Assert.True(result.ResultKind == "property" && result.ExitCode == 13 && result.DistinctStates == distinct,
            $"{spec}: {result.ResultKind} exit {result.ExitCode}, {result.DistinctStates} distinct\n{output}");
    }

    private static (CheckResult Result, string Output) Check(string spec, string config)
    {
        var output = new StringWriter();
        var result = ModelChecker.Run(Path.Combine(Folder, spec), Path.Combine(Folder, config), new CheckOptions { Workers = 1 }, output);
        return (result, output.ToString());
    }

    private static void AssertFigures(Expected expected, (CheckResult Result, string Output) run, string what)
    {
        var r = run.Result;
        var actual = new Expected(r.ResultKind, r.DistinctStates, r.StatesGenerated, r.Depth, r.Trace?.Count, r.ExitCode);
        Assert.True(expected == actual, $"{what}: expected {expected}, got {actual}\n{r.Message}\n{run.Output}");
        Assert.Empty(r.UncheckedProperties);
    }
}
