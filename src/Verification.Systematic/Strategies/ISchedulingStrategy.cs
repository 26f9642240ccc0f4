using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>
/// Resolves every nondeterministic choice of one iteration: which enabled event runs next, which
/// integer a node's Choose returns, how a partition splits the nodes. One instance serves one
/// worker; its state for iteration i must depend only on (seed, i) — except exhaustive DFS, which
/// walks a tree across iterations and therefore always runs on one worker.
/// </summary>
internal interface ISchedulingStrategy
{
    /// <summary>Name and parameters, e.g. "pct(d=3)".</summary>
    string Description { get; }

    /// <summary>Fair strategies get the fair step bound and temperature-based liveness checking (Coyote).</summary>
    bool IsFair { get; }

    /// <summary>Prepares iteration <paramref name="iteration"/>; false when there is nothing left to explore.</summary>
    bool PrepareIteration(long iteration, ulong seed, int maxSteps);

    /// <summary>Index into <paramref name="enabled"/> (never empty), or -1 to end the run here (replay exhausted, state pruned).</summary>
    int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world);

    /// <summary>A value in [0, count) for INodeContext.Choose.</summary>
    int NextInteger(int count);

    /// <summary>Side A of a new partition: a non-empty proper subset of the nodes, as a bit mask without the last node.</summary>
    long NextPartition(int nodeCount);
}

/// <summary>
/// What a strategy may see of the world: how far the run is, whether the network reorders, and a
/// hash of the world's state. A strategy keeps its own bookkeeping (priorities of events and
/// messages) in its own fields, keyed by the events' stable identities.
/// </summary>
internal interface IScheduleView
{
    /// <summary>Steps taken so far in this iteration.</summary>
    long Step { get; }

    /// <summary>Whether messages on a link may be delivered out of order (each message is then its own source of events).</summary>
    bool Reordering { get; }

    /// <summary>A canonical 64-bit hash of the world's state, or null when some node cannot summarize its state.</summary>
    ulong? StateHash();
}

/// <summary>Shared helper: the number of distinct two-sided splits of n nodes is 2^(n-1) - 1.</summary>
internal static class Partitions
{
    public static long SplitCount(int nodeCount) => nodeCount < 2 ? 0 : (1L << Math.Min(nodeCount - 1, 62)) - 1;

    /// <summary>Maps a choice in [0, SplitCount) to a mask of side A (the last node is always on side B).</summary>
    public static long MaskOf(long choice) => choice + 1;
}
