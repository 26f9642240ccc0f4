using System.Diagnostics;
using System.Globalization;
using Microsoft.Coyote;
using Microsoft.Coyote.Actors;
using Verification.Coyote.Hosting;
using Verification.Systematic.Engine;
using CoyoteTestingEngine = Microsoft.Coyote.SystematicTesting.TestingEngine;

namespace Verification.Coyote;

/// <summary>The settings of a Coyote campaign, named as `verify test` names them.</summary>
public sealed record CoyoteOptions
{
    /// <summary>One of <see cref="CoyoteEngine.Strategies"/>.</summary>
    public string Strategy { get; init; } = "random";

    public int Iterations { get; init; } = 100;

    public ulong Seed { get; init; } = 1;

    /// <summary>Unfair bound in world steps (the explorer's -ms); null = the system's DefaultMaxSteps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Bound of fair strategies in world steps; null = 10 x MaxSteps (as the explorer and Coyote).</summary>
    public int? MaxFairSteps { get; init; }

    /// <summary>PCT change points, probabilistic coin flips, delay bound; null = Coyote's default.</summary>
    public int? StrategyBound { get; init; }

    /// <summary>World steps a liveness monitor may stay hot in the heal phase of a fair run; null = half the fair bound.</summary>
    public int? LivenessTemperatureThreshold { get; init; }

    /// <summary>Where the .trace files go; null = a folder in the temp directory.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Changes every iteration's scenario (e.g. a conformance recorder among its monitors).</summary>
    public Func<Scenario, Scenario>? Instrument { get; init; }

    /// <summary>Recorded in the replay file: `verify replay --engine coyote` instruments the replay with the same flags (e.g. --conformance).</summary>
    public string ReplayOptions { get; init; } = "";

    /// <summary>Stop after this many seconds even if iterations remain (Coyote's --timeout); null = no limit. Benchmarks only: results then depend on speed.</summary>
    public int? TimeBudgetSeconds { get; init; }

    /// <summary>Write the .trace file of a bug (benchmarks turn it off).</summary>
    public bool WriteTrace { get; init; } = true;
}

/// <summary>A bug found under Coyote: the explorer's detector and message, our step-labelled trace and Coyote's own trace.</summary>
public sealed record CoyoteBug(string Detector, string Message, long FailingStep, IReadOnlyList<string> Trace, string CoyoteMessage)
{
    /// <summary>Coyote's reproducible trace (JSON), replayable with Configuration.WithReproducibleTrace or `coyote replay`.</summary>
    public required string ReproducibleTrace { get; init; }

    /// <summary>Where the trace was written, or null.</summary>
    public string? TraceFile { get; init; }

    /// <param name="replayOptions">Flags the printed replay command needs besides the file (e.g. `--assembly PATH`).</param>
    public string Describe(int maxLines = 200, string replayOptions = "")
    {
        var lines = new List<string>
        {
            $"bug found by Coyote: {Detector} at step {FailingStep}",
            $"  {Message.Replace("\n", "\n  ", StringComparison.Ordinal)}",
            $"  trace ({Trace.Count} steps):",
        };
        var shown = Trace.Count <= maxLines ? Trace : Trace.Take(maxLines / 2).Concat([$"... {Trace.Count - maxLines} steps ..."]).Concat(Trace.Skip(Trace.Count - maxLines / 2));
        var index = 0;
        foreach (var label in shown)
        {
            if (label.StartsWith("... ", StringComparison.Ordinal))
            {
                lines.Add($"           {label}");
                index = Trace.Count - maxLines / 2;
                continue;
            }
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    {++index,5}  {label}"));
        }
        if (TraceFile is not null)
        {
            lines.Add($"  Coyote trace: {TraceFile}");
            lines.Add($"  replay: verify replay --engine coyote {TraceFile}{(replayOptions.Length == 0 ? "" : " " + replayOptions)}");
        }
        return string.Join('\n', lines);
    }
}

