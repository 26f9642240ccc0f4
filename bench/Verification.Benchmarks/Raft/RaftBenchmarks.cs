using BenchmarkDotNet.Attributes;
using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Engine;

namespace Verification.Benchmarks.Raft;

/// <summary>
/// Explorer throughput on Raft: five nodes under the churn scenario (crash-recovery, partitions,
/// lost and duplicated messages), safety monitors on, one core. The anchor is Coyote's ~5,300
/// scheduling steps per second on its Raft actor model (shared/ANCHORS.md); steps per second =
/// the step count printed by the setup divided by the mean time of one campaign.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*RaftThroughput*'
/// </summary>
[MemoryDiagnoser]
public class RaftThroughputBenchmarks
{
    private readonly RaftScenario churn = RaftScenarios.Churn();

    [Params("random", "pct", "pos")]
    public string Strategy { get; set; } = "random";

    private TestConfiguration Config => new()
    {
        Strategy = Strategy,
        Iterations = 100,
        Seed = 1,
        Shrink = false,
        DeterminismCheck = false,
        MaxFairSteps = churn.DefaultMaxSteps,
    };

    [GlobalSetup]
    public void PrintStepCount()
    {
        var report = TestingEngine.Run(churn, null, Config);
        Console.WriteLine($"// Raft/churn {Strategy}: {report.Steps:N0} steps per campaign ({report.StepsPerSecond:N0} steps/s in the warm-up run)");
    }

    [Benchmark]
    public long Campaign() => TestingEngine.Run(churn, null, Config).Steps;
}

/// <summary>
/// Time to find each seeded Raft bug per strategy, seed 1, one core, shrinking off: the campaign
/// stops at the first failing iteration, whose index the setup prints.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*RaftBugHunt*'
/// </summary>
public class RaftBugHuntBenchmarks
{
    private readonly RaftSystem system = new();

    [Params("commit-old-term", "forget-vote", "no-log-check", "truncate-on-stale", "stale-votes")]
    public string Bug { get; set; } = "no-log-check";

    [Params("random", "pct", "pos")]
    public string Strategy { get; set; } = "random";

    private TestConfiguration Config => new()
    {
        Strategy = Strategy,
        Iterations = 5_000,
        Seed = 1,
        Shrink = false,
        DeterminismCheck = false,
    };

    [GlobalSetup]
    public void PrintIterationsToFind()
    {
        var report = TestingEngine.Run(system, Bug, Config);
        Console.WriteLine(report.BugFound
            ? $"// Raft --bug {Bug} {Strategy}: found in iteration {report.Bug!.Iteration} after {report.Steps:N0} steps ({report.Elapsed.TotalSeconds:F2} s): {report.Bug.Detector}"
            : $"// Raft --bug {Bug} {Strategy}: not found in {report.Iterations:N0} iterations ({report.Elapsed.TotalSeconds:F2} s)");
    }

    [Benchmark]
    public bool FindBug() => TestingEngine.Run(system, Bug, Config).BugFound;
}
