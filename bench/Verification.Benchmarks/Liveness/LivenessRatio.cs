using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Checking;

namespace Verification.Benchmarks.Liveness;

/// <summary>
/// What liveness costs on top of safety: for each liveness model under specs/ (MC*Liveness.cfg),
/// the same cfg without its PROPERTIES section is the safety-only run; the two runs alternate in
/// this process (safety, liveness, safety, liveness, ...) after one warm-up run of each, and each is
/// measured in process CPU time (all threads, so the GC's too). Prints the medians and the ratio
/// liveness/safety, with the verdict and the counterexample length of the liveness run, so that a
/// change to the liveness checker shows both its speed and that its answer stayed the same.
/// The warm-ups also let the JIT finish: on the smallest models (0.03 s of safety search) one
/// warm-up leaves the liveness code's tier-1 compilation to the measured runs, and it can cost
/// more than the check itself.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- liveness-ratio [--models MCGossipLiveness,...] [--pairs 3] [--warmups 1]
/// </summary>
public static class LivenessRatio
{
    private sealed record Model(string Name, string Spec, string Config, string SafetyConfig);

    public static int Run(string[] args)
    {
        var pairs = 3;
        var warmups = 1;
        string[]? names = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pairs" when i + 1 < args.Length: pairs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmups" when i + 1 < args.Length: warmups = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--models" when i + 1 < args.Length: names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --models a,b, --pairs N or --warmups N)");
                    return 1;
            }
        }
        var scratch = Directory.CreateTempSubdirectory("liveness-ratio-");
        try
        {
            var all = AllModels(RepositoryRoot(), scratch.FullName);
            var models = new List<Model>();
            foreach (var name in names ?? all.Keys.ToArray())
            {
                if (all.TryGetValue(name, out var model)) models.Add(model);
                else
                {
                    Console.Error.WriteLine($"error: unknown model '{name}' (known: {string.Join(", ", all.Keys)})");
                    return 1;
                }
            }
            Console.WriteLine($"liveness-ratio: {pairs} alternating pairs per model after {warmups} warm-up{(warmups == 1 ? "" : "s")} of each, 1 worker; medians of process CPU time.");
            Console.WriteLine();
            Console.WriteLine("| Model | Distinct states | Liveness result | Safety CPU s | Liveness CPU s | Liveness/safety |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|");
            foreach (var model in models)
            {
                CheckResult result = null!;
                for (var w = 0; w < warmups; w++)
                {
                    Measure(model.Spec, model.SafetyConfig);
                    (_, result) = Measure(model.Spec, model.Config);
                }
                var safety = new List<double>();
                var liveness = new List<double>();
                for (var p = 0; p < pairs; p++)
                {
                    safety.Add(Measure(model.Spec, model.SafetyConfig).Seconds);
                    liveness.Add(Measure(model.Spec, model.Config).Seconds);
                }
                var verdict = result.Outcome == CheckOutcome.Success ? "holds" : $"{result.Outcome} {result.Violated} ({result.Trace?.Count} states)";
                var safetySeconds = Medians.Of(safety);
                var livenessSeconds = Medians.Of(liveness);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {model.Name} | {result.DistinctStates:N0} | {verdict} | {safetySeconds:F2} | {livenessSeconds:F2} | {livenessSeconds / safetySeconds:F2} |"));
            }
            return 0;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static (double Seconds, CheckResult Result) Measure(string spec, string config)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        var result = ModelChecker.Run(spec, config, new CheckOptions(), TextWriter.Null);
        process.Refresh();
        return ((process.TotalProcessorTime - before).TotalSeconds, result);
    }


    /// <summary>The liveness models under specs/ and the bench's larger variants, each with a safety-only copy of its cfg written to <paramref name="scratch"/>.</summary>
    private static SortedDictionary<string, Model> AllModels(string root, string scratch)
    {
        var models = new SortedDictionary<string, Model>(StringComparer.Ordinal);
        foreach (var cfg in Directory.EnumerateFiles(Path.Combine(root, "specs"), "MC*Liveness.cfg", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(cfg);
            var spec = Path.Combine(Path.GetDirectoryName(cfg)!, name[2..^"Liveness".Length] + ".tla");
            if (File.Exists(spec)) Add(name, spec, cfg);
        }
        // Larger variants kept with the bench (Liveness/Models/MC<Spec>Liveness<Variant>.cfg), for models whose
        // own search is too short to time.
        var larger = Path.Combine(root, "bench", "Verification.Benchmarks", "Liveness", "Models");
        foreach (var cfg in Directory.Exists(larger) ? Directory.EnumerateFiles(larger, "MC*Liveness*.cfg") : [])
        {
            var name = Path.GetFileNameWithoutExtension(cfg);
            var specName = name[2..name.IndexOf("Liveness", StringComparison.Ordinal)] + ".tla";
            var spec = Directory.EnumerateFiles(Path.Combine(root, "specs"), specName, SearchOption.AllDirectories).FirstOrDefault();
            if (spec is null) throw new InvalidOperationException($"{cfg}: no {specName} under specs/");
            Add(name, spec, cfg);
        }
        return models;

        void Add(string name, string spec, string cfg)
        {
            var safetyConfig = Path.Combine(scratch, name + "Safety.cfg");
            File.WriteAllLines(safetyConfig, WithoutProperties(File.ReadAllLines(cfg)));
            models[name] = new Model(name, spec, cfg, safetyConfig);
        }
    }

    /// <summary>The cfg lines without the PROPERTIES (or PROPERTY) section: its keyword line and the names after it.</summary>
    private static IEnumerable<string> WithoutProperties(IEnumerable<string> lines)
    {
        var inProperties = false;
        foreach (var line in lines)
        {
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var first = words.Length > 0 ? words[0] : "";
            if (IsSectionKeyword(first)) inProperties = first is "PROPERTIES" or "PROPERTY";
            if (!inProperties) yield return line;
        }
    }

    private static bool IsSectionKeyword(string word) => word is "CONSTANT" or "CONSTANTS" or "INIT" or "NEXT" or "SPECIFICATION"
        or "INVARIANT" or "INVARIANTS" or "PROPERTY" or "PROPERTIES" or "CONSTRAINT" or "CONSTRAINTS" or "ACTION_CONSTRAINT"
        or "ACTION_CONSTRAINTS" or "SYMMETRY" or "VIEW" or "CHECK_DEADLOCK" or "POSTCONDITION" or "ALIAS";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Verification.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run liveness-ratio inside the repository (Verification.sln not found above the current folder).");
    }
}
