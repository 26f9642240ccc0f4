using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Conformance;

namespace Verification.Benchmarks.Conformance;

/// <summary>
/// A Stopwatch harness for trace validation speed, quicker than a BenchmarkDotNet job: per model, a
/// seeded random behaviour validated labelled (every variable logged, each step names its action),
/// unlabelled (the same trace, no action names: Next) and partial (labelled, some variables left out
/// of every state but the first), and labelled with coverage recorded (as campaigns do). Prints steps/s (best of the repetitions), bytes allocated per step,
/// and the trace's length, so that linearity shows by running two lengths.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- conformance-speed [--steps N] [--repeat R] [--models peterson,fifo,raft]
/// </summary>
public static class ConformanceSpeed
{
    public static int Run(string[] args)
    {
        var steps = 100_000;
        var repeat = 3;
        var models = new[] { "peterson", "fifo", "raft" };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--steps": steps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--models": models = args[++i].Split(','); break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --steps N, --repeat R, --models a,b)");
                    return 1;
            }
        }
        var all = ConformanceModels.All;
        Console.WriteLine($"trace validation, {steps:N0}-step traces, best of {repeat}; Server GC {System.Runtime.GCSettings.IsServerGC}");
        foreach (var name in models)
        {
            if (!all.TryGetValue(name, out var model))
            {
                Console.Error.WriteLine($"error: unknown model '{name}' (known: {string.Join(", ", all.Keys)})");
                return 1;
            }
            var spec = model.Load();
            var clock = Stopwatch.StartNew();
            var labelled = RandomBehaviour.Generate(spec, steps, seed: 1);
            Console.WriteLine($"{model.Name}: {spec.Variables.Count} variables, trace of {labelled.Events.Count - 1:N0} steps generated in {clock.Elapsed.TotalSeconds:F1} s, working set {Environment.WorkingSet / (1 << 20):N0} MB");
            var stutters = labelled.Events.Skip(1).Select((e, k) => Enumerable.SequenceEqual(e.State, labelled.Events[k].State)).Count(static same => same);
            var actions = labelled.Events.Skip(1).GroupBy(static e => e.Action).OrderByDescending(static g => g.Count()).Select(static g => $"{g.Key} {g.Count():N0}");
            Console.WriteLine($"  steps that change nothing: {stutters:N0}; actions: {string.Join(", ", actions)}");
            var unlabelled = ConformanceModels.Unlabelled(labelled);
            var partial = RandomBehaviour.Without(labelled, model.Hidden);
            Measure(spec, "labelled", labelled, repeat);
            Measure(spec, "labelled, with coverage", labelled, repeat, coverage: true);
            Measure(spec, "unlabelled", unlabelled, repeat);
            Measure(spec, $"partial (no {string.Join(", ", model.Hidden)})", partial, repeat);
        }
        return 0;
    }

    private static void Measure(ConformanceSpec spec, string kind, ObservedTrace trace, int repeat, bool coverage = false)
    {
        // Coverage (which action instance explained each step) is what `verify test --conformance` records.
        var validator = new TraceValidator(spec, new ValidationOptions { RecordCoverage = coverage });
        var best = TimeSpan.MaxValue;
        var bestCpu = TimeSpan.MaxValue;
        long allocated = 0;
        ValidationResult? result = null;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            result = validator.Validate(trace);
            clock.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (clock.Elapsed < best) best = clock.Elapsed;
            if (cpu < bestCpu) bestCpu = cpu;
        }
        if (result!.Verdict != ConformanceVerdict.Conforms) throw new InvalidOperationException($"{kind}: {result.Describe()}");
        // On a shared machine the wall clock counts the time other processes held the core; the
        // process's CPU time does not (with DOTNET_gcConcurrent=0 no background GC adds to it).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {kind,-36} {result.StepsValidated,10:N0} steps  {best.TotalMilliseconds,6:F0} ms {result.StepsValidated / best.TotalSeconds,10:N0} steps/s (wall)  {result.StepsValidated / bestCpu.TotalSeconds,10:N0} steps/s (cpu)  {allocated / (double)result.StepsValidated,7:N0} B/step  frontier <= {result.LargestFrontier}"));
    }
}

/// <summary>A model to validate against: its spec, and the variables the partial trace leaves out.</summary>
public sealed record ConformanceModel(string Name, Func<ConformanceSpec> Load, string[] Hidden);

/// <summary>The models of the validation benchmarks.</summary>
public static class ConformanceModels
{
    public static IReadOnlyDictionary<string, ConformanceModel> All { get; } = Create(Paths.RepositoryRoot());

    private static Dictionary<string, ConformanceModel> Create(string root) => new(StringComparer.OrdinalIgnoreCase)
    {
        // The kit's Peterson: Next dispatches through Proc(p); two variables are hidden in the partial trace.
        ["peterson"] = new("Peterson (kit)", () => Load(Path.Combine(root, "tests", "Verification.Tla.Tests", "Kit", "Peterson"), "Peterson.tla", "Peterson.cfg"), ["flag", "turn"]),
        // The CI model of FifoBroadcast, restarted after each round so the walk never deadlocks.
        ["fifo"] = new("FifoBroadcast (CI model, in rounds)", () => FifoRounds(root), ["outbox"]),
        // Raft with the CI model's nodes and room to go on; the walk keeps inside its CONSTRAINT.
        ["raft"] = new("Raft (RaftLong.cfg)", () => ConformanceSpec.Load(Path.Combine(root, "specs", "consensus", "Raft.tla"), Path.Combine(root, "bench", "Verification.Benchmarks", "Conformance", "Specs", "RaftLong.cfg")), ["sentLength", "ackedLength"]),
    };

    /// <summary>The trace with no action names: every step is checked against Next.</summary>
    public static ObservedTrace Unlabelled(ObservedTrace trace) => trace with { Events = trace.Events.Select(static e => e with { Action = null }).ToArray() };

    private static ConformanceSpec Load(string folder, string spec, string cfg) => ConformanceSpec.Load(Path.Combine(folder, spec), Path.Combine(folder, cfg));

    /// <summary>FifoBroadcastRounds EXTENDS FifoBroadcast: both modules must sit in one folder.</summary>
    private static ConformanceSpec FifoRounds(string root)
    {
        var folder = Path.Combine(Path.GetTempPath(), "verification-bench-fifo-rounds");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(root, "specs", "broadcast", "FifoBroadcast.tla"), Path.Combine(folder, "FifoBroadcast.tla"), overwrite: true);
        var own = Path.Combine(root, "bench", "Verification.Benchmarks", "Conformance", "Specs");
        foreach (var file in new[] { "FifoBroadcastRounds.tla", "FifoBroadcastRounds.cfg" })
            File.Copy(Path.Combine(own, file), Path.Combine(folder, file), overwrite: true);
        return Load(folder, "FifoBroadcastRounds.tla", "FifoBroadcastRounds.cfg");
    }
}

internal static class Paths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
