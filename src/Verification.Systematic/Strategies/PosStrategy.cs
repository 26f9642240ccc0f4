using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>
/// Partial-order sampling (Yuan, Yang, Gu, CAV 2018): every enabled event carries a random priority
/// and the highest runs. After an event runs, every enabled event that races with it — for message
/// passing, every event handled by the same node (deliveries to the same receiver, its timers and
/// requests) — gets a fresh priority. Events that do not race keep their order, which spreads the
/// sampling evenly over partial orders rather than interleavings.
/// </summary>
internal sealed class PosStrategy : ISchedulingStrategy
{
    private readonly Prng _random = new(0);
    private readonly Dictionary<EventKey, long> _priority = new();

    public string Description => "pos";
    public bool IsFair => false;

    public bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _random.Reseed(seed);
        _priority.Clear();
        return true;
    }

    public int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        var best = 0;
        var bestPriority = 0UL;
        for (var i = 0; i < enabled.Length; i++)
        {
            ref var slot = ref PriorityOf(enabled[i]);
            if (slot == 0) slot = (long)(_random.NextUInt64() | 1);
            var p = (ulong)slot;
            if (i == 0 || p > bestPriority)
            {
                bestPriority = p;
                best = i;
            }
        }
        var chosen = enabled[best].Key;
        // Forget the chosen event's priority and those of the events racing with it: they are drawn
        // afresh when next considered.
        for (var i = 0; i < enabled.Length; i++)
        {
            if (i != best && (chosen.Node < 0 || enabled[i].Key.Node != chosen.Node)) continue;
            PriorityOf(enabled[i]) = 0;
        }
        return best;
    }

    /// <summary>An event's priority, 0 while not drawn (a delivery's key names its message for the whole run).</summary>
    private ref long PriorityOf(in EnabledEvent e) =>
        ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_priority, e.Key, out _);

    public int NextInteger(int count) => _random.Next(count);

    public long NextPartition(int nodeCount) => Partitions.MaskOf(_random.NextInt64(Partitions.SplitCount(nodeCount)));
}

/// <summary>
/// Coyote's <c>delay-bounding</c> (the randomized variant): a deterministic scheduler that always runs
/// the oldest enabled event (messages in send order, then timers, requests and faults), deviated
/// from at most <c>b</c> times; the delay points are drawn uniformly over the first k steps, and a
/// step with j delays skips the j oldest events.
/// </summary>
internal sealed class DelayBoundingStrategy(int delays, int horizon) : ISchedulingStrategy
{
    private readonly Prng _random = new(0);
    private int[] _delaysAtStep = [];
    private long _step;

    public int Delays { get; } = delays;
    public string Description => $"delay-bounding(b={Delays})";
    public bool IsFair => false;

    public bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _random.Reseed(seed);
        _step = 0;
        var k = Math.Max(1, horizon);
        if (_delaysAtStep.Length != k) _delaysAtStep = new int[k];
        else Array.Clear(_delaysAtStep);
        for (var d = 0; d < Delays; d++) _delaysAtStep[_random.Next(k)]++;
        return true;
    }

    public int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        var step = _step++;
        var skip = step < _delaysAtStep.Length ? _delaysAtStep[step] : 0;
        return skip % enabled.Length;
    }

    public int NextInteger(int count) => _random.Next(count);

    public long NextPartition(int nodeCount) => Partitions.MaskOf(_random.NextInt64(Partitions.SplitCount(nodeCount)));
}
