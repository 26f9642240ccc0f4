using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Verification.Tla.Checking;

namespace Verification.Benchmarks.Checker;

/// <summary>
/// Where a model check allocates: runs the checker in this process on one model and prints the
/// bytes allocated (GC.GetTotalAllocatedBytes, which load does not change), the process CPU time,
/// the garbage collections per generation and, from the runtime's sampled allocation events (one
/// about every 100 KB), the allocating types with their share of the samples.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- checker-alloc SPEC.tla [CFG] [--workers N] [--top N]
/// </summary>
public static class CheckerAllocations
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: checker-alloc SPEC.tla [CFG] [--workers N] [--top N] [--no-types]");
            return 1;
        }
        var spec = Path.GetFullPath(args[0]);
        var config = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[1]) : null;
        var workers = 1;
        var top = 25;
        var types = true;
        for (var i = config is null ? 1 : 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workers" when i + 1 < args.Length: workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--top" when i + 1 < args.Length: top = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-types": types = false; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'");
                    return 1;
            }
        }
        using var listener = types ? new AllocationListener() : null;
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().UserProcessorTime;
        var pauses = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var result = ModelChecker.Run(spec, config, new CheckOptions { Workers = workers }, TextWriter.Null);
        var wall = clock.Elapsed;
        var userCpu = Process.GetCurrentProcess().UserProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(spec)}: {result.Outcome}, {result.StatesGenerated:N0} generated, {result.DistinctStates:N0} distinct, {workers} worker(s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {allocated / 1e9:F2} GB ({allocated / Math.Max(1.0, result.StatesGenerated ?? 1):F0} B per generated state); user CPU {userCpu.TotalSeconds:F2} s; wall {wall.TotalSeconds:F2} s; GC pauses {(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F2} s"));
        Console.WriteLine($"collections gen0/1/2: {string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]))}");
        if (listener is null) return 0;
        var samples = listener.Snapshot();
        var total = samples.Values.Sum();
        Console.WriteLine($"sampled allocations by type ({total:N0} samples of ~100 KB):");
        foreach (var (type, count) in samples.OrderByDescending(static p => p.Value).Take(top))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / total,5:F1}%  {type}"));
        return 0;
    }

    /// <summary>The runtime's GCAllocationTick events (GC keyword, verbose): the type of the object that crossed each ~100 KB.</summary>
    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
            var index = e.PayloadNames.IndexOf("TypeName");
            if (index < 0 || e.Payload?[index] is not string type) return;
            lock (_lock) _byType[type] = _byType.GetValueOrDefault(type) + 1;
        }

        public Dictionary<string, long> Snapshot()
        {
            lock (_lock) return new Dictionary<string, long>(_byType, StringComparer.Ordinal);
        }
    }
}