/// <summary>The outcome of a Coyote campaign.</summary>
public sealed record CoyoteReport(string SystemName, string? BugName, string Strategy, ulong Seed, int IterationsRequested)
{
    /// <summary>Iterations Coyote ran (up to and including the failing one).</summary>
    public int Iterations { get; init; }

    /// <summary>World steps (deliveries, timers, requests, faults: the explorer's unit) over every iteration.</summary>
    public long WorldSteps { get; init; }

    /// <summary>Coyote's scheduling steps (its own unit: every send, receive, timer tick, controlled choice).</summary>
    public long SchedulingSteps { get; init; }

    public TimeSpan Elapsed { get; init; }

    public CoyoteBug? Bug { get; init; }

    public bool BugFound => Bug is not null;

    /// <summary>No iteration was judged: every run ended unjudged (Coyote's own step bound before the world's).</summary>
    public bool Inconclusive => Bug is null && Iterations == 0;

    public string Summary()
    {
        var rate = Elapsed.TotalSeconds > 0 ? WorldSteps / Elapsed.TotalSeconds : 0;
        var coyoteRate = Elapsed.TotalSeconds > 0 ? SchedulingSteps / Elapsed.TotalSeconds : 0;
        var verdict = Bug is null ? "no bug found" : $"bug found in iteration {Iterations}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: {Iterations:N0} iterations, {WorldSteps:N0} steps ({rate:N0} steps/s), {SchedulingSteps:N0} Coyote scheduling steps ({coyoteRate:N0}/s), {Elapsed.TotalSeconds:F1} s");
    }
}

/// <summary>
/// Runs registered systems under Microsoft Coyote's TestingEngine: each iteration builds a fresh
/// cluster of actors (one per node, one per link, one client per node, a nemesis) around the same
/// sans-I/O nodes the explorer runs, with the system's monitors as a Coyote monitor.
/// </summary>
public static class CoyoteEngine
{
    /// <summary>Coyote's strategies, as `coyote test --strategy` names them.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["random", "prioritization", "fair-prioritization", "probabilistic", "delay-bounding", "q-learning"];

    /// <summary>Strategies that are fair in Coyote (the explorer gives fair runs 10x the steps and judges liveness by temperature).</summary>
    public static bool IsFair(string strategy) => strategy is "random" or "fair-prioritization" or "probabilistic" or "q-learning";

    /// <summary>Coyote steps allowed per world step: a world step costs a few (send, receive, timer ticks, choices); Coyote's own bound is a safety net behind the world's.</summary>
    internal const int SchedulingStepsPerWorldStep = 50;

    public static void Validate(CoyoteOptions options)
    {
        if (!Strategies.Contains(options.Strategy))
            throw new ArgumentException($"unknown Coyote strategy '{options.Strategy}' (expected one of: {string.Join(", ", Strategies)})");
        if (options.Iterations < 1) throw new ArgumentException($"--iterations must be at least 1, not {options.Iterations}: nothing would be tested");
        if (options.Seed > uint.MaxValue) throw new ArgumentException($"Coyote's seed is a 32-bit unsigned integer: --seed {options.Seed} is too large");
        if (options.MaxSteps is < 1) throw new ArgumentException($"max steps must be positive, not {options.MaxSteps}");
        if (options.MaxFairSteps is < 1) throw new ArgumentException($"max fair steps must be positive, not {options.MaxFairSteps}");
        if (options.StrategyBound is < 0) throw new ArgumentException($"the strategy bound must not be negative, not {options.StrategyBound}");
        if (options.LivenessTemperatureThreshold is < 1) throw new ArgumentException($"the liveness temperature threshold must be positive, not {options.LivenessTemperatureThreshold}");
    }

    internal static WorldLimits Limits(SystemDefinition system, CoyoteOptions options)
    {
        var maxSteps = options.MaxSteps ?? system.DefaultMaxSteps;
        var maxFair = options.MaxFairSteps ?? (int)Math.Min(int.MaxValue, 10L * maxSteps);
        var fair = IsFair(options.Strategy);
        return new WorldLimits(fair ? maxFair : maxSteps, options.LivenessTemperatureThreshold ?? Math.Max(1, maxFair / 2), fair);
    }

