using System.Diagnostics;
using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Checking;
using Verification.Tla.Conformance;

namespace Verification.Cli.All;

/// <summary>What `verify all` runs, with its default budgets.</summary>
public sealed record AllSettings
{
    /// <summary>Iterations of the correct system under the default portfolio; null: the system's <see cref="SystemDefinition.ExplorationBudget"/>.</summary>
    public int? Iterations { get; init; }

    /// <summary>Iterations allowed for finding each seeded bug; null: the bug's own <see cref="BugInfo.Budget"/>.</summary>
    public int? BugIterations { get; init; }

    /// <summary>Iterations of the correct system whose traces are validated against its spec; null: the system's <see cref="SystemDefinition.ExplorationBudget"/>.</summary>
    public int? ConformanceIterations { get; init; }

    /// <summary>Iterations allowed for conformance alone (the system's monitors off) to reject each seeded bug; null: the bug's own <see cref="BugInfo.ConformanceBudget"/>.</summary>
    public int? BugConformanceIterations { get; init; }

    public ulong Seed { get; init; } = 1;

    /// <summary>Only the systems whose name contains this text (case-insensitive); null = all.</summary>
    public string? Only { get; init; }

    public bool IncludeKit { get; init; } = true;

    public bool IncludeBugs { get; init; } = true;

    public bool IncludeModelChecks { get; init; } = true;
}

/// <summary>One line of the summary table.</summary>
public sealed record AllRow(string Area, string Item, string Check, bool Passed, string Detail, TimeSpan Elapsed);

/// <summary>
/// Everything the suite can check, in one run: the TLC conformance kit, every registered system's
/// TLA+ model (safety, and liveness where it has a liveness config), its implementation under the
/// explorer's default portfolio, the conformance of its explored runs to its spec (where it has a
/// refinement mapping), and each of its seeded bugs, which must be found — by its monitors, and
/// separately by conformance alone, so the summary tells which detector catches which bug.
/// </summary>
public sealed class AllJob(string repositoryRoot, AllSettings settings, TextWriter log)
{
    private readonly List<ConformanceFact> _conformance = [];
    private readonly List<BugHuntFact> _hunts = [];

    /// <summary>The conformance campaigns run so far, for README's conformance table.</summary>
    public IReadOnlyList<ConformanceFact> ConformanceFacts => _conformance;

    /// <summary>The seeded-bug hunts run so far, for README's conformance table.</summary>
    public IReadOnlyList<BugHuntFact> BugHunts => _hunts;

