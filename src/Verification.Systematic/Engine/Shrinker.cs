using Verification.Systematic.Runtime;
using Verification.Systematic.Strategies;

namespace Verification.Systematic.Engine;

/// <summary>
/// Minimizes a failing schedule before it is reported: first removes faults one by one, then
/// removes ever smaller chunks of decisions (delta debugging), keeping a candidate only when its
/// replay (lenient: decisions that are no longer enabled are skipped, and the run is completed
/// oldest-event-first) still fails with the same detector in fewer steps, or in as many steps with
/// fewer faults. Every accepted schedule is the list of decisions that actually executed, so the
/// result replays strictly.
/// </summary>
internal static class Shrinker
{
    /// <param name="deadline">The campaign's time budget: once it expires, the smallest schedule so far is the result.</param>
    public static List<EventKey> Shrink(World world, Scenario scenario, List<EventKey> decisions, RunFailure failure, bool fair, RunLimits limits, int maxRuns, long maxSteps, Deadline deadline = default)
    {
        if (deadline.Timestamp == 0) deadline = Deadline.None;
        var current = decisions;
        var currentSteps = TestingEngine.CountSteps(current);
        var currentFaults = TestingEngine.CountFaults(current);
        var runs = 0;
        long stepsSpent = 0;
        bool Exhausted() => runs >= maxRuns || stepsSpent >= maxSteps || deadline.Expired;

        bool TryCandidate(List<EventKey> candidate)
        {
            if (Exhausted()) return false;
            runs++;
            var strategy = new ReplayStrategy(candidate, strict: false, fair, "shrink");
            strategy.PrepareIteration(0, 0, limits.MaxSteps);
            var result = IterationRunner.Run(world, scenario, strategy, limits, recordLabels: false, stepCap: currentSteps, deadline: deadline);
            stepsSpent += result.Steps;
            if (result.Failure is not { } f || f.Detector != failure.Detector) return false;
            var executed = world.Decisions;
            var steps = TestingEngine.CountSteps(executed);
            var faults = TestingEngine.CountFaults(executed);
            if (steps > currentSteps || (steps == currentSteps && faults >= currentFaults)) return false;
            current = [.. executed];
            currentSteps = steps;
            currentFaults = faults;
            return true;
        }

        var improved = true;
        while (improved && !Exhausted())
        {
            improved = false;
            for (var i = current.Count - 1; i >= 0 && !Exhausted(); i--)
            {
                if (i >= current.Count || !current[i].IsFault) continue;
                if (TryCandidate(Without(current, i, 1))) improved = true;
            }
            for (var chunk = Math.Max(1, current.Count / 2); chunk >= 1 && !Exhausted(); chunk /= 2)
            {
                for (var start = current.Count - chunk; start >= 0 && !Exhausted(); start -= chunk)
                {
                    start = Math.Min(start, current.Count - chunk);
                    if (start < 0) break;
                    if (TryCandidate(Without(current, start, chunk))) improved = true;
                }
            }
        }
        return current;
    }

    private static List<EventKey> Without(List<EventKey> decisions, int start, int count)
    {
        var result = new List<EventKey>(decisions.Count - count);
        for (var i = 0; i < decisions.Count; i++)
            if (i < start || i >= start + count) result.Add(decisions[i]);
        return result;
    }
}
