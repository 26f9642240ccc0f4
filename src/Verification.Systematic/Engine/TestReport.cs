using System.Globalization;
using System.Text;

namespace Verification.Systematic.Engine;

/// <summary>The outcome of a campaign (Coyote's TestReport).</summary>
public sealed class TestReport
{
    internal TestReport() { }

    public required string SystemName { get; init; }
    public string? BugName { get; init; }
    public required string Strategy { get; init; }
    public required ulong Seed { get; init; }
    public required int MaxSteps { get; init; }
    public required int MaxFairSteps { get; init; }

    public bool BugFound => Bug is not null;
    public BugReport? Bug { get; init; }

    /// <summary>Iterations run: all of them, or up to and including the first failing one.</summary>
    public int Iterations { get; init; }

    /// <summary>Steps taken by those iterations.</summary>
    public long Steps { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Coyote's NumOfFoundBugs: the engine stops at the first bug, so 0 or 1.</summary>
    public int NumOfFoundBugs => BugFound ? 1 : 0;

    /// <summary>PCT's guarantee for this campaign (pct, fair-pct and the portfolio's PCT member).</summary>
    public PctBound? Pct { get; init; }

    /// <summary>Exhaustive search statistics (dfs only).</summary>
    public DfsSummary? Dfs { get; init; }

    /// <summary>True when the first iteration was run twice and gave byte-identical traces.</summary>
    public bool DeterminismChecked { get; init; }

    /// <summary>Replay only: the labels of the replayed steps, and the detector the schedule file recorded.</summary>
    public IReadOnlyList<string>? ReplayedTrace { get; init; }
    public string? ExpectedDetector { get; init; }

    /// <summary>The time budget ran out before the iterations did.</summary>
    public bool StoppedByTimeBudget { get; init; }

    /// <summary>The campaign's time budget, if it had one.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// Runs that reached their step bound with a liveness monitor still hot before the scenario's
    /// heal phase (faults stop at step <see cref="HealPhaseFrom"/>): they cannot tell a liveness bug
    /// from faults that never stopped, so their liveness is not judged.
    /// </summary>
    public int LivenessUnjudgedRuns { get; init; }

    /// <summary>The step after which the scenario injects no fault (when some run's liveness went unjudged).</summary>
    public int? HealPhaseFrom { get; init; }

    /// <summary>No iteration completed (the time budget ran out during the first): nothing was tested.</summary>
    public bool ExploredNothing => !BugFound && Iterations == 0;

    /// <summary>No bug, but no verdict either: nothing explored, or no run got far enough to judge liveness.</summary>
    public bool Inconclusive => !BugFound && (Iterations == 0 || LivenessUnjudgedRuns == Iterations);

    public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? Steps / Elapsed.TotalSeconds : 0;
    public double IterationsPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;

    /// <summary>A few lines for people: what ran, how fast, what was found.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{SystemName}{(BugName is null ? "" : $" --bug {BugName}")}: {Strategy}, seed {Seed}, {Iterations:N0} iterations, {Steps:N0} steps in {Elapsed.TotalSeconds:F2} s ({StepsPerSecond:N0} steps/s, {IterationsPerSecond:N1} iterations/s)");
        if (Pct is { } pct) sb.Append('\n').Append(pct.Describe());
        if (Dfs is { } dfs) sb.Append('\n').Append(dfs.Describe());
        if (StoppedByTimeBudget) sb.Append(CultureInfo.InvariantCulture, $"\nstopped by the time budget{(TimeBudget is { } budget ? $" ({budget.TotalSeconds:0.###} s)" : "")} after {Iterations:N0} complete iteration{(Iterations == 1 ? "" : "s")}");
        if (BugFound)
        {
            // The message itself is in the bug's description, printed once below.
            sb.Append("\nbug found: ").Append(Bug!.Detector);
        }
        else if (ExploredNothing)
        {
            sb.Append("\nexplored nothing: no iteration completed within the time budget, so nothing was tested (raise --time-budget or lower --max-steps)");
        }
        else if (LivenessUnjudgedRuns > 0)
        {
            var why = string.Create(CultureInfo.InvariantCulture,
                $"runs stop at step {MaxSteps:N0} ({MaxFairSteps:N0} for fair strategies) with a liveness monitor still waiting, while faults may strike until step {HealPhaseFrom:N0}; raise --max-steps past {HealPhaseFrom:N0} so that runs reach the heal phase");
            sb.Append('\n').Append(Inconclusive
                ? $"no safety violation found; inconclusive: the bound is too small for liveness: {why}"
                : string.Create(CultureInfo.InvariantCulture, $"no bug found; liveness inconclusive in {LivenessUnjudgedRuns:N0} of {Iterations:N0} runs: {why}"));
        }
        else sb.Append("\nno bug found");
        return sb.ToString();
    }

    public override string ToString() => Summary();
}

/// <summary>
/// PCT's probabilistic guarantee: with n sources and runs of k steps, one run finds a given bug of
/// depth d with probability at least p = 1/(n·k^(d−1)); R runs miss it with probability at most (1−p)^R.
/// </summary>
public sealed record PctBound(int Sources, int Horizon, int Depth, int Runs)
{
    public double ProbabilityPerRun => 1.0 / (Sources * Math.Pow(Horizon, Depth - 1));

    /// <summary>1 − (1 − p)^R.</summary>
    public double Confidence => 1 - Math.Pow(1 - ProbabilityPerRun, Runs);

    /// <summary>Runs needed for the given confidence, e.g. 0.95.</summary>
    public long RunsFor(double confidence) => (long)Math.Ceiling(Math.Log(1 - confidence) / Math.Log(1 - ProbabilityPerRun));

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"PCT: n = {Sources} sources, k = {Horizon} steps, d = {Depth}: each run finds a depth-{Depth} bug with p >= 1/(n*k^(d-1)) = {ProbabilityPerRun:G3}; {Runs:N0} runs give confidence {Confidence:P2}");
}

/// <summary>What exhaustive search covered.</summary>
public sealed record DfsSummary(long Schedules, long PrunedRuns, int DistinctStates, bool PruningActive, bool Exhausted)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"DFS: {Schedules:N0} schedules, {(PruningActive ? $"{DistinctStates:N0} distinct states, {PrunedRuns:N0} runs cut at revisited states" : "no state pruning (some node does not implement IStateHash)")}; {(Exhausted ? "search space EXHAUSTED within the step bound" : "search space not exhausted (raise --iterations)")}");
}

