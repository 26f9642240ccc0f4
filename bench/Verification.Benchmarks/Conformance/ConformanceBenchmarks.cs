using BenchmarkDotNet.Attributes;
using Verification.Tla.Conformance;

namespace Verification.Benchmarks.Conformance;

/// <summary>
/// Trace validation speed on long traces (the models of <see cref="ConformanceModels"/>: the kit's
/// Peterson, FifoBroadcast's CI model in rounds, Raft): a seeded random behaviour labelled with the
/// spec's action names and every variable logged, the same with coverage recorded (as campaigns do),
/// the same trace unlabelled, and the same trace with some variables left out of every state but
/// the first (partial: the validator searches over the states consistent with the log).
/// Steps per second = Steps / mean time. For a quicker look: `conformance-speed` (ConformanceSpeed).
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- --filter '*ConformanceBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ConformanceBenchmarks
{
    private TraceValidator _validator = null!;
    private TraceValidator _coverage = null!;
    private ObservedTrace _labelled = null!;
    private ObservedTrace _unlabelled = null!;
    private ObservedTrace _partial = null!;

    [Params(100_000)]
    public int Steps { get; set; }

    [Params("peterson", "fifo", "raft")]
    public string Model { get; set; } = "peterson";

    [GlobalSetup]
    public void Generate()
    {
        var model = ConformanceModels.All[Model];
        var spec = model.Load();
        _validator = new TraceValidator(spec);
        _coverage = new TraceValidator(spec, new ValidationOptions { RecordCoverage = true });
        _labelled = RandomBehaviour.Generate(spec, Steps, seed: 1);
        _unlabelled = ConformanceModels.Unlabelled(_labelled);
        _partial = RandomBehaviour.Without(_labelled, model.Hidden);
    }

    [Benchmark(Baseline = true)]
    public int FullLabelled() => Check(_validator, _labelled);

    [Benchmark]
    public int FullLabelledWithCoverage() => Check(_coverage, _labelled);

    [Benchmark]
    public int FullUnlabelled() => Check(_validator, _unlabelled);

    [Benchmark]
    public int PartialLabelled() => Check(_validator, _partial);

    private static int Check(TraceValidator validator, ObservedTrace trace)
    {
        var result = validator.Validate(trace);
        if (result.Verdict != ConformanceVerdict.Conforms) throw new InvalidOperationException(result.Describe());
        return result.StepsValidated;
    }
}
