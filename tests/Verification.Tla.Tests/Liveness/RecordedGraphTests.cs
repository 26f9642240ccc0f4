using System.Text.RegularExpressions;
using Verification.Cli.All;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// Liveness runs on the graph the breadth-first search records. With several workers the states
/// are numbered in another order, but each state's successors are recorded in the order one
/// expansion generated them, so the verdict and the counterexample must be those of one worker.
/// </summary>
public sealed partial class RecordedGraphTests
{
    private static string Kit => Syntax.SyntaxTestFiles.KitDirectory;

    [Theory]
    [InlineData("LiveNoFair")]
    [InlineData("LeadsToNoFair")]
    [InlineData("WFInsufficient")]
    [InlineData("TemporalIfThenElseFails")]
    [InlineData("RefinementFails")]
    [InlineData("LiveFair")]
    [InlineData("SFNeeded")]
    [InlineData("Peterson")]
    public void Two_workers_give_the_verdict_and_counterexample_of_one(string name)
    {
        var entry = TlcKitEntry.Load(Kit).Single(e => e.Name == name);
        var one = new StringWriter();
        var two = new StringWriter();
        var single = entry.Run(Kit, one);
        var parallel = entry.Run(Kit, two, workers: 2);
        Assert.Equal(entry.Result, single.ResultKind);
        Assert.Equal(single.Outcome, parallel.Outcome);
        Assert.Equal(Behaviour(one.ToString()), Behaviour(two.ToString()));
    }

    // The counterexample and verdict lines, without times, dates and the worker count.
    private static string[] Behaviour(string output) =>
        output.Split('\n').Where(line => !Timed().IsMatch(line) && !line.StartsWith("Running breadth-first", StringComparison.Ordinal)).ToArray();

    [GeneratedRegex(@"\d\d:\d\d:\d\d|\d+ms|Finished in|Progress\(")]
    private static partial Regex Timed();
}
