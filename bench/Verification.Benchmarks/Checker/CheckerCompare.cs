using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Verification.Benchmarks.Checker;

/// <summary>
/// Two builds of the checker side by side in one run: for each model, runs of the old and the new
/// verify.dll alternate (old, new, old, new, ...), each a separate process, and the user CPU time
/// of each run is read from the kernel (getrusage of the reaped child). Prints per model the
/// states generated (they must be equal for both builds), the median user CPU per build, generated
/// states per CPU-second and the ratio new/old (above 1: the new build is faster), then one line per
/// model saying whether the verdict (exit code) and counts of every run of both builds are equal.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- checker-compare OLD.dll NEW.dll [--models MCPaxos,kit:Paxos,...] [--pairs 3] [--workers 1]
/// </summary>
public static partial class CheckerCompare
{
    /// <summary>A model to check: the spec, its cfg and whether deadlock checking is off on the command line.</summary>
    private sealed record Model(string Name, string Spec, string Config, bool NoDeadlock);

    private sealed record Measurement(double UserSeconds, double WallSeconds, long Generated, long Distinct, int ExitCode);

    // The kit's largest models (their expected.json says TLC ran them with -deadlock).
    private static readonly string[] KitModels = ["ReliableBroadcast", "TwoPhaseCommit", "FIFOBroadcast", "Paxos", "RaftElection"];

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith("--", StringComparison.Ordinal) || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: checker-compare OLD.dll NEW.dll [--models a,b,...] [--pairs N] [--workers W]");
            return 1;
        }
        var builds = new[] { Path.GetFullPath(args[0]), Path.GetFullPath(args[1]) };
        foreach (var build in builds)
        {
            if (File.Exists(build)) continue;
            Console.Error.WriteLine($"error: {build} does not exist");
            return 1;
        }
        var pairs = 3;
        var workers = 1;
        string[]? names = null;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pairs" when i + 1 < args.Length: pairs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--workers" when i + 1 < args.Length: workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--models" when i + 1 < args.Length: names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --models a,b, --pairs N, --workers W)");
                    return 1;
            }
        }
        var root = RepositoryRoot();
        var all = AllModels(root);
        var models = new List<Model>();
        foreach (var name in names ?? all.Keys.Where(static k => !k.StartsWith("MCRaft", StringComparison.Ordinal)).ToArray())
        {
            if (all.TryGetValue(name, out var model)) models.Add(model);
            else
            {
                Console.Error.WriteLine($"error: unknown model '{name}' (known: {string.Join(", ", all.Keys)})");
                return 1;
            }
        }

        Console.WriteLine($"checker-compare: old = {builds[0]}");
        Console.WriteLine($"                 new = {builds[1]}");
        if (names is null) Console.WriteLine("MCRaft (about 40 s a run) is left out by default: name it in --models to include it.");
        Console.WriteLine($"{pairs} alternating pairs per model, {workers} worker(s), {Environment.ProcessorCount} cores; medians of user CPU time.");
        Console.WriteLine("Note: user CPU time is the measure; wall-clock time on a shared machine is noisy (other processes");
        Console.WriteLine("take the cores), and even CPU time varies by a few percent with cache and memory contention.");
        Console.WriteLine();
        Console.WriteLine("| Model | States generated | Old CPU s | New CPU s | Old states/CPU-s | New states/CPU-s | New/old | Old wall s | New wall s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failed = false;
        var summary = new List<string>();
        foreach (var model in models)
        {
            var runs = new[] { new List<Measurement>(), new List<Measurement>() };
            for (var p = 0; p < pairs; p++)
                for (var b = 0; b < 2; b++)
                    runs[b].Add(Check(builds[b], model, workers, root));
            if (!CountsAgree(model, runs, summary))
            {
                failed = true;
                Console.WriteLine($"| {model.Name} | DIFFERENT RESULTS (see below) | | | | | | | |");
                continue;
            }
            var generated = runs[0][0].Generated;
            var oldCpu = Medians.Of(runs[0].Select(static r => r.UserSeconds));
            var newCpu = Medians.Of(runs[1].Select(static r => r.UserSeconds));
            var oldRate = generated / oldCpu;
            var newRate = generated / newCpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {model.Name} | {generated:N0} | {oldCpu:F2} | {newCpu:F2} | {oldRate:N0} | {newRate:N0} | {newRate / oldRate:F2} | {Medians.Of(runs[0].Select(static r => r.WallSeconds)):F1} | {Medians.Of(runs[1].Select(static r => r.WallSeconds)):F1} |"));
        }
        Console.WriteLine();
        foreach (var line in summary) Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine("CPU time includes the process start-up, parsing and compilation (about 0.3-0.5 s), which dominates the small models.");
        return failed ? 2 : 0;
    }

    /// <summary>
    /// Whether every run of both builds gave the same verdict (exit code) and the same counts;
    /// adds one line saying so for the model, and on a difference prints every run, loudly: a
    /// faster build that finds another number of states is a wrong build, not a faster one.
    /// </summary>
    private static bool CountsAgree(Model model, List<Measurement>[] runs, List<string> verdicts)
    {
        static string Describe(Measurement r) =>
            string.Create(CultureInfo.InvariantCulture, $"exit {r.ExitCode}, {r.Generated} generated, {r.Distinct} distinct");
        var distinct = runs.SelectMany(static r => r).Select(Describe).Distinct().ToArray();
        var unreadable = runs.SelectMany(static r => r).Any(static r => r.Generated < 0);
        if (distinct.Length == 1 && !unreadable)
        {
            verdicts.Add($"{model.Name}: verdict/counts equal ({distinct[0]}; {runs[0].Count} old and {runs[1].Count} new runs)");
            return true;
        }
        Console.Error.WriteLine($"!!! {model.Name}: VERDICT/COUNTS DIFFER between the builds (or a run printed no counts):");
        for (var b = 0; b < runs.Length; b++)
            foreach (var run in runs[b])
                Console.Error.WriteLine($"!!!   {(b == 0 ? "old" : "new")}: {Describe(run)}");
        verdicts.Add($"{model.Name}: VERDICT/COUNTS DIFFER: {string.Join(" | ", distinct)}");
        return false;
    }


    /// <summary>The safety models under specs/ (MC*.cfg but the liveness and conformance ones) and the kit's largest.</summary>
    private static SortedDictionary<string, Model> AllModels(string root)
    {
        var models = new SortedDictionary<string, Model>(StringComparer.Ordinal);
        foreach (var cfg in Directory.EnumerateFiles(Path.Combine(root, "specs"), "MC*.cfg", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(cfg);
            // Liveness and conformance models have their own benches; trace validation needs its trace (JSON=...).
            if (name.Contains("Liveness", StringComparison.Ordinal) || name.Contains("Conformance", StringComparison.Ordinal)
                || name.StartsWith("MCTrace", StringComparison.Ordinal)) continue;
            var folder = Path.GetDirectoryName(cfg)!;
            var own = Path.Combine(folder, name + ".tla");
            var spec = File.Exists(own) ? own : Path.Combine(folder, name[2..] + ".tla");
            if (File.Exists(spec)) models[name] = new Model(name, spec, cfg, NoDeadlock: false);
        }
        var kit = Path.Combine(root, "tests", "Verification.Tla.Tests", "Kit");
        foreach (var name in KitModels)
        {
            var spec = Path.Combine(kit, name, name + ".tla");
            if (File.Exists(spec)) models["kit:" + name] = new Model("kit:" + name, spec, Path.ChangeExtension(spec, ".cfg"), NoDeadlock: true);
        }
        return models;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Verification.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run checker-compare inside the repository (Verification.sln not found above the current folder).");
    }

    private static Measurement Check(string build, Model model, int workers, string root)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { build, "check", model.Spec, "-config", model.Config, "-workers", workers.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        if (model.NoDeadlock) start.ArgumentList.Add("-deadlock");
        var before = ChildrenUserSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        var wall = clock.Elapsed.TotalSeconds;
        var user = ChildrenUserSeconds() - before;
        var match = CountsLine().Match(output);
        return new Measurement(user, wall,
            match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1,
            match.Success ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : -1,
            process.ExitCode);
    }

    [GeneratedRegex(@"^(\d+) states generated, (\d+) distinct states found", RegexOptions.Multiline)]
    private static partial Regex CountsLine();

    // User CPU time of the reaped children so far (getrusage(RUSAGE_CHILDREN)): a child's time is
    // added when it is waited for, which Process does before WaitForExit returns.
    private static double ChildrenUserSeconds()
    {
        if (getrusage(-1, out var usage) != 0) throw new InvalidOperationException("getrusage failed");
        return usage.UserSeconds + usage.UserMicroseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        // The other fourteen counters of struct rusage, unused here.
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}
