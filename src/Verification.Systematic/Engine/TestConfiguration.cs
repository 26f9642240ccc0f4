namespace Verification.Systematic.Engine;

/// <summary>
/// The settings of a test campaign, named after Coyote's: iterations, step bounds (unfair and
/// fair), the strategy and its bound, the seed.
/// </summary>
public sealed record TestConfiguration
{
    /// <summary>random | probabilistic | pct | fair-pct | pos | delay-bounding | dfs | portfolio.</summary>
    public string Strategy { get; init; } = "random";

    public int Iterations { get; init; } = 100;

    /// <summary>Unfair step bound (Coyote's -ms); null = the system's DefaultMaxSteps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Step bound of fair strategies; null = 10 × MaxSteps (Coyote).</summary>
    public int? MaxFairSteps { get; init; }

    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads. The result (first bug = lowest iteration index, steps, trace) does not depend on it.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>PCT depth d / probabilistic coin flips n / delay bound; null = the strategy's default.</summary>
    public int? StrategyBound { get; init; }

    /// <summary>Minimize the failing schedule before reporting it.</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>Where schedule files go; null = a folder under the system's temp directory.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Optional wall-clock budget (the campaign stops early, so its result then depends on speed); tests never use it.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Steps a liveness monitor may stay hot under a fair schedule; null = half the fair bound (Coyote).</summary>
    public int? LivenessTemperatureThreshold { get; init; }

    /// <summary>
    /// Flags the report's `verify replay FILE` command needs to find the system as the campaign did
    /// (e.g. `--assembly PATH` for a system of the user's assembly); appended after the instrumentation's.
    /// </summary>
    public string ReplayOptions { get; init; } = "";

    /// <summary>Run the first iteration twice and fail when the two traces differ (madsim's determinism check).</summary>
    public bool DeterminismCheck { get; init; } = true;

    /// <summary>Upper bound on the replays shrinking may spend.</summary>
    public int MaxShrinkRuns { get; init; } = 2_000;

    /// <summary>Upper bound on the steps those replays may take in total (long liveness schedules are costly to shrink).</summary>
    public long MaxShrinkSteps { get; init; } = 2_000_000;

    /// <summary>Called from the campaign's thread every few iterations (progress bars, CI lines).</summary>
    public Action<TestProgress>? Progress { get; init; }
}

/// <summary>A progress snapshot of a running campaign.</summary>
public sealed record TestProgress(int IterationsDone, int IterationsTotal, long Steps, TimeSpan Elapsed, bool BugFound)
{
    public double IterationsPerSecond => Elapsed.TotalSeconds > 0 ? IterationsDone / Elapsed.TotalSeconds : 0;
    public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? Steps / Elapsed.TotalSeconds : 0;
}
