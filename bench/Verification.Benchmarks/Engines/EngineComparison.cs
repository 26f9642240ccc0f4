using System.Diagnostics;
using System.Globalization;
using Verification.Coyote;
using Verification.Protocols;
using Verification.Systematic.Engine;

namespace Verification.Benchmarks.Engines;

/// <summary>
/// `engines`: our explorer and Microsoft Coyote side by side on the identical sans-I/O nodes, for
/// every seeded bug of every registered system, seeds 1..10: schedules (iterations) to the first
/// bug (median and max over the seeds that found it), steps per second, wall time; one markdown
/// table. Options: --seeds N (default 10), --budget N (iterations per seed, default 200),
/// --coyote-budget N (default 50: Coyote's iterations cost far more), --coyote-seconds S (default 10
/// per seed: Raft's iterations take Coyote seconds each), --systems A,B, --strategies
/// explorer:random,coyote:random,... (default: explorer random and pct, Coyote random and prioritization).
/// </summary>
public static class EngineComparison
{
    private sealed record Cell(string System, string Bug, string Engine, string Strategy)
    {
        public List<int> Schedules { get; } = [];
        public int Missed { get; set; }
        public long WorldSteps { get; set; }
        public long SchedulingSteps { get; set; }
        public TimeSpan Wall { get; set; }
    }

    public static int Run(string[] args)
    {
        var seeds = IntOption(args, "--seeds", 10);
        var budget = IntOption(args, "--budget", 200);
        var coyoteBudget = IntOption(args, "--coyote-budget", 50);
        var coyoteSeconds = IntOption(args, "--coyote-seconds", 10);
        var onlySystems = StringOption(args, "--systems")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var strategies = (StringOption(args, "--strategies") ?? "explorer:random,explorer:pct,coyote:random,coyote:prioritization")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':') is [var engine, var strategy] ? (Engine: engine, Strategy: strategy) : throw new ArgumentException($"--strategies: '{s}' is not ENGINE:STRATEGY"))
            .ToList();
        var reports = Path.Combine(Path.GetTempPath(), $"verify-engines-{Environment.ProcessId}");
        var systems = SystemCatalog.Discover(ProtocolsAssembly.Assembly)
            .Where(s => onlySystems is null || onlySystems.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var cells = new List<Cell>();
        var total = Stopwatch.StartNew();
        foreach (var system in systems)
        {
            foreach (var bug in system.Bugs)
            {
                foreach (var (engine, strategy) in strategies)
                {
                    var cell = new Cell(system.Name, bug.Name, engine, strategy);
                    for (var seed = 1UL; seed <= (ulong)seeds; seed++)
                    {
                        if (engine == "coyote") RunCoyote(cell, system, bug.Name, strategy, seed, coyoteBudget, coyoteSeconds);
                        else RunExplorer(cell, system, bug.Name, strategy, seed, budget, reports);
                    }
                    cells.Add(cell);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Row(cell)}   [{total.Elapsed.TotalSeconds:F0} s]"));
                }
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Schedules to the first bug over seeds 1..{seeds} (median / max of the seeds that found it; missed = seeds that did not within {budget} explorer iterations, or {coyoteBudget} Coyote iterations and {coyoteSeconds} s per seed). Steps are world steps (a delivery, timer, request or fault: the same unit in both engines); Coyote's own scheduling steps (every send, receive and controlled choice) in the last column."));
        Console.WriteLine();
        Console.WriteLine("| system | bug | engine | strategy | schedules to bug (median / max) | missed | steps/s | wall (s) | Coyote scheduling steps/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var cell in cells) Console.WriteLine(Row(cell));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores"));
        try
        {
            Directory.Delete(reports, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static void RunExplorer(Cell cell, SystemDefinition system, string bug, string strategy, ulong seed, int budget, string reports)
    {
        var config = new TestConfiguration { Strategy = strategy, Iterations = budget, Seed = seed, Shrink = false, DeterminismCheck = false, ReportDirectory = reports };
        var report = TestingEngine.Run(system, bug, config);
        if (report.Bug is { } found) cell.Schedules.Add(found.IterationNumber);
        else cell.Missed++;
        cell.WorldSteps += report.Steps;
        cell.Wall += report.Elapsed;
    }

    private static void RunCoyote(Cell cell, SystemDefinition system, string bug, string strategy, ulong seed, int budget, int seconds)
    {
        var report = CoyoteEngine.Run(system, bug, new CoyoteOptions { Strategy = strategy, Iterations = budget, Seed = seed, WriteTrace = false, TimeBudgetSeconds = seconds });
        if (report.BugFound) cell.Schedules.Add(report.Iterations);
        else cell.Missed++;
        cell.WorldSteps += report.WorldSteps;
        cell.SchedulingSteps += report.SchedulingSteps;
        cell.Wall += report.Elapsed;
    }

    private static string Row(Cell cell)
    {
        var sorted = cell.Schedules.Order().ToList();
        var schedules = sorted.Count == 0 ? "not found" : $"{Median(sorted)} / {sorted[^1]}";
        var seconds = cell.Wall.TotalSeconds;
        var rate = seconds > 0 ? cell.WorldSteps / seconds : 0;
        var coyoteRate = cell.Engine == "coyote" && seconds > 0 ? (cell.SchedulingSteps / seconds).ToString("N0", CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {cell.System} | {cell.Bug} | {cell.Engine} | {cell.Strategy} | {schedules} | {cell.Missed} | {rate:N0} | {seconds:F1} | {coyoteRate} |");
    }

    private static string Median(List<int> sorted) => sorted.Count % 2 == 1
        ? sorted[sorted.Count / 2].ToString(CultureInfo.InvariantCulture)
        : ((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var text = StringOption(args, name);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} expects a positive integer, not '{text}'");
    }

    private static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
