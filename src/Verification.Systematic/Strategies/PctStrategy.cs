using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>
/// PCT (Burckhardt et al., ASPLOS 2010), Coyote's <c>prioritization</c>. PCT schedules "threads";
/// here a thread is an event source: each message in flight when the network may reorder (one per
/// directed link, delivered oldest first, when links are FIFO), one per node for its timers and
/// client requests, and one for the environment (faults and restarts). A source gets a random
/// priority when it first appears (PCT's random insertion of new threads); d−1 change points are
/// drawn uniformly in [1, k]; every step runs the highest-priority source with an enabled event,
/// and at the i-th change point that source first drops to priority d−1−i, below every initial
/// priority. A bug of depth d is then found with probability at least 1/(n·k^(d−1)) per iteration.
/// </summary>
internal class PctStrategy : ISchedulingStrategy
{
    /// <summary>Initial priorities lie above this; change-point priorities (d−1−i) below it.</summary>
    private const long InitialFloor = 1L << 40;

    private readonly Prng _random = new(0);
    private readonly Dictionary<EventKey, long> _priority = new();
    private readonly Dictionary<EventKey, long> _messagePriority = new();
    private long[] _changePoints = [];
    private long _step;
    private int _nextChange;

    public PctStrategy(int depth, int horizon)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "PCT depth must be at least 1");
        Depth = depth;
        Horizon = Math.Max(1, horizon);
    }

    /// <summary>d: the bug depth the run targets (d−1 priority change points).</summary>
    public int Depth { get; }

    /// <summary>k: the expected number of steps of a run, over which change points are spread.</summary>
    public int Horizon { get; }

    public virtual string Description => $"pct(d={Depth})";
    public virtual bool IsFair => false;
    protected Prng Random => _random;

    public virtual bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _random.Reseed(seed);
        _priority.Clear();
        _messagePriority.Clear();
        _step = 0;
        _nextChange = 0;
        var changes = Depth - 1;
        if (_changePoints.Length != changes) _changePoints = new long[changes];
        // d−1 distinct change points uniformly in [1, k] (all of them when k is that small).
        if (changes >= Horizon)
        {
            for (var i = 0; i < changes; i++) _changePoints[i] = i + 1;
        }
        else
        {
            for (var i = 0; i < changes; i++)
            {
                long point;
                do point = 1 + _random.NextInt64(Horizon); while (Array.IndexOf(_changePoints, point, 0, i) >= 0);
                _changePoints[i] = point;
            }
            Array.Sort(_changePoints);
        }
        return true;
    }

    /// <summary>The source ("thread") an event belongs to.</summary>
    public static EventKey SourceOf(in EventKey key, bool reordering) => key.Kind switch
    {
        EventKind.Deliver => reordering ? key : new EventKey(EventKind.Deliver, key.Node, key.Peer, -1, null),
        EventKind.Timer or EventKind.Request => new EventKey(EventKind.Timer, key.Node, -1, -1, null),
        _ => new EventKey(EventKind.Crash, -1, -1, -1, null),
    };

    private static bool IsEnvironment(in EventKey source) => source.Kind == EventKind.Crash;

    private long Draw() => InitialFloor + _random.NextInt64(long.MaxValue - InitialFloor);

    /// <summary>
    /// The priority of an event's source. A message that is its own source (its delivery's key names
    /// it for the whole run) has its priority drawn again while it is 0; every other source keeps
    /// the priority it was given.
    /// </summary>
    private ref long PriorityOf(in EnabledEvent e, bool reordering)
    {
        if (reordering && e.Key.Kind == EventKind.Deliver)
        {
            ref var tag = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_messagePriority, e.Key, out _);
            if (tag == 0) tag = Draw();
            return ref tag;
        }
        ref var p = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_priority, SourceOf(e.Key, reordering), out var exists);
        if (!exists) p = Draw();
        return ref p;
    }

    public virtual int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world) => NextPrioritized(enabled, world);

    protected int NextPrioritized(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        var reordering = world.Reordering;
        _step++;
        var best = Highest(enabled, reordering);
        while (_nextChange < _changePoints.Length && _changePoints[_nextChange] <= _step)
        {
            if (_changePoints[_nextChange] == _step)
            {
                PriorityOf(enabled[best], reordering) = Depth - 1 - _nextChange;
                best = Highest(enabled, reordering);
            }
            _nextChange++;
        }
        var source = SourceOf(enabled[best].Key, reordering);
        // The environment's events (which node to crash, which message to drop) are independent
        // choices, not an ordered inbox.
        return IsEnvironment(source) ? PickWithinSource(enabled, reordering, source) : best;
    }

    private int Highest(ReadOnlySpan<EnabledEvent> enabled, bool reordering)
    {
        var best = 0;
        var bestPriority = long.MinValue;
        for (var i = 0; i < enabled.Length; i++)
        {
            var p = PriorityOf(enabled[i], reordering);
            if (p > bestPriority)
            {
                bestPriority = p;
                best = i;
            }
        }
        return best;
    }

    private int PickWithinSource(ReadOnlySpan<EnabledEvent> enabled, bool reordering, in EventKey source)
    {
        var count = 0;
        for (var i = 0; i < enabled.Length; i++)
            if (SourceOf(enabled[i].Key, reordering) == source) count++;
        var pick = _random.Next(count);
        for (var i = 0; i < enabled.Length; i++)
            if (SourceOf(enabled[i].Key, reordering) == source && pick-- == 0) return i;
        throw new InvalidOperationException("unreachable: the source has an enabled event");
    }

    public int NextInteger(int count) => _random.Next(count);

    public long NextPartition(int nodeCount) => Partitions.MaskOf(_random.NextInt64(Partitions.SplitCount(nodeCount)));
}

/// <summary>
/// Coyote's <c>fair-prioritization</c>: PCT for the first (unfair) step bound, then uniformly random,
/// so a run that goes on can be judged for liveness. Fair.
/// </summary>
internal sealed class FairPctStrategy(int depth, int horizon, int prefixSteps) : PctStrategy(depth, horizon)
{
    private long _taken;

    public override string Description => $"fair-pct(d={Depth})";
    public override bool IsFair => true;

    public override bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _taken = 0;
        return base.PrepareIteration(iteration, seed, maxSteps);
    }

    public override int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world) =>
        _taken++ < prefixSteps ? NextPrioritized(enabled, world) : Random.Next(enabled.Length);
}
