using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Verification.Tla.Checking;

namespace Verification.Benchmarks.Checker;

/// <summary>
/// How the checker's search scales with workers: runs one model in this process, warm (after
/// warm-up runs that compile and tier up the code), with each worker count in turn, round after
/// round (1, 2, 1, 2, ...), and prints per worker count the median wall-clock time of the whole
/// check (parse, initial states, search), the process CPU time it took, generated states per
/// wall-clock second and the speed-up over the first worker count. Wall-clock time is the measure
/// here, so the machine must be idle; the process start-up and the JIT, which one worker or two
/// pay alike, are left out by the warm-up.
/// Run: DOTNET_gcServer=1 dotnet run -c Release --project bench/Verification.Benchmarks -- checker-scaling SPEC.tla [CFG] [--workers 1,2] [--rounds 3] [--warmups 2]
/// (server GC, as the verify CLI uses).
/// </summary>
public static class WorkerScaling
{
    private sealed record Measured(double WallSeconds, double CpuSeconds, double PauseSeconds, long Generated, long Distinct, string Outcome);

    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: checker-scaling SPEC.tla [CFG] [--workers 1,2] [--rounds N] [--warmups N]");
            return 1;
        }
        var spec = Path.GetFullPath(args[0]);
        var config = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[1]) : null;
        int[] workerCounts = [1, 2];
        var rounds = 3;
        var warmups = 2;
        for (var i = config is null ? 1 : 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workers" when i + 1 < args.Length:
                    workerCounts = args[++i].Split(',').Select(static w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmups" when i + 1 < args.Length: warmups = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --workers 1,2, --rounds N, --warmups N)");
                    return 1;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checker-scaling {Path.GetFileName(spec)}: {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {warmups} warm-up run(s) per worker count, {rounds} round(s); medians"));
        if (!GCSettings.IsServerGC) Console.WriteLine("note: the verify CLI runs with the server GC; set DOTNET_gcServer=1 to measure what it does.");
        for (var w = 0; w < warmups; w++)
            foreach (var workers in workerCounts)
                Check(spec, config, workers);
        var runs = workerCounts.ToDictionary(static w => w, static _ => new List<Measured>());
        for (var r = 0; r < rounds; r++)
            foreach (var workers in workerCounts)
                runs[workers].Add(Check(spec, config, workers));
        var counts = runs.Values.SelectMany(static r => r).Select(static r => (r.Outcome, r.Generated, r.Distinct)).Distinct().ToArray();
        if (counts.Length != 1)
        {
            Console.Error.WriteLine($"!!! the runs disagree: {string.Join(" | ", counts)}");
            return 2;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{counts[0].Outcome}: {counts[0].Generated:N0} generated, {counts[0].Distinct:N0} distinct"));
        Console.WriteLine();
        Console.WriteLine("| Workers | Wall s | CPU s | GC pause s | Generated/s (wall) | Speed-up |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var baseline = Medians.Of(runs[workerCounts[0]].Select(static r => r.WallSeconds));
        foreach (var workers in workerCounts)
        {
            var wall = Medians.Of(runs[workers].Select(static r => r.WallSeconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {workers} | {wall:F2} | {Medians.Of(runs[workers].Select(static r => r.CpuSeconds)):F2} | {Medians.Of(runs[workers].Select(static r => r.PauseSeconds)):F2} | {counts[0].Generated / wall:N0} | {baseline / wall:F2} |"));
        }
        Console.WriteLine();
        foreach (var workers in workerCounts)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{workers} worker(s), every run's wall s: {string.Join(", ", runs[workers].Select(static r => r.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)))}"));
        return 0;
    }

    private static Measured Check(string spec, string? config, int workers)
    {
        // Each run starts from a collected heap, so that one run's garbage is not the next one's pause.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var pauses = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var result = ModelChecker.Run(spec, config, new CheckOptions { Workers = workers }, TextWriter.Null);
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new Measured(wall, (process.TotalProcessorTime - cpu).TotalSeconds, (GC.GetTotalPauseDuration() - pauses).TotalSeconds,
            result.StatesGenerated ?? -1, result.DistinctStates ?? -1, result.Outcome.ToString());
    }

}
