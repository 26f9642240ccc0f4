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
        SystemCatalog.Find(SystemCatalog.Discover(typeof(RefinementRegistry).Assembly), name)
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

    /// <summary>A campaign whose scenario carries the session's recorder.</summary>
    public static TestReport Run(SystemDefinition system, string? bug, ConformanceSession session, TestConfiguration config) =>
        TestingEngine.Run(system.Name, () => session.Attach(system.CreateScenario(bug)), config);
}