    /// <summary>Coyote's configuration for a campaign: iterations, seed, strategy, step bounds (Coyote's own, behind the world's), and the trace to replay if any.</summary>
    public static Configuration Configure(SystemDefinition system, CoyoteOptions options, string? replayTrace = null)
    {
        var limits = Limits(system, options);
        var coyoteBound = (uint)Math.Min(int.MaxValue, (long)limits.StepBound * SchedulingStepsPerWorldStep);
        var config = Configuration.Create()
            .WithTestingIterations((uint)options.Iterations)
            .WithRandomGeneratorSeed((uint)options.Seed)
            .WithMaxSchedulingSteps(coyoteBound, coyoteBound)
            // A slow step on a loaded machine is no hang: every operation here is controlled.
            .WithPotentialDeadlocksReportedAsBugs(false)
            .WithTelemetryEnabled(false)
            .WithConsoleLoggingEnabled(false)
            .WithVerbosityEnabled(Microsoft.Coyote.Logging.VerbosityLevel.None);
        var bound = options.StrategyBound;
        config = options.Strategy switch
        {
            "random" => config.WithRandomStrategy(),
            "prioritization" => config.WithPrioritizationStrategy(false, (uint)(bound ?? 10)),
            "fair-prioritization" => config.WithPrioritizationStrategy(true, (uint)(bound ?? 10)),
            "probabilistic" => config.WithProbabilisticStrategy((uint)(bound ?? 3)),
            "delay-bounding" => config.WithDelayBoundingStrategy(false, (uint)(bound ?? 10)),
            "q-learning" => config.WithQLearningStrategy(),
            _ => throw new ArgumentException($"unknown Coyote strategy '{options.Strategy}'"),
        };
        if (replayTrace is not null) config = config.WithReproducibleTrace(replayTrace);
        if (options.TimeBudgetSeconds is { } seconds) config = config.WithTestingTimeout(seconds);
        return config;
    }

    /// <summary>What the iterations of one campaign share: the last cluster (the failing one when Coyote stops on a bug) and the totals.</summary>
    private sealed class Harness(SystemDefinition system, string? bug, CoyoteOptions options)
    {
        private readonly WorldLimits _limits = Limits(system, options);
        public Cluster? Last;
        public long WorldSteps;
        public int Iterations;

        public void Test(IActorRuntime runtime)
        {
            if (Last is not null) WorldSteps += Last.Step;
            var scenario = system.CreateScenario(bug);
            if (options.Instrument is { } instrument) scenario = instrument(scenario);
            var cluster = new Cluster(scenario, runtime, _limits, Iterations);
            Iterations++;
            Last = cluster;
            Launch(runtime, cluster);
        }
    }

    /// <summary>
    /// The test Coyote's TestingEngine runs at every iteration (TestingEngine.Create(configuration,
    /// test), as Coyote's documentation writes tests): a fresh cluster of the system's nodes as actors.
    /// </summary>
    public static Action<IActorRuntime> TestFor(SystemDefinition system, string? bug, CoyoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        Validate(options);
        return new Harness(system, TestingEngine.ResolveBug(system, bug), options).Test;
    }

    /// <summary>Registers the monitor, boots the nodes and creates the actors of one iteration.</summary>
    internal static void Launch(IActorRuntime runtime, Cluster cluster)
    {
        runtime.RegisterMonitor<SpecMonitorAdapter>();
        cluster.Boot();
        var n = cluster.NodeCount;
        for (var i = 0; i < n; i++) cluster.NodeActors[i] = runtime.CreateActorIdFromName(typeof(NodeActor), $"n{i + 1}");
        for (var i = 0; i < n; i++) cluster.ClientActors[i] = runtime.CreateActorIdFromName(typeof(ClientActor), $"client-n{i + 1}");
        for (var l = 0; l < n * n; l++) cluster.LinkActors[l] = runtime.CreateActorIdFromName(typeof(LinkActor), $"link-n{l / n + 1}-n{l % n + 1}");
        for (var i = 0; i < n; i++) runtime.CreateActor(cluster.NodeActors[i], typeof(NodeActor), new Setup(cluster, i));
        for (var l = 0; l < n * n; l++) runtime.CreateActor(cluster.LinkActors[l], typeof(LinkActor), new Setup(cluster, l));
        for (var i = 0; i < n; i++)
        {
            runtime.CreateActor(cluster.ClientActors[i], typeof(ClientActor), new Setup(cluster, i));
            if (cluster.HasRequests(i)) cluster.Post(cluster.ClientActors[i], ClientTurn.Instance);
        }
        cluster.Nemesis = runtime.CreateActor(typeof(NemesisActor), new Setup(cluster, -1));
        cluster.WorkAdded();
        // Messages sent and timers armed in OnStart.
        cluster.Flush();
    }

