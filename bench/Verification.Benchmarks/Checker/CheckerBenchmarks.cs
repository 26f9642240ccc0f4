using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Verification.Tla.Checking;

namespace Verification.Benchmarks.Checker;

/// <summary>
/// The model checker on the conformance kit's mid-sized models (the ones the issue compares with
/// TLC's 110,000–125,000 generated states/s), with 1 and 2 workers. Each operation is one complete
/// check; divide the model's generated/distinct states (reported as columns) by the mean time for
/// states per second. Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*CheckerBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CheckerBenchmarks
{
    private string _spec = "";
    private string _config = "";

    [Params("TwoPhaseCommit", "ReliableBroadcast", "FIFOBroadcast", "Paxos", "RaftElection")]
    public string Model { get; set; } = "";

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Locate()
    {
        var kit = KitFolder();
        _spec = Path.Combine(kit, Model, Model + ".tla");
        _config = Path.Combine(kit, Model, Model + ".cfg");
    }

    [Benchmark]
    public long Check()
    {
        // The kit ran these models with -deadlock (terminal states are expected).
        var result = ModelChecker.Run(_spec, _config, new CheckOptions { Workers = Workers, CheckDeadlock = false }, TextWriter.Null);
        if (result.Outcome != CheckOutcome.Success) throw new InvalidOperationException($"{Model}: {result.Message}");
        return result.StatesGenerated ?? 0;
    }

    // BenchmarkDotNet runs each benchmark in a generated project elsewhere, so the source file's
    // own location is the reliable way back to the repository.
    private static string KitFolder([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile) ?? "", Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var kit = Path.Combine(dir.FullName, "tests", "Verification.Tla.Tests", "Kit");
                if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")) && Directory.Exists(kit)) return kit;
            }
        throw new DirectoryNotFoundException("run the benchmarks from inside the repository (the kit is in tests/Verification.Tla.Tests/Kit)");
    }
}
