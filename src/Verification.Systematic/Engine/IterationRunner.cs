using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Systematic.Strategies;

namespace Verification.Systematic.Engine;

/// <summary>Step bounds and liveness settings shared by every iteration of a campaign.</summary>
internal sealed record RunLimits(int MaxSteps, int MaxFairSteps, int LivenessThreshold);

/// <summary>The result of one iteration.</summary>
/// <param name="LivenessUnjudged">
/// The run reached its step bound with a liveness monitor still hot before the heal phase began:
/// faults could still be keeping the system from progress, so the run says nothing about liveness.
/// </param>
internal readonly record struct IterationResult(long Steps, RunEnd End, RunFailure? Failure, bool LivenessUnjudged = false);

/// <summary>
/// A wall-clock deadline checked cooperatively inside a run (every few hundred steps), so that a time
/// budget also stops one long iteration; <see cref="None"/> never expires.
/// </summary>
internal readonly record struct Deadline(long Timestamp)
{
    public static Deadline None => new(long.MaxValue);

    public static Deadline After(TimeSpan? budget, System.Diagnostics.Stopwatch started) => budget is { } b
        ? new Deadline(System.Diagnostics.Stopwatch.GetTimestamp() + (long)((b - started.Elapsed).TotalSeconds * System.Diagnostics.Stopwatch.Frequency))
        : None;

    public bool Expired => Timestamp != long.MaxValue && System.Diagnostics.Stopwatch.GetTimestamp() >= Timestamp;
}

/// <summary>
/// Runs one iteration: boot, then step until the bound, quiescence, a bug, or the strategy stops;
/// then the end-of-run liveness and deadlock checks.
/// </summary>
internal static class IterationRunner
{
    /// <param name="stepCap">Stops the run early without judging it (shrinking only wants schedules shorter than the one it has).</param>
    /// <param name="deadline">Stops the run without judging it (<see cref="RunEnd.OutOfTime"/>) once it expires.</param>
    /// <param name="iteration">The campaign iteration the run is (<see cref="IWorldView.Iteration"/>), or -1.</param>
    public static IterationResult Run(World world, Scenario scenario, ISchedulingStrategy strategy, RunLimits limits, bool recordLabels, long stepCap = long.MaxValue, Deadline deadline = default, long iteration = -1)
    {
        if (deadline.Timestamp == 0) deadline = Deadline.None;
        world.Reset(scenario, strategy, recordLabels, iteration);
        var fair = strategy.IsFair;
        var bound = fair ? limits.MaxFairSteps : limits.MaxSteps;
        var end = RunEnd.StepBound;
        try
        {
            world.Start();
            while (world.Step < bound)
            {
                if (world.Step >= stepCap)
                {
                    end = RunEnd.StrategyStopped;
                    break;
                }
                // Cheap enough every 256 steps, and frequent enough that a budget stops even a huge --max-steps run.
                if ((world.Step & 255) == 255 && deadline.Expired)
                {
                    end = RunEnd.OutOfTime;
                    break;
                }
                if (world.ComputeEnabled() == 0)
                {
                    end = RunEnd.Quiescent;
                    break;
                }
                var index = strategy.NextEvent(world.Enabled, world);
                if (index < 0)
                {
                    end = RunEnd.StrategyStopped;
                    break;
                }
                world.Execute(index);
                if (world.Monitors.Count > 0)
                {
                    var hot = world.UpdateTemperatures(limits.LivenessThreshold);
                    if (hot >= 0 && fair)
                    {
                        var monitor = world.Monitors[hot];
                        return Failed(world, $"liveness:{monitor.Name}",
                            $"{monitor.Name} stayed hot for more than {limits.LivenessThreshold} consecutive steps of a fair schedule (hot since step {world.HotSince(hot)}): {monitor.HotReason ?? "(no reason given)"}");
                    }
                }
            }
            if (end is RunEnd.StrategyStopped or RunEnd.OutOfTime) return new IterationResult(world.Step, end, null);
            world.EndRun(end == RunEnd.Quiescent);
            var failure = CheckEndOfRun(world, scenario, end);
            if (failure is not null) return new IterationResult(world.Step, RunEnd.Bug, failure);
            return new IterationResult(world.Step, end, null, LivenessUnjudged(world, end));
        }
        catch (MonitorViolation violation)
        {
            return Failed(world, violation.Monitor, violation.Violation);
        }
        catch (ScheduleMismatchException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var where = world.FailingNode >= 0 ? $"node n{world.FailingNode + 1} threw" : "the scenario threw";
            return Failed(world, "exception", $"{where} {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>A hot monitor at the step bound before the heal phase: the run cannot tell a liveness bug from faults that never stopped.</summary>
    private static bool LivenessUnjudged(World world, RunEnd end)
    {
        if (end != RunEnd.StepBound || world.Faults.FaultsUntilStep is not { } healFrom || world.Step > healFrom) return false;
        for (var m = 0; m < world.Monitors.Count; m++)
            if (world.Monitors[m].IsHot) return true;
        return false;
    }

    private static IterationResult Failed(World world, string detector, string message)
    {
        world.CompleteLabelAfterFailure();
        return new IterationResult(world.Step, RunEnd.Bug, new RunFailure(detector, message, world.Step));
    }

    /// <summary>
    /// Liveness at the end of a run, as in Coyote: a monitor still hot when the system went quiet can
    /// never cool down. At the step bound a hot monitor is only a bug when the run got past
    /// FaultsUntilStep: the scenario promises convergence within the fault-free rest of the run (VOPR).
    /// </summary>
    private static RunFailure? CheckEndOfRun(World world, Scenario scenario, RunEnd end)
    {
        var healedFor = world.Faults.FaultsUntilStep is { } healFrom ? world.Step - healFrom : 0;
        var judgeLiveness = end == RunEnd.Quiescent || (end == RunEnd.StepBound && healedFor > 0);
        if (judgeLiveness)
        {
            for (var m = 0; m < world.Monitors.Count; m++)
            {
                var monitor = world.Monitors[m];
                if (!monitor.IsHot) continue;
                var why = end == RunEnd.Quiescent
                    ? "the system went quiet (nothing enabled, no timer pending)"
                    : $"the step bound was reached {healedFor} steps into the heal phase (no faults after step {world.Faults.FaultsUntilStep})";
                // A monitor that turned hot only on RunEnded has no earlier step to point at.
                var since = world.HotSince(m) is var s && s >= 0 ? s : world.Step;
                return new RunFailure($"liveness:{monitor.Name}",
                    $"{monitor.Name} is still hot when {why}; hot since step {since}: {monitor.HotReason ?? "(no reason given)"}", world.Step);
            }
        }
        if (end == RunEnd.Quiescent && scenario.RepliesExpected)
        {
            var unanswered = world.UnansweredRequests();
            if (unanswered.Count > 0)
                return new RunFailure("deadlock",
                    $"the system went quiet with {unanswered.Count} client request(s) never answered: {string.Join(", ", unanswered.Take(10).Select(id => $"#{id}"))}{(unanswered.Count > 10 ? ", ..." : "")}",
                    world.Step);
        }
        return null;
    }
}
