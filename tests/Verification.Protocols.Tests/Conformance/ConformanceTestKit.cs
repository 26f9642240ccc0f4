using System.Text.RegularExpressions;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Conformance;

namespace Verification.Protocols.Tests.Conformance;

/// <summary>Runs explorer campaigns with every (or every Nth) run validated against the system's spec.</summary>
internal static class ConformanceTestKit
{
    /// <summary>The repository holding this source file (tests may run from an artifacts folder outside it).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        return global::Verification.Cli.Cli.RepositoryRoot();
    }

    public static SystemDefinition System(string name) =>
        SystemCatalog.Find(SystemCatalog.Discover(ProtocolsAssembly.Assembly), name)
        ?? throw new InvalidOperationException($"no system {name}");

    public static ConformanceSession Session(SystemDefinition system, bool coverage = true) =>
        ConformanceSession.For(system, RepositoryRoot, new ValidationOptions { RecordCoverage = coverage, MaxFrontier = 20_000 });

    public static TestConfiguration Config(string strategy, int iterations, ulong seed = 1) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        Seed = seed,
        Shrink = false,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-conformance-tests"),
    };

    /// <summary>
    /// A diagnosis that says which node took the rejected step ("Claimed action: Crash, taken by n2")
    /// examines an instance of that node (its first parameter), and a failing step the world labels
    /// with the node's name (Crash(n2)) or a broadcast node labels so (Receive(n3, ...)) names it.
    /// </summary>
    public static void AssertExaminesTheActingNode(TestReport report)
    {
        var message = report.Bug!.Message;
        var taken = Regex.Match(message, @"Claimed action: \w+, taken by (\S+)\n");
        if (!taken.Success) return;
        var node = taken.Groups[1].Value;
        Assert.Matches($@"Instance examined: \w+ = {Regex.Escape(node)}(,|\n)", message);
        var label = Regex.Match(report.Bug.Trace[^1], @"^\s*\w+\((n\d+)[,)]");
        if (label.Success) Assert.Equal(label.Groups[1].Value, node);
    }

    /// <summary>A campaign whose scenario carries the session's recorder.</summary>
    public static TestReport Run(SystemDefinition system, string? bug, ConformanceSession session, TestConfiguration config) =>
        TestingEngine.Run(system.Name, () => session.Attach(system.CreateScenario(bug)), config);

    /// <summary>
    /// The correct system explored with random, PCT and POS (<paramref name="iterations"/> each), every
    /// run validated: no run fails, none is inconclusive, every action of the spec is exercised; then
    /// two workers sharing one session (a validator per thread) reach the same verdicts.
    /// </summary>
    public static void AssertCorrectRunsConform(string name, int iterations, long minimumSteps)
    {
        var system = System(name);
        var session = Session(system);
        foreach (var strategy in new[] { "random", "pct", "pos" })
        {
            var report = Run(system, null, session, Config(strategy, iterations));
            Assert.False(report.BugFound, $"{name} with {strategy}: {report.Bug?.Message}");
        }
        Assert.True(session.TracesChecked >= 3 * iterations, $"{session.TracesChecked} traces checked");
        Assert.Equal(0, session.NonConforming);
        Assert.Equal(0, session.Inconclusive);
        Assert.True(session.StepsValidated > minimumSteps, $"{session.StepsValidated} steps validated");
        Assert.True(session.Coverage.NeverExercised.Count == 0, session.Coverage.FormatTable());

        var parallel = Session(system, coverage: false);
        var inParallel = Run(system, null, parallel, Config("random", iterations) with { Parallel = 2 });
        Assert.False(inParallel.BugFound, inParallel.Bug?.Message);
        Assert.True(parallel.TracesChecked >= iterations && parallel.NonConforming == 0, $"{parallel.TracesChecked} traces, {parallel.NonConforming} not conforming");
    }

    /// <summary>
    /// Conformance alone (the system's monitors off; random, seed 1, 1,000 iterations) rejects a run of
    /// the seeded bug, at the step the spec does not allow, naming <paramref name="action"/> and the
    /// failing conjunct.
    /// </summary>
    public static TestReport AssertRejectedByConformanceAlone(string name, string bug, string action)
    {
        var system = System(name);
        var session = Session(system, coverage: false);
        var report = TestingEngine.Run(system.Name, () => ConformanceOnly.Judge(session, system.CreateScenario(bug)), Config("random", 1_000));
        Assert.True(report.BugFound, $"{name}/{bug}: conformance did not reject any run in 1,000 iterations");
        Assert.Equal("conformance", report.Bug!.Detector);
        Assert.True(report.Bug.Message.Contains($"Claimed action: {action}", StringComparison.Ordinal), report.Bug.Message);
        Assert.Contains("Failed conjunct", report.Bug.Message);
        // Validation runs alongside the run, so the run stops at the step the spec does not allow.
        Assert.Contains($"(step {report.Bug.FailingStep} of the run)", report.Bug.Message);
        return report;
    }
}
