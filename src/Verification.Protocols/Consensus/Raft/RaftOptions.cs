namespace Verification.Protocols.Consensus.Raft;

/// <summary>The seeded bugs of <see cref="RaftNode"/>; each is a mistake Raft implementers really make.</summary>
[Flags]
public enum RaftBugs
{
    None = 0,

    /// <summary>The leader commits an entry of an earlier term as soon as a majority holds it (Raft paper, Figure 8).</summary>
    CommitOldTerm = 1,

    /// <summary>votedFor is not written to stable storage, so a node that restarts can vote twice in one term.</summary>
    ForgetVote = 2,

    /// <summary>A vote is granted without checking that the candidate's log is at least as up to date.</summary>
    NoLogCheck = 4,

    /// <summary>A follower cuts its log back to the LogRequest's prefix even when nothing conflicts, so a stale or duplicated request erases acknowledged entries.</summary>
    TruncateOnStale = 8,

    /// <summary>A candidate counts granted votes without checking that they are for its current term.</summary>
    StaleVotes = 16,
}

/// <summary>Timer settings (in logical ticks) and the bugs switched on.</summary>
public sealed record RaftOptions
{
    public RaftBugs Bugs { get; init; }

    /// <summary>Shortest election timeout.</summary>
    public int ElectionTimeout { get; init; } = 12;

    /// <summary>The election timeout is ElectionTimeout + k * ElectionTimeoutStep for a k in [0, ElectionTimeoutChoices) the explorer picks.</summary>
    public int ElectionTimeoutChoices { get; init; } = 3;

    public int ElectionTimeoutStep { get; init; } = 6;

    public int HeartbeatInterval { get; init; } = 5;

    /// <summary>Heartbeats a new leader waits, while it holds only earlier terms' uncommitted entries, before it appends a no-op entry of its own term.</summary>
    public int NoOpAfterHeartbeats { get; init; } = 2;

    /// <summary>
    /// Timers sized for a cluster of <paramref name="nodeCount"/> nodes. One heartbeat round costs
    /// 2(n-1) message steps, and the logical clock advances one tick per step, so the interval must
    /// exceed that or messages pile up faster than they are delivered; the election timeout is
    /// about two heartbeat intervals, short enough that the explorer sees many elections.
    /// </summary>
    public static RaftOptions ForCluster(int nodeCount, RaftBugs bugs = RaftBugs.None)
    {
        var heartbeat = 2 * nodeCount + 1;
        return new RaftOptions
        {
            Bugs = bugs,
            HeartbeatInterval = heartbeat,
            ElectionTimeout = 2 * heartbeat + 2,
            ElectionTimeoutStep = heartbeat - 1,
            ElectionTimeoutChoices = 3,
        };
    }

    public bool Has(RaftBugs bug) => (Bugs & bug) != 0;
}
