using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Verification.Systematic.Runtime;
using Verification.Systematic.Strategies;

namespace Verification.Systematic.Engine;

/// <summary>
/// Coyote's TestingEngine: runs iterations of a scenario under a strategy until a bug shows or the
/// budget is spent, then shrinks the failing schedule, records it to a file and reports it.
/// </summary>
public static class TestingEngine
{
    /// <summary>Tests a registered system, with the seeded bug <paramref name="bug"/> switched on (null = the correct version).</summary>
    public static TestReport Run(SystemDefinition system, string? bug, TestConfiguration config) => Run(system, bug, config, null);

    /// <summary>
    /// Tests a registered system with its scenarios instrumented (e.g. a conformance recorder added to
    /// the monitors): the failing schedule is still one `verify replay` finds by the system's name,
    /// and the report's replay command carries the flags that instrument the replay the same way.
    /// </summary>
    public static TestReport Run(SystemDefinition system, string? bug, TestConfiguration config, ScenarioInstrumentation? instrumentation)
    {
        ArgumentNullException.ThrowIfNull(system);
        var canonicalBug = ResolveBug(system, bug);
        var report = RunCampaign(Registered(system, canonicalBug, instrumentation), config);
        instrumentation?.CampaignEnded?.Invoke(report.Iterations);
        return report;
    }

    private static Target Registered(SystemDefinition system, string? bug, ScenarioInstrumentation? instrumentation)
    {
        Func<Scenario> plain = () => system.CreateScenario(bug);
        return new Target(system.Name, bug, plain, BuildTag(system.CodeAssembly), system.DefaultMaxSteps, Registered: true)
        {
            CreateScenario = instrumentation is null ? plain : () => instrumentation.Explore(system.CreateScenario(bug)),
            CreateReproduction = instrumentation is null ? plain : () => (instrumentation.Reproduce ?? instrumentation.Explore)(system.CreateScenario(bug)),
            ReplayOptions = instrumentation?.ReplayOptions ?? "",
        };
    }

    /// <summary>Tests an ad-hoc scenario (e.g. one written inside a test); default step bound 1,000.</summary>
    public static TestReport Run(string systemName, Func<Scenario> scenario, TestConfiguration config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        ArgumentNullException.ThrowIfNull(scenario);
        var assembly = scenario.Method.DeclaringType?.Assembly ?? scenario.Method.Module.Assembly;
        return RunCampaign(new Target(systemName, null, scenario, BuildTag(assembly), 1_000, Registered: false), config);
    }

    /// <summary>
    /// Re-runs a recorded schedule exactly (Coyote's replay). Throws <see cref="ScheduleFormatException"/>
    /// for an unreadable file or one recorded for another system or build, and
    /// <see cref="ScheduleMismatchException"/> when the run departs from the recording.
    /// </summary>
    public static TestReport Replay(SystemDefinition system, string scheduleFile) => Replay(system, scheduleFile, null);

    /// <summary>Re-runs a recorded schedule with the scenario instrumented as the campaign that recorded it did (<see cref="ScenarioInstrumentation.Reproduce"/>).</summary>
    public static TestReport Replay(SystemDefinition system, string scheduleFile, ScenarioInstrumentation? instrumentation)
    {
        ArgumentNullException.ThrowIfNull(system);
        var schedule = ScheduleFile.Load(scheduleFile);
        if (!string.Equals(schedule.System, system.Name, StringComparison.OrdinalIgnoreCase))
            throw new ScheduleFormatException(scheduleFile, 0, 0, $"the schedule was recorded for system '{schedule.System}', not '{system.Name}'");
        string? bug;
        try
        {
            bug = ResolveBug(system, schedule.Bug);
        }
        catch (ArgumentException e)
        {
            throw new ScheduleFormatException(scheduleFile, 0, 0, e.Message);
        }
        return Replay(Registered(system, bug, instrumentation), schedule, scheduleFile);
    }