    public IReadOnlyList<AllRow> Run(IReadOnlyList<SystemDefinition> systems)
    {
        var rows = new List<AllRow>();
        if (settings.IncludeKit && settings.Only is null) rows.AddRange(RunKit());
        foreach (var system in systems.OrderBy(s => s.Family, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (settings.Only is { } only && !system.Name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var check in Checks(system))
                rows.Add(Guarded(system, check.Name, check.Run));
        }
        return rows;
    }

    private IEnumerable<AllRow> RunKit()
    {
        var kit = Path.Combine(repositoryRoot, "tests", "Verification.Tla.Tests", "Kit");
        if (!File.Exists(Path.Combine(kit, "expected.json"))) yield break;
        var clock = Stopwatch.StartNew();
        var disagreements = new List<string>();
        var entries = TlcKitEntry.Load(kit);
        foreach (var entry in entries)
        {
            var entryClock = Stopwatch.StartNew();
            string verdict;
            try
            {
                var differences = entry.Differences(entry.Run(kit, TextWriter.Null));
                verdict = differences.Count == 0 ? "agrees with TLC" : string.Join("; ", differences);
            }
            catch (Exception e)
            {
                verdict = $"internal error: {e.GetType().Name}: {e.Message}";
            }
            if (verdict != "agrees with TLC") disagreements.Add($"{entry.Name} ({verdict})");
            log.WriteLine($"kit {entry.Name}: {verdict} ({entryClock.Elapsed.TotalSeconds:F1} s)");
        }
        var detail = disagreements.Count == 0
            ? $"{entries.Count}/{entries.Count} specs: result, states, depth, trace length and exit code as TLC 2.19"
            : $"{entries.Count - disagreements.Count}/{entries.Count} agree with TLC; differ: {string.Join(", ", disagreements)}";
        log.WriteLine($"kit: {detail}");
        yield return new AllRow("tla+", "TLC conformance kit", "agrees with TLC", disagreements.Count == 0, detail, clock.Elapsed);
    }

    /// <summary>
    /// The checks of one system, in order; each runs on its own so one failure does not hide the rest.
    /// Every part a system should have gets its row: a part it lacks (no spec, no mapping, a model file
    /// that does not exist) is a failing row, never an absent one.
    /// </summary>
    private IEnumerable<(string Name, Func<AllRow> Run)> Checks(SystemDefinition system)
    {
        if (settings.IncludeModelChecks)
        {
            const string safety = "model check (safety)";
            yield return (safety, () => ModelCheck(system, safety, system.Spec, system.Config));
            var liveness = system.LivenessConfigs;
            foreach (var config in liveness)
            {
                var check = liveness.Count == 1 ? "model check (liveness)" : $"model check (liveness, {Path.GetFileName(config)})";
                yield return (check, () => ModelCheck(system, check, system.Spec, config));
            }
        }
        yield return ("explore (portfolio)", () => Explore(system));
        yield return ("runs conform to the spec", () => Conformance(system));
        if (!settings.IncludeBugs) yield break;
        foreach (var bug in system.Bugs)
            yield return ($"finds bug {bug.Name}", () => HuntBug(system, bug));
    }

    /// <summary>Why the system cannot be validated against its spec (no mapping, no spec or model, a missing file), or null.</summary>
    private string? MissingForConformance(SystemDefinition system) =>
        ProtocolSystem.MappingOf(system) is null ? "no refinement mapping (the system is not a ProtocolSystem)"
        : Missing(system.Spec, "spec") ?? Missing(system.ConformanceConfig, "conformance model");

    /// <summary>"no X declared" or "missing file F" when <paramref name="path"/> names no existing file, else null.</summary>
    private string? Missing(string? path, string part) =>
        path is null ? $"no {part} declared"
        : File.Exists(Path.Combine(repositoryRoot, path)) ? null
        : $"missing file {path} ({part})";

    private AllRow Failing(SystemDefinition system, string check, string detail)
    {
        log.WriteLine($"{system.Name}: {check}: {detail}");
        return new AllRow(system.Family, system.Name, check, false, detail, TimeSpan.Zero);
    }

    private AllRow Guarded(SystemDefinition system, string check, Func<AllRow> run)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return run();
        }
        catch (Exception e)
        {
            var detail = $"internal error: {e.GetType().Name}: {e.Message}";
            log.WriteLine($"{system.Name}: {check}: {detail}");
            return new AllRow(system.Family, system.Name, check, false, detail, clock.Elapsed);
        }
    }

    private AllRow Explore(SystemDefinition system)
    {
        var clock = Stopwatch.StartNew();
        var report = TestingEngine.Run(system, null, new TestConfiguration
        {
            Strategy = "portfolio", Iterations = settings.Iterations ?? system.ExplorationBudget, Seed = settings.Seed,
        });
        var survived = !report.BugFound;
        var detail = survived
            ? $"{report.Iterations:N0} schedules, {report.Steps:N0} steps, no bug ({report.StepsPerSecond:N0} steps/s)"
            : $"BUG {report.Bug!.Detector}: {report.Bug.Message} ({report.Bug.ReplayCommand})";
        log.WriteLine($"{system.Name}: explore: {detail}");
        return new AllRow(system.Family, system.Name, "explore (portfolio)", survived, detail, clock.Elapsed);
    }

    private AllRow Conformance(SystemDefinition system)
    {
        if (MissingForConformance(system) is { } missing) return Failing(system, "runs conform to the spec", missing);
        var clock = Stopwatch.StartNew();
        var session = ConformanceSession.For(system, repositoryRoot, new ValidationOptions { RecordCoverage = true });
        var report = TestingEngine.Run(system, null, new TestConfiguration
        {
            Strategy = "portfolio", Iterations = settings.ConformanceIterations ?? system.ExplorationBudget, Seed = settings.Seed,
        }, session.Instrumentation());
        var coverage = session.Coverage;
        var never = coverage.NeverExercised;
        if (!report.BugFound)
            _conformance.Add(new ConformanceFact(system.Name, session.TracesChecked, session.StepsValidated, session.StepsPerSecond, coverage.Actions.Count - never.Count, coverage.Actions.Count));
        var passed = !report.BugFound && session.Inconclusive == 0;
        var detail = report.BugFound
            ? $"{report.Bug!.Detector.ToUpperInvariant()}: {FirstLine(report.Bug.Message)} ({report.Bug.ReplayCommand})"
            : $"{session.TracesChecked:N0} traces, {session.StepsValidated:N0} steps conform ({session.StepsPerSecond:N0} steps/s validated)"
              + (session.Inconclusive > 0 ? $"; {session.Inconclusive:N0} INCONCLUSIVE ({session.FirstInconclusiveReason})" : "")
              + $"; {coverage.Actions.Count - never.Count}/{coverage.Actions.Count} actions exercised"
              + (never.Count > 0 ? $" (never: {string.Join(", ", never)})" : "");
        log.WriteLine($"{system.Name}: conformance: {detail}");
        return new AllRow(system.Family, system.Name, "runs conform to the spec", passed, detail, clock.Elapsed);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>
    /// The bug must be found. The monitors hunt first; where the system has a refinement mapping,
    /// conformance hunts again with the monitors off, so the row says which detectors catch the bug.
    /// </summary>
    private AllRow HuntBug(SystemDefinition system, BugInfo bug)
    {
        var clock = Stopwatch.StartNew();
        var budget = settings.BugIterations ?? bug.Budget;
        var conformanceBudget = settings.BugConformanceIterations ?? bug.ConformanceBudget;
        var hunt = TestingEngine.Run(system, bug.Name, new TestConfiguration
        {
            Strategy = "portfolio", Iterations = budget, Seed = settings.Seed,
        });
        var found = hunt.BugFound;
        var text = found
            ? $"found by {hunt.Bug!.Detector} after {hunt.Iterations:N0} schedules ({hunt.Bug.Strategy}), shrunk {hunt.Bug.OriginalLength} -> {hunt.Bug.ShrunkLength} steps"
            : $"NOT found by the monitors in {hunt.Iterations:N0} schedules";
        var invisible = !bug.SeenByConformance;
        int? alone = null;
        var conformanceHunted = false;
        if (invisible)
            text += "; monitors off: invisible to the spec's variables, not hunted by conformance";
        else if (MissingForConformance(system) is { } missing)
        {
            found = false;
            text += $"; monitors off: cannot hunt by conformance alone: {missing}";
        }
        else
        {
            var byConformance = HuntByConformanceAlone(system, bug.Name, conformanceBudget);
            conformanceHunted = true;
            alone = byConformance.Bug?.IterationNumber;
            found |= byConformance.BugFound;
            text += byConformance.BugFound
                ? $"; monitors off: found by {byConformance.Bug!.Detector} after {byConformance.Iterations:N0} schedules at step {byConformance.Bug.FailingStep}"
                : $"; monitors off: conformance finds nothing in {byConformance.Iterations:N0} schedules";
        }
        _hunts.Add(new BugHuntFact(system.Name, bug.Name, hunt.Bug?.IterationNumber, budget, alone, conformanceBudget, invisible, conformanceHunted));
        log.WriteLine($"{system.Name} --bug {bug.Name}: {text}");
        return new AllRow(system.Family, system.Name, $"finds bug {bug.Name}", found, text, clock.Elapsed);
    }

    private TestReport HuntByConformanceAlone(SystemDefinition system, string bug, int budget)
    {
        var session = ConformanceSession.For(system, repositoryRoot);
        return TestingEngine.Run(system.Name, () => ConformanceOnly.Judge(session, system.CreateScenario(bug)), new TestConfiguration { Strategy = "portfolio", Iterations = budget, Seed = settings.Seed, Shrink = false });
    }

    // Systems that share a model (RaftKv runs on Raft's spec) are checked once; later rows repeat the verdict.
    private readonly Dictionary<(string Spec, string Config), (string System, AllRow Row)> _modelChecks = [];

    private AllRow ModelCheck(SystemDefinition system, string check, string? declaredSpec, string? declaredConfig)
    {
        if ((Missing(declaredSpec, "spec") ?? Missing(declaredConfig, "model")) is { } missing) return Failing(system, check, missing);
        var (spec, config) = (declaredSpec!, declaredConfig!);
        if (_modelChecks.TryGetValue((spec, config), out var earlier))
            return earlier.Row with { Area = system.Family, Item = system.Name, Detail = $"same model as {earlier.System}: {earlier.Row.Detail}", Elapsed = TimeSpan.Zero };
        var row = ModelCheckOnce(system, check, spec, config);
        _modelChecks[(spec, config)] = (system.Name, row);
        return row;
    }

    private AllRow ModelCheckOnce(SystemDefinition system, string check, string spec, string config)
    {
        var clock = Stopwatch.StartNew();
        var result = ModelChecker.Run(Path.Combine(repositoryRoot, spec), Path.Combine(repositoryRoot, config),
            new CheckOptions { Workers = Environment.ProcessorCount }, TextWriter.Null);
        var passed = result.Outcome == CheckOutcome.Success && result.UncheckedProperties.Count == 0;
        var detail = result.Outcome == CheckOutcome.Success
            ? $"{result.DistinctStates:N0} distinct states, {result.StatesGenerated:N0} generated, depth {result.Depth}"
              + (result.UncheckedProperties.Count > 0 ? $"; NOT CHECKED: {string.Join(", ", result.UncheckedProperties)}" : "")
            : $"{result.ResultKind}{(result.Violated is null ? "" : $" {result.Violated}")}: {result.Message} ({Path.GetFileName(config)})";
        log.WriteLine($"{system.Name}: {check}: {detail}");
        return new AllRow(system.Family, system.Name, check, passed, detail, clock.Elapsed);
    }
}
