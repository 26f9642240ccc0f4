using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Verification.Tla.Checking;
using Verification.Tla.Liveness;

namespace Verification.Benchmarks.Liveness;

/// <summary>
/// Liveness checking next to safety-only checking of the same model: each project spec's
/// MC*Liveness.cfg as written (safety + temporal properties under fairness) and with its
/// PROPERTIES removed (the safety search alone). The difference is the cost of the liveness pass.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*LivenessBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LivenessBenchmarks
{
    private string _spec = "";
    private string _withProperties = "";
    private string _safetyOnly = "";

    [Params("broadcast/MCEagerReliableBroadcastLiveness", "broadcast/MCFifoBroadcastLiveness", "consensus/MCPaxosLiveness", "consensus/MCRaftLiveness")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Prepare()
    {
        var cfg = Path.Combine(SpecsFolder(), Model + ".cfg");
        var module = Path.GetFileNameWithoutExtension(cfg)["MC".Length..^"Liveness".Length];
        _spec = Path.Combine(Path.GetDirectoryName(cfg)!, module + ".tla");
        _withProperties = cfg;
        _safetyOnly = Path.Combine(Path.GetTempPath(), $"verify-bench-{module}-safety.cfg");
        var keep = new List<string>();
        var inProperties = false;
        foreach (var line in File.ReadAllLines(cfg))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("PROPERT", StringComparison.Ordinal)) { inProperties = true; continue; }
            if (inProperties && (trimmed.Length == 0 || char.IsUpper(trimmed[0]) && trimmed.Split(' ')[0].All(c => char.IsUpper(c) || c == '_'))) inProperties = false;
            if (!inProperties) keep.Add(line);
        }
        File.WriteAllLines(_safetyOnly, keep);
    }

    [Benchmark(Baseline = true)]
    public long SafetyOnly() => Run(_safetyOnly);

    [Benchmark]
    public long WithLiveness() => Run(_withProperties);

    private long Run(string config)
    {
        var result = ModelChecker.Run(_spec, config, new CheckOptions(), TextWriter.Null);
        if (result.Outcome != CheckOutcome.Success) throw new InvalidOperationException($"{Model}: {result.Message}");
        return result.DistinctStates ?? 0;
    }

    private static string SpecsFolder([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile) ?? ""); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return Path.Combine(dir.FullName, "specs");
        throw new DirectoryNotFoundException("run the benchmarks from inside the repository");
    }
}

/// <summary>
/// The liveness core alone at scale: a ring of N states (each state steps to the next two) under
/// weak fairness, property []&lt;&gt;(state = 0); the graph is synthetic so the search itself is measured.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LivenessCoreBenchmarks
{
    [Params(100_000, 1_000_000)]
    public int States { get; set; }

    [Benchmark]
    public int RingUnderWeakFairness()
    {
        LivenessChecker.Check(new Ring(States), new Always(new Eventually(new StateAtom(0, "x = 0"))),
            [new Fairness(false, 1, 0, "WF_x(Step)")], out var productNodes);
        return productNodes;
    }

    private sealed class Ring(int n) : IStateGraph
    {
        public int StateCount => n;
        public IReadOnlyList<int> InitialStates { get; } = [0];
        public ReadOnlySpan<int> Successors(int state) => new[] { (state + 1) % n, (state + 2) % n };
        public bool EvalState(int atom, int state) => atom != 0 || state == 0;
        public bool EvalAction(int atom, int from, int to) => from != to;
    }
}