    /// <summary>Replays a schedule recorded by <see cref="Run(string, Func{Scenario}, TestConfiguration)"/>.</summary>
    public static TestReport Replay(string systemName, Func<Scenario> scenario, string scheduleFile)
    {
        var schedule = ScheduleFile.Load(scheduleFile);
        if (!string.Equals(schedule.System, systemName, StringComparison.OrdinalIgnoreCase))
            throw new ScheduleFormatException(scheduleFile, 0, 0, $"the schedule was recorded for system '{schedule.System}', not '{systemName}'");
        var assembly = scenario.Method.DeclaringType?.Assembly ?? scenario.Method.Module.Assembly;
        return Replay(new Target(systemName, null, scenario, BuildTag(assembly), 1_000, Registered: false), schedule, scheduleFile);
    }

    /// <summary>The bug's canonical name, or an <see cref="ArgumentException"/> naming the known ones.</summary>
    public static string? ResolveBug(SystemDefinition system, string? bug)
    {
        if (bug is null) return null;
        foreach (var known in system.Bugs)
            if (string.Equals(known.Name, bug, StringComparison.OrdinalIgnoreCase)) return known.Name;
        var names = system.Bugs.Count == 0 ? "it has no seeded bugs" : "known: " + string.Join(", ", system.Bugs.Select(b => b.Name));
        throw new ArgumentException($"unknown bug '{bug}' for system {system.Name} ({names})");
    }

    /// <summary>
    /// Identifies the code a schedule was recorded against: the module version ids of the system's
    /// assembly and of the explorer (deterministic builds give the same id for the same source).
    /// </summary>
    internal static string BuildTag(Assembly systemAssembly)
    {
        static string Short(Assembly a) => a.ManifestModule.ModuleVersionId.ToString("N")[..12];
        return $"{systemAssembly.GetName().Name}@{Short(systemAssembly)}+explorer@{Short(typeof(TestingEngine).Assembly)}";
    }

    /// <param name="Registered">A SystemDefinition the CLI can find by name (ad-hoc scenarios replay only in process).</param>
    internal sealed record Target(string Name, string? Bug, Func<Scenario> CreateScenario, string BuildTag, int DefaultMaxSteps, bool Registered)
    {
        /// <summary>The scenario for shrinking and replays: every run must see what the failing iteration saw.</summary>
        public Func<Scenario> CreateReproduction { get; init; } = CreateScenario;

        /// <summary>Flags `verify replay` needs to instrument the replay as the campaign was (e.g. "--conformance").</summary>
        public string ReplayOptions { get; init; } = "";
    }

    private sealed class Worker(Scenario scenario, ISchedulingStrategy strategy)
    {
        public readonly World World = new();
        public readonly Scenario Scenario = scenario;
        public readonly ISchedulingStrategy Strategy = strategy;
    }

    /// <summary>What the failing iteration needs for its report.</summary>
    private sealed record Found(int Iteration, ulong Seed, string Strategy, bool Fair, List<EventKey> Decisions, RunFailure Failure);