/// <summary>A bug: what was violated, where, and how to see it again.</summary>
public sealed class BugReport
{
    internal BugReport() { }

    /// <summary>The monitor's name, "exception", "deadlock", "nondeterminism" or "liveness:&lt;monitor&gt;".</summary>
    public required string Detector { get; init; }
    public required string Message { get; init; }

    /// <summary>Index of the failing iteration (the lowest one, whatever the number of workers), counting from 0.</summary>
    public required int Iteration { get; init; }

    /// <summary>The failing iteration as people count it (from 1), as every report prints it.</summary>
    public int IterationNumber => Iteration + 1;

    /// <summary>The strategy that ran the failing iteration (for the portfolio: its member).</summary>
    public required string Strategy { get; init; }

    /// <summary>Steps of the failing schedule as found, and after shrinking.</summary>
    public required int OriginalLength { get; init; }
    public required int ShrunkLength { get; init; }

    /// <summary>Faults (crashes, drops, duplicates, partitions) in the schedule before and after shrinking.</summary>
    public int OriginalFaults { get; init; }
    public int ShrunkFaults { get; init; }

    /// <summary>The step at which the bug showed (1-based), in the reported schedule.</summary>
    public long FailingStep { get; init; }

    public string? ScheduleFile { get; init; }
    public required string ReplayCommand { get; init; }

    /// <summary>Step labels of the reported (shrunk) failing schedule.</summary>
    public required IReadOnlyList<string> Trace { get; init; }

    public string Describe(int maxTraceLines = 200) => Describe(maxTraceLines, null);

    /// <param name="stepDetail">Extra lines under a trace line (its argument is the step, 0 for the state after boot), e.g. the abstract state.</param>
    public string Describe(int maxTraceLines, Func<int, IEnumerable<string>>? stepDetail)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"bug: {Detector}\n");
        // A multi-line message (a conformance diagnosis) stays inside the report's indentation.
        sb.Append("  ").Append(Message.Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"  found in iteration {IterationNumber} by {Strategy}, at step {FailingStep}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  schedule: {OriginalLength} steps ({OriginalFaults} faults) as found, {ShrunkLength} steps ({ShrunkFaults} faults) after shrinking\n");
        sb.Append("  trace:\n");
        if (stepDetail is not null)
            foreach (var line in stepDetail(0)) sb.Append("           ").Append(line).Append('\n');
        var skipFrom = Trace.Count > maxTraceLines ? maxTraceLines / 2 : int.MaxValue;
        var skipTo = Trace.Count - (maxTraceLines - maxTraceLines / 2);
        for (var i = 0; i < Trace.Count; i++)
        {
            if (i >= skipFrom && i < skipTo)
            {
                if (i == skipFrom) sb.Append(CultureInfo.InvariantCulture, $"    ... {skipTo - skipFrom} steps ...\n");
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture, $"    {i + 1,5}  {Trace[i]}\n");
            if (stepDetail is not null)
                foreach (var line in stepDetail(i + 1)) sb.Append("           ").Append(line).Append('\n');
        }
        if (ScheduleFile is not null) sb.Append(CultureInfo.InvariantCulture, $"  schedule file: {ScheduleFile}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  replay: {ReplayCommand}");
        return sb.ToString();
    }

    public override string ToString() => Describe();
}
