using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>Raised when a recorded schedule asks for an event the world does not offer.</summary>
public sealed class ScheduleMismatchException(string message) : Exception(message);

/// <summary>
/// Re-runs a recorded list of decisions. Strict mode (replay of a schedule file) requires every
/// decision to be enabled exactly when it comes up. Lenient mode (shrinking) skips decisions that
/// are not enabled and, once the list is used up, completes the run deterministically (oldest event
/// first, choice 0), so a shortened schedule still runs to the point where the bug shows.
/// </summary>
internal sealed class ReplayStrategy(IReadOnlyList<EventKey> decisions, bool strict, bool fair, string description) : ISchedulingStrategy
{
    private int _cursor;
    private long _pendingPartition;

    public string Description => description;
    public bool IsFair => fair;

    /// <summary>True once the recorded decisions ran out and the run went on by the default completion.</summary>
    public bool Completed { get; private set; }

    public bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _cursor = 0;
        Completed = false;
        return true;
    }

    public int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        while (_cursor < decisions.Count)
        {
            var decision = decisions[_cursor++];
            if (decision.Kind == EventKind.Choice)
            {
                if (strict) throw Mismatch(world, $"the schedule has {Format(decision)} where the world takes a step");
                continue;
            }
            for (var i = 0; i < enabled.Length; i++)
            {
                if (!decision.Matches(enabled[i].Key)) continue;
                _pendingPartition = decision.Kind == EventKind.Partition ? decision.Seq : 0;
                return i;
            }
            if (strict) throw Mismatch(world, $"{Format(decision)} is not enabled");
        }
        if (strict) return -1;
        Completed = true;
        _pendingPartition = 0;
        return 0;
    }

    public int NextInteger(int count)
    {
        if (_cursor < decisions.Count && decisions[_cursor].Kind == EventKind.Choice)
        {
            var value = decisions[_cursor++].Seq;
            if (value < count) return (int)value;
            if (strict) throw new ScheduleMismatchException($"decision {_cursor}: the schedule chose int({value}) but the node offered only {count} options");
            return 0;
        }
        if (strict)
            throw new ScheduleMismatchException(_cursor < decisions.Count
                ? $"decision {_cursor + 1}: a node asked for a choice but the schedule has {Format(decisions[_cursor])}"
                : $"a node asked for a choice after the schedule's last decision");
        return 0;
    }

    public long NextPartition(int nodeCount)
    {
        var mask = _pendingPartition;
        var full = (1L << (nodeCount - 1)) - 1;
        if (mask > 0 && (mask & ~full) == 0) return mask;
        if (strict) throw new ScheduleMismatchException($"decision {_cursor}: {Format(new EventKey(EventKind.Partition, -1, -1, mask, null))} does not fit {nodeCount} nodes (side A must leave n{nodeCount} on side B)");
        return 1;
    }

    private ScheduleMismatchException Mismatch(IScheduleView world, string what) =>
        new($"decision {_cursor} (step {world.Step + 1}): {what}; the schedule does not match this system");

    private static string Format(in EventKey key) => ScheduleFormat.FormatDecision(key);
}