    /// <summary>Tests <paramref name="system"/> (with the seeded bug <paramref name="bug"/>, or null) under Coyote.</summary>
    public static CoyoteReport Run(SystemDefinition system, string? bug, CoyoteOptions options) => Execute(system, bug, options, replayTrace: null);

    /// <summary>Replays Coyote's reproducible trace of a bug found by <see cref="Run"/> with the same system, bug and options.</summary>
    public static CoyoteReport Replay(SystemDefinition system, string? bug, CoyoteOptions options, string reproducibleTrace) =>
        Execute(system, bug, options with { Iterations = 1, WriteTrace = false }, reproducibleTrace);

    private static CoyoteReport Execute(SystemDefinition system, string? bug, CoyoteOptions options, string? replayTrace)
    {
        ArgumentNullException.ThrowIfNull(system);
        Validate(options);
        bug = TestingEngine.ResolveBug(system, bug);
        var harness = new Harness(system, bug, options);
        var configuration = Configure(system, options, replayTrace);
        var stopwatch = Stopwatch.StartNew();
        using var engine = CoyoteTestingEngine.Create(configuration, (Action<IActorRuntime>)harness.Test);
        engine.SetLogger(new Microsoft.Coyote.Logging.TextWriterLogger(TextWriter.Null, Microsoft.Coyote.Logging.VerbosityLevel.None));
        engine.Run();
        stopwatch.Stop();
        var report = engine.TestReport;
        var worldSteps = harness.WorldSteps + (harness.Last?.Step ?? 0);
        var schedulingSteps = report.TotalExploredFairSteps + report.TotalExploredUnfairSteps;
        CoyoteBug? found = null;
        if (report.NumOfFoundBugs > 0 && harness.Last is { } failing)
        {
            var coyoteMessage = report.BugReports.FirstOrDefault() ?? "(no bug report)";
            var (detector, message, step) = Classify(failing, coyoteMessage);
            found = new CoyoteBug(detector, message, step, failing.Labels.ToArray(), coyoteMessage) { ReproducibleTrace = engine.ReproducibleTrace };
            if (options.WriteTrace && !string.IsNullOrEmpty(engine.ReproducibleTrace))
                found = found with { TraceFile = CoyoteTraceFile.Write(options, system.Name, bug, engine.ReproducibleTrace, detector) };
        }
        return new CoyoteReport(system.Name, bug, options.Strategy, options.Seed, options.Iterations)
        {
            Iterations = harness.Iterations,
            WorldSteps = worldSteps,
            SchedulingSteps = schedulingSteps,
            Elapsed = stopwatch.Elapsed,
            Bug = found,
        };
    }

    /// <summary>The explorer's detector and message for Coyote's bug report.</summary>
    private static (string Detector, string Message, long Step) Classify(Cluster failing, string coyoteMessage)
    {
        if (failing.Failure is { } own) return own;
        if (coyoteMessage.Contains("detected liveness bug", StringComparison.Ordinal) || coyoteMessage.Contains("potential liveness bug", StringComparison.Ordinal))
            return ("liveness:coyote", coyoteMessage, failing.Step);
        var where = failing.FailingNode >= 0 ? $"node n{failing.FailingNode + 1} threw" : "the scenario threw";
        return ("exception", $"{where}: {coyoteMessage}", failing.Step);
    }
}