    private static void Validate(TestConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!StrategyCatalog.IsKnown(config.Strategy))
            throw new ArgumentException($"unknown strategy '{config.Strategy}' (expected one of: {StrategyCatalog.Describe()})");
        if (config.Iterations < 1) throw new ArgumentException($"--iterations must be at least 1, not {config.Iterations} (nothing would be tested)");
        if (config.TimeBudget is { } budget && budget <= TimeSpan.Zero) throw new ArgumentException($"the time budget must be positive, not {budget.TotalSeconds} s");
        if (config.MaxSteps is < 1) throw new ArgumentException($"max steps must be positive, not {config.MaxSteps}");
        if (config.MaxFairSteps is < 1) throw new ArgumentException($"max fair steps must be positive, not {config.MaxFairSteps}");
        if (config.Parallel < 1) throw new ArgumentException($"parallel must be at least 1, not {config.Parallel}");
        if (config.LivenessTemperatureThreshold is < 1) throw new ArgumentException($"the liveness temperature threshold must be positive, not {config.LivenessTemperatureThreshold}");
        if (config.StrategyBound is { } bound)
        {
            var minimum = config.Strategy is "pct" or "fair-pct" ? 1 : 0;
            if (bound < minimum) throw new ArgumentException($"the bound of strategy {config.Strategy} must be at least {minimum}, not {bound}");
        }
    }

    private static RunLimits Limits(TestConfiguration config, int defaultMaxSteps)
    {
        var maxSteps = config.MaxSteps ?? defaultMaxSteps;
        var maxFair = config.MaxFairSteps ?? (int)Math.Min(int.MaxValue, 10L * maxSteps);
        var threshold = config.LivenessTemperatureThreshold ?? Math.Max(1, maxFair / 2);
        return new RunLimits(maxSteps, maxFair, threshold);
    }

    private static TestReport RunCampaign(Target target, TestConfiguration config)
    {
        Validate(config);
        var stopwatch = Stopwatch.StartNew();
        var limits = Limits(config, target.DefaultMaxSteps);
        var deadline = Deadline.After(config.TimeBudget, stopwatch);
        var reportDirectory = PrepareReportDirectory(config);

        // PCT and delay-bounding spread their change/delay points over k steps: measure k (and the
        // number of event sources n) on one random run of a seed derived from the campaign seed, so
        // every iteration sees the same k whatever the number of workers.
        var horizon = limits.MaxSteps;
        var sources = 0;
        if (StrategyCatalog.NeedsHorizon(config.Strategy))
            (horizon, sources) = Calibrate(target, config, limits, deadline);
        var bound = config.StrategyBound;
        ISchedulingStrategy NewStrategy() => StrategyCatalog.Create(config.Strategy, bound, horizon, limits.MaxSteps);

        var determinismChecked = false;
        Found? found = null;
        if (config.DeterminismCheck && config.Iterations > 0)
        {
            (found, determinismChecked) = CheckDeterminism(target, config, limits, NewStrategy, deadline);
        }

        var iterations = 0;
        var livenessUnjudged = 0;
        long steps = 0;
        var stoppedByBudget = deadline.Expired;
        var probe = NewStrategy();
        var parallel = probe is DfsStrategy ? 1 : config.Parallel;
        DfsStrategy? dfs = null;
        if (found is null && !stoppedByBudget)
        {
            if (parallel == 1)
            {
                var worker = new Worker(target.CreateScenario(), probe);
                dfs = probe as DfsStrategy;
                for (var i = 0; i < config.Iterations; i++)
                {
                    if (deadline.Expired)
                    {
                        stoppedByBudget = true;
                        break;
                    }
                    var seed = Prng.IterationSeed(config.Seed, i);
                    if (!worker.Strategy.PrepareIteration(i, seed, limits.MaxSteps)) break;
                    var result = IterationRunner.Run(worker.World, worker.Scenario, worker.Strategy, limits, recordLabels: false, deadline: deadline, iteration: i);
                    if (result.End == RunEnd.OutOfTime)
                    {
                        // An interrupted run tested nothing: it is neither counted nor judged.
                        stoppedByBudget = true;
                        break;
                    }
                    iterations++;
                    steps += result.Steps;
                    if (result.LivenessUnjudged) livenessUnjudged++;
                    if (result.Failure is { } failure)
                    {
                        found = new Found(i, seed, CurrentDescription(worker.Strategy), worker.Strategy.IsFair, [.. worker.World.Decisions], failure);
                        break;
                    }
                    if (config.Progress is not null && (i + 1) % ProgressEvery(config.Iterations) == 0)
                        config.Progress(new TestProgress(iterations, config.Iterations, steps, stopwatch.Elapsed, false));
                }
            }
            else
            {
                (iterations, steps, found, stoppedByBudget, livenessUnjudged) = RunParallel(target, config, limits, NewStrategy, parallel, stopwatch, deadline);
            }
        }
        config.Progress?.Invoke(new TestProgress(iterations, config.Iterations, steps, stopwatch.Elapsed, found is not null));

        BugReport? bugReport = null;
        if (found is not null) bugReport = Report(target, config, limits, found, reportDirectory, deadline);
        stopwatch.Stop();

        return new TestReport
        {
            SystemName = target.Name,
            BugName = target.Bug,
            Strategy = probe.Description,
            Seed = config.Seed,
            MaxSteps = limits.MaxSteps,
            MaxFairSteps = limits.MaxFairSteps,
            Bug = bugReport,
            Iterations = iterations,
            Steps = steps,
            Elapsed = stopwatch.Elapsed,
            Pct = PctSummary(config, probe, sources, horizon, iterations),
            Dfs = dfs is null ? null : new DfsSummary(dfs.Schedules, dfs.PrunedRuns, dfs.DistinctStates, dfs.PruningActive, dfs.Exhausted),
            DeterminismChecked = determinismChecked,
            StoppedByTimeBudget = stoppedByBudget,
            TimeBudget = config.TimeBudget,
            LivenessUnjudgedRuns = livenessUnjudged,
            HealPhaseFrom = livenessUnjudged > 0 ? target.CreateScenario().Faults?.FaultsUntilStep : null,
        };
    }

    private static int ProgressEvery(int iterations) => Math.Max(1, Math.Min(1_000, iterations / 20));

    private static string CurrentDescription(ISchedulingStrategy strategy) =>
        strategy is PortfolioStrategy portfolio ? portfolio.Current.Description : strategy.Description;

    private static PctBound? PctSummary(TestConfiguration config, ISchedulingStrategy strategy, int sources, int horizon, int iterations)
    {
        switch (strategy)
        {
            case PctStrategy pct:
                return new PctBound(sources, horizon, pct.Depth, iterations);
            case PortfolioStrategy portfolio:
                for (var m = 0; m < portfolio.Members.Count; m++)
                {
                    if (portfolio.Members[m] is not PctStrategy member) continue;
                    // Iterations m, m + M, m + 2M, ... ran this member.
                    var runs = iterations <= m ? 0 : (iterations - m - 1) / portfolio.Members.Count + 1;
                    return new PctBound(sources, horizon, member.Depth, runs);
                }
                return null;
            default:
                return null;
        }
    }

    private static (int Horizon, int Sources) Calibrate(Target target, TestConfiguration config, RunLimits limits, Deadline deadline)
    {
        var world = new World();
        var scenario = target.CreateScenario();
        var strategy = new RandomStrategy();
        strategy.PrepareIteration(-1, Prng.IterationSeed(config.Seed, -1), limits.MaxSteps);
        var result = IterationRunner.Run(world, scenario, strategy, limits with { MaxFairSteps = limits.MaxSteps }, recordLabels: false, deadline: deadline);
        var seen = new HashSet<EventKey>();
        foreach (var decision in world.Decisions)
            if (decision.Kind != EventKind.Choice) seen.Add(PctStrategy.SourceOf(decision, world.Faults.Reordering));
        return ((int)Math.Clamp(result.Steps, 1, limits.MaxSteps), Math.Max(1, seen.Count));
    }

    /// <summary>
    /// madsim's self-check: the first iteration, run twice from scratch, must take the same
    /// decisions and produce byte-identical step labels. Returns a "nondeterminism" bug otherwise.
    /// </summary>
    /// <returns>The nondeterminism bug or null, and whether both runs completed (a time budget may interrupt them).</returns>
    private static (Found? Found, bool Checked) CheckDeterminism(Target target, TestConfiguration config, RunLimits limits, Func<ISchedulingStrategy> newStrategy, Deadline deadline)
    {
        var seed = Prng.IterationSeed(config.Seed, 0);
        (IterationResult Result, List<EventKey> Decisions, List<string> Labels, ISchedulingStrategy Strategy) RunOnce()
        {
            var world = new World();
            var strategy = newStrategy();
            strategy.PrepareIteration(0, seed, limits.MaxSteps);
            // Both runs instrumented alike (a sampled instrumentation would instrument only one of them).
            var result = IterationRunner.Run(world, target.CreateReproduction(), strategy, limits, recordLabels: true, deadline: deadline);
            return (result, [.. world.Decisions], world.Labels!, strategy);
        }
        var first = RunOnce();
        if (first.Result.End == RunEnd.OutOfTime) return (null, false);
        var second = RunOnce();
        if (second.Result.End == RunEnd.OutOfTime) return (null, false);
        var length = Math.Min(first.Labels.Count, second.Labels.Count);
        for (var i = 0; i < length; i++)
        {
            if (first.Labels[i] == second.Labels[i]) continue;
            return (Nondeterministic(i + 1, $"step {i + 1} was '{first.Labels[i]}' in the first run and '{second.Labels[i]}' in the second"), false);
        }
        if (first.Labels.Count != second.Labels.Count || first.Result.Failure?.Detector != second.Result.Failure?.Detector)
            return (Nondeterministic(length, $"the first run took {first.Labels.Count} steps ({first.Result.Failure?.Detector ?? "no bug"}), the second {second.Labels.Count} ({second.Result.Failure?.Detector ?? "no bug"})"), false);
        return (null, true);

        Found Nondeterministic(long step, string what) => new(0, seed, CurrentDescription(first.Strategy), first.Strategy.IsFair, first.Decisions,
            new RunFailure("nondeterminism", $"the same seed gave two different executions: {what}; a node or monitor depends on something the explorer does not control (time, randomness, hash order, shared state)", step));
    }

    private static (int Iterations, long Steps, Found? Found, bool StoppedByBudget, int LivenessUnjudged) RunParallel(
        Target target, TestConfiguration config, RunLimits limits, Func<ISchedulingStrategy> newStrategy, int parallel, Stopwatch stopwatch, Deadline deadline)
    {
        var pool = new ConcurrentBag<Worker>();
        var batch = Math.Max(64, parallel * 32);
        var iterations = 0;
        var unjudged = 0;
        long steps = 0;
        for (var batchStart = 0; batchStart < config.Iterations; batchStart += batch)
        {
            if (deadline.Expired) return (iterations, steps, null, true, unjudged);
            var batchEnd = (int)Math.Min(config.Iterations, (long)batchStart + batch);
            var results = new IterationResult[batchEnd - batchStart];
            var found = new Found?[batchEnd - batchStart];
            var lowestFailure = int.MaxValue;
            System.Threading.Tasks.Parallel.For(batchStart, batchEnd, new ParallelOptions { MaxDegreeOfParallelism = parallel },
                () => pool.TryTake(out var w) ? w : new Worker(target.CreateScenario(), newStrategy()),
                (i, _, worker) =>
                {
                    // Iterations after a known failure cannot change the result (the first bug is the lowest index).
                    if (i > Volatile.Read(ref lowestFailure)) return worker;
                    var seed = Prng.IterationSeed(config.Seed, i);
                    worker.Strategy.PrepareIteration(i, seed, limits.MaxSteps);
                    if (deadline.Expired)
                    {
                        results[i - batchStart] = new IterationResult(0, RunEnd.OutOfTime, null);
                        return worker;
                    }
                    var result = IterationRunner.Run(worker.World, worker.Scenario, worker.Strategy, limits, recordLabels: false, deadline: deadline, iteration: i);
                    results[i - batchStart] = result;
                    if (result.Failure is { } failure)
                    {
                        found[i - batchStart] = new Found(i, seed, CurrentDescription(worker.Strategy), worker.Strategy.IsFair, [.. worker.World.Decisions], failure);
                        int seen;
                        while (i < (seen = Volatile.Read(ref lowestFailure)) && Interlocked.CompareExchange(ref lowestFailure, i, seen) != seen) { }
                    }
                    return worker;
                },
                pool.Add);
            for (var j = 0; j < results.Length; j++)
            {
                // The campaign's result is the prefix of iterations in index order, as with one worker.
                if (results[j].End == RunEnd.OutOfTime) return (iterations, steps, null, true, unjudged);
                iterations++;
                steps += results[j].Steps;
                if (results[j].LivenessUnjudged) unjudged++;
                if (found[j] is { } failure) return (iterations, steps, failure, false, unjudged);
            }
            config.Progress?.Invoke(new TestProgress(iterations, config.Iterations, steps, stopwatch.Elapsed, false));
        }
        return (iterations, steps, null, false, unjudged);
    }

    private static BugReport Report(Target target, TestConfiguration config, RunLimits limits, Found found, string reportDirectory, Deadline deadline)
    {
        var scenario = target.CreateReproduction();
        var world = new World();
        var original = found.Decisions;
        var shrunk = original;
        if (config.Shrink && found.Failure.Detector != "nondeterminism")
            shrunk = Shrinker.Shrink(world, scenario, original, found.Failure, found.Fair, limits, config.MaxShrinkRuns, config.MaxShrinkSteps, deadline);

        // The reported trace comes from a strict replay of the reported schedule, so what the user
        // reads is exactly what `verify replay` will show.
        var replay = new ReplayStrategy(shrunk, strict: true, found.Fair, found.Strategy);
        replay.PrepareIteration(found.Iteration, found.Seed, limits.MaxSteps);
        var final = IterationRunner.Run(world, scenario, replay, limits, recordLabels: true);
        var failure = final.Failure;
        if (failure is null || failure.Detector != found.Failure.Detector)
        {
            if (found.Failure.Detector != "nondeterminism")
                failure = new RunFailure("nondeterminism",
                    $"replaying the failing schedule of iteration {found.Iteration + 1} did not reproduce '{found.Failure.Detector}: {found.Failure.Message}'; a node or monitor depends on something the explorer does not control",
                    found.Failure.Step);
            else failure = found.Failure;
        }
        var trace = world.Labels!.ToArray();

        var schedule = new ScheduleFile
        {
            System = target.Name,
            Bug = target.Bug,
            Strategy = found.Strategy,
            Seed = found.Seed,
            Iteration = found.Iteration,
            Fair = found.Fair,
            MaxSteps = limits.MaxSteps,
            MaxFairSteps = limits.MaxFairSteps,
            LivenessThreshold = limits.LivenessThreshold,
            Build = target.BuildTag,
            Detector = failure.Detector,
            Decisions = shrunk,
        };
        var path = ClaimSchedulePath(reportDirectory, config, target);
        schedule.Save(path);

        return new BugReport
        {
            Detector = failure.Detector,
            Message = failure.Message,
            Iteration = found.Iteration,
            Strategy = found.Strategy,
            OriginalLength = CountSteps(original),
            ShrunkLength = CountSteps(shrunk),
            OriginalFaults = CountFaults(original),
            ShrunkFaults = CountFaults(shrunk),
            FailingStep = failure.Step,
            ScheduleFile = path,
            ReplayCommand = ReplayCommandFor(target, path, config.ReplayOptions),
            Trace = trace,
        };
    }

    /// <summary>
    /// The default folder of schedule files: per user (the temp directory may be shared), e.g.
    /// /tmp/verify-schedules-alice.
    /// </summary>
    public static string DefaultReportDirectory() =>
        Path.Combine(Path.GetTempPath(), $"verify-schedules-{Sanitize(Environment.UserName is { Length: > 0 } user ? user : "user")}");

    /// <summary>
    /// Checks, before the campaign starts, that schedule files can be written to the report folder
    /// (it is not a file, it exists or can be created, a file can be created in it), so that a bad
    /// --report-dir fails at once rather than after the whole campaign.
    /// </summary>
    private static string PrepareReportDirectory(TestConfiguration config)
    {
        var directory = Path.GetFullPath(config.ReportDirectory ?? DefaultReportDirectory());
        if (File.Exists(directory)) throw new IOException($"the report folder {directory} is a file, not a folder");
        Directory.CreateDirectory(directory);
        var probe = Path.Combine(directory, $".verify-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        return directory;
    }

    /// <summary>
    /// A new file for the campaign's schedule: its system, bug, strategy and seed in the name, and a
    /// numeric suffix when a file of that name exists already, so no campaign overwrites another's
    /// schedule (the file is created here, atomically, to claim the name).
    /// </summary>
    private static string ClaimSchedulePath(string directory, TestConfiguration config, Target target)
    {
        var stem = $"{Sanitize(target.Name)}{(target.Bug is null ? "" : "-" + Sanitize(target.Bug))}-{Sanitize(config.Strategy)}-seed{config.Seed}";
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(directory, n == 1 ? $"{stem}.schedule" : $"{stem}-{n}.schedule");
            try
            {
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Taken by an earlier campaign: try the next suffix.
            }
        }
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('-' or '_' or '.')) chars[i] = '_';
        return new string(chars);
    }

    private static string ReplayCommandFor(Target target, string path, string extraOptions = "") => target.Registered
        ? $"verify replay {Quote(path)}{string.Concat(new[] { target.ReplayOptions, extraOptions }.Where(static o => o.Length > 0).Select(static o => " " + o))}"
        : $"TestingEngine.Replay(\"{target.Name}\", <the same scenario factory>, @\"{path}\") (an ad-hoc scenario: `verify replay` only knows registered systems)";

    /// <summary>A path as a command line of the report shows it: in double quotes when it has a space.</summary>
    public static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;

    internal static int CountSteps(IReadOnlyList<EventKey> decisions)
    {
        var steps = 0;
        foreach (var d in decisions)
            if (d.Kind != EventKind.Choice) steps++;
        return steps;
    }

    internal static int CountFaults(IReadOnlyList<EventKey> decisions)
    {
        var faults = 0;
        foreach (var d in decisions)
            if (d.IsFault) faults++;
        return faults;
    }

    private static TestReport Replay(Target target, ScheduleFile schedule, string path)
    {
        if (schedule.Build != target.BuildTag)
            throw new ScheduleFormatException(path, 0, 0,
                $"the schedule was recorded by a different build ({schedule.Build}; this build is {target.BuildTag}); run `verify test` again to record a new one");
        var stopwatch = Stopwatch.StartNew();
        var limits = new RunLimits(schedule.MaxSteps, schedule.MaxFairSteps, schedule.LivenessThreshold);
        var world = new World();
        var strategy = new ReplayStrategy(schedule.Decisions, strict: true, schedule.Fair, schedule.Strategy);
        strategy.PrepareIteration(schedule.Iteration, schedule.Seed, limits.MaxSteps);
        var result = IterationRunner.Run(world, target.CreateReproduction(), strategy, limits, recordLabels: true);
        stopwatch.Stop();
        BugReport? bug = null;
        if (result.Failure is { } failure)
        {
            var steps = CountSteps(schedule.Decisions);
            bug = new BugReport
            {
                Detector = failure.Detector,
                Message = failure.Message,
                Iteration = (int)schedule.Iteration,
                Strategy = schedule.Strategy,
                OriginalLength = steps,
                ShrunkLength = steps,
                OriginalFaults = CountFaults(schedule.Decisions),
                ShrunkFaults = CountFaults(schedule.Decisions),
                FailingStep = failure.Step,
                ScheduleFile = Path.GetFullPath(path),
                ReplayCommand = ReplayCommandFor(target, Path.GetFullPath(path)),
                Trace = world.Labels!.ToArray(),
            };
        }
        return new TestReport
        {
            SystemName = target.Name,
            BugName = target.Bug,
            Strategy = $"replay of {schedule.Strategy}",
            Seed = schedule.Seed,
            MaxSteps = limits.MaxSteps,
            MaxFairSteps = limits.MaxFairSteps,
            Bug = bug,
            Iterations = 1,
            Steps = result.Steps,
            Elapsed = stopwatch.Elapsed,
            ReplayedTrace = world.Labels!.ToArray(),
            ExpectedDetector = schedule.Detector,
        };
    }
}

/// <summary>
/// How a campaign over a registered system instruments its scenarios (e.g. adds a conformance
/// recorder to the monitors), and the `verify replay` flags that instrument a replay the same way.
/// </summary>
/// <param name="Explore">Applied to the scenario of the campaign's iterations (it may sample, e.g. instrument every Nth run).</param>
/// <param name="ReplayOptions">Appended to the report's `verify replay FILE` command, e.g. "--conformance".</param>
public sealed record ScenarioInstrumentation(Func<Scenario, Scenario> Explore, string ReplayOptions)
{
    /// <summary>Applied to the scenario of shrinking runs and replays, which must all be instrumented (default: <see cref="Explore"/>).</summary>
    public Func<Scenario, Scenario>? Reproduce { get; init; }

    /// <summary>
    /// Told, when the campaign ends, how many iterations it counts (iterations 0 .. n-1): with several
    /// workers, iterations past the first failing one may have run too, and must not count.
    /// </summary>
    public Action<int>? CampaignEnded { get; init; }
}
