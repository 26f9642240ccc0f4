using BenchmarkDotNet.Attributes;
using Verification.Tla.Conformance;

namespace Verification.Benchmarks.Conformance;

/// <summary>
/// Trace validation speed on long traces: a seeded random behaviour of the kit's Peterson spec
/// (labelled, every variable logged), the same trace unlabelled, and the same trace with flag and
/// turn left out of every state but the first (partial: the validator searches over the states
/// consistent with the log). Steps per second = Steps / mean time.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*ConformanceBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ConformanceBenchmarks
{
    private TraceValidator _validator = null!;
    private ObservedTrace _labelled = null!;
    private ObservedTrace _unlabelled = null!;
    private ObservedTrace _partial = null!;

    [Params(100_000)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Verification.Tla.Tests", "Kit", "Peterson");
        var spec = ConformanceSpec.Load(Path.Combine(folder, "Peterson.tla"), Path.Combine(folder, "Peterson.cfg"));
        _validator = new TraceValidator(spec);
        _labelled = RandomBehaviour.Generate(spec, Steps, seed: 1);
        _unlabelled = _labelled with { Events = _labelled.Events.Select(static e => e with { Action = null }).ToArray() };
        _partial = RandomBehaviour.Without(_labelled, "flag", "turn");
    }

    [Benchmark(Baseline = true)]
    public int FullLabelled() => Check(_labelled);

    [Benchmark]
    public int FullUnlabelled() => Check(_unlabelled);

    [Benchmark]
    public int PartialLabelled() => Check(_partial);

    private int Check(ObservedTrace trace)
    {
        var result = _validator.Validate(trace);
        if (result.Verdict != ConformanceVerdict.Conforms) throw new InvalidOperationException(result.Describe());
        return result.StepsValidated;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
