using Verification.Protocols.Broadcast.Common;
using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>A node that runs Raft inside it; lets monitors find the Raft state of a wrapped node (e.g. the KV store).</summary>
public interface IRaftHost
{
    RaftNode Raft { get; }
}

/// <summary>What a replicated state machine on top of Raft sees: committed entries in log order.</summary>
public interface IRaftStateMachine
{
    /// <summary>The entry at <see cref="RaftDelivery.Index"/> is committed; called once per index, in index order.</summary>
    void Apply(INodeContext ctx, RaftDelivery delivery);

    /// <summary>After a restart: rebuild the state from the committed prefix of the durable log, without side effects.</summary>
    void Restore(IReadOnlyList<LogEntry> committed);
}

/// <summary>
/// Raft as total order broadcast, after Kleppmann's pseudocode; read it side by side with
/// specs/consensus/Raft.tla (same variable, message and action names). Node i is the spec's
/// model value n(i+1). Clients broadcast through <see cref="OnClientRequest"/>; committed entries
/// reach the application as <see cref="RaftDelivery"/> values, in log order.
/// </summary>
public sealed class RaftNode : INode, IRaftHost, IStateHash
{
    public const string ElectionTimer = "Election";
    public const string HeartbeatTimer = "Heartbeat";

    private readonly RaftOptions options;
    private readonly IRaftStateMachine? stateMachine;

    private bool[] votesReceived = [];
    private int votesReceivedCount;
    private int[] sentLength = [];
    private int[] ackedLength = [];

    // Broadcasts that clients handed to this node and that it has not delivered yet: it forwards
    // them again whenever it learns of a new leader, as a client would retry.
    private readonly List<object> pending = [];

    private bool durableDirty;

    // Heartbeats this leader has sent while holding only earlier terms' uncommitted entries.
    private int idleHeartbeats;

    public RaftNode(RaftOptions? options = null, IRaftStateMachine? stateMachine = null)
    {
        this.options = options ?? new RaftOptions();
        this.stateMachine = stateMachine;
    }

    RaftNode IRaftHost.Raft => this;

    // Stable storage (persisted after every handler that changes it).
    public int CurrentTerm { get; private set; }
    public int? VotedFor { get; private set; }
    public ImmutableArray<LogEntry> Log { get; private set; } = [];
    public int CommitLength { get; private set; }

    // Volatile state, lost in a crash.
    public RaftRole CurrentRole { get; private set; } = RaftRole.Follower;
    public int? CurrentLeader { get; private set; }
    public IEnumerable<int> VotesReceived => Enumerable.Range(0, votesReceived.Length).Where(i => votesReceived[i]);
    public IReadOnlyList<int> SentLength => sentLength;
    public IReadOnlyList<int> AckedLength => ackedLength;
    public IReadOnlyList<object> Pending => pending;

    private static int Quorum(INodeContext ctx) => ctx.NodeCount / 2 + 1;

    private static int LastTerm(ImmutableArray<LogEntry> log) => log.Length == 0 ? 0 : log[^1].Term;

    public void OnStart(INodeContext ctx)
    {
        ResetVolatile(ctx.NodeCount);
        ArmElectionTimer(ctx);
    }

    /// <summary>Recovery from a crash: stable storage survives, the node comes back as a follower that knows no leader.</summary>
    public void OnRestart(INodeContext ctx, object? durableState)
    {
        ctx.Label("Restart", LabelValue.OfNode(ctx.Self));
        if (durableState is RaftDurableState stored)
        {
            CurrentTerm = stored.CurrentTerm;
            VotedFor = stored.VotedFor;
            Log = stored.Log;
            CommitLength = stored.CommitLength;
        }
        stateMachine?.Restore(Log.AsSpan(0, CommitLength).ToArray());
        ResetVolatile(ctx.NodeCount);
        ArmElectionTimer(ctx);
    }

    private void ResetVolatile(int nodeCount)
    {
        CurrentRole = RaftRole.Follower;
        CurrentLeader = null;
        votesReceived = new bool[nodeCount];
        votesReceivedCount = 0;
        sentLength = new int[nodeCount];
        ackedLength = new int[nodeCount];
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer == ElectionTimer && CurrentRole != RaftRole.Leader)
            ElectionTimeout(ctx);
        else if (timer == HeartbeatTimer && CurrentRole == RaftRole.Leader)
            Heartbeat(ctx);
        else
            ctx.Label("StaleTimer", LabelValue.OfNode(ctx.Self));
        FlushDurable(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case VoteRequest m: HandleVoteRequest(ctx, m); break;
            case VoteResponse m: HandleVoteResponse(ctx, m); break;
            case LogRequest m: HandleLogRequest(ctx, m); break;
            case LogResponse m: HandleLogResponse(ctx, m); break;
            case ForwardedBroadcast m: HandleForwardedBroadcast(ctx, m); break;
            default: throw new ArgumentException($"RaftNode cannot handle {message.GetType().Name}", nameof(message));
        }
        FlushDurable(ctx);
    }

    /// <summary>A client asks this node to broadcast the request's payload.</summary>
    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        var msg = request.Payload;
        if (!pending.Contains(msg)) pending.Add(msg);
        if (CurrentRole == RaftRole.Leader)
            Broadcast(ctx, msg);
        else
        {
            ctx.Label("ForwardRequest", LabelValue.OfNode(ctx.Self));
            if (CurrentLeader is int leader) ctx.Send(leader, new ForwardedBroadcast(msg));
        }
        FlushDurable(ctx);
    }

    // ---- ElectionTimeout ---------------------------------------------------------------------

    private void ElectionTimeout(INodeContext ctx)
    {
        ctx.Label("ElectionTimeout", LabelValue.OfNode(ctx.Self));
        CurrentTerm++;
        CurrentRole = RaftRole.Candidate;
        VotedFor = ctx.Self;
        Array.Clear(votesReceived);
        votesReceived[ctx.Self] = true;
        votesReceivedCount = 1;
        durableDirty = true;
        var request = new VoteRequest(ctx.Self, CurrentTerm, Log.Length, LastTerm(Log));
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) ctx.Send(node, request);
        ArmElectionTimer(ctx);
    }

    // ---- HandleVoteRequest -------------------------------------------------------------------

    private void HandleVoteRequest(INodeContext ctx, VoteRequest m)
    {
        ctx.Label("HandleVoteRequest", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(m.CId), m.CTerm);
        if (m.CTerm > CurrentTerm)
        {
            CurrentTerm = m.CTerm;
            VotedFor = null;
            durableDirty = true;
            BecomeFollower(ctx);
        }
        var myLastTerm = LastTerm(Log);
        var logOk = m.CLogTerm > myLastTerm || (m.CLogTerm == myLastTerm && m.CLogLength >= Log.Length);
        if (options.Has(RaftBugs.NoLogCheck)) logOk = true;
        var granted = m.CTerm == CurrentTerm && logOk && (VotedFor is null || VotedFor == m.CId);
        if (granted)
        {
            VotedFor = m.CId;
            durableDirty = true;
            ArmElectionTimer(ctx);
        }
        ctx.Send(m.CId, new VoteResponse(ctx.Self, CurrentTerm, granted));
    }

    // ---- HandleVoteResponse ------------------------------------------------------------------

    private void HandleVoteResponse(INodeContext ctx, VoteResponse m)
    {
        ctx.Label("HandleVoteResponse", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(m.VoterId), m.Term);
        var forThisElection = m.Term == CurrentTerm || (options.Has(RaftBugs.StaleVotes) && m.Term < CurrentTerm);
        if (CurrentRole == RaftRole.Candidate && forThisElection && m.Granted)
        {
            if (!votesReceived[m.VoterId])
            {
                votesReceived[m.VoterId] = true;
                votesReceivedCount++;
            }
            if (votesReceivedCount >= Quorum(ctx)) BecomeLeader(ctx);
        }
        else if (m.Term > CurrentTerm)
        {
            StepDown(ctx, m.Term);
        }
    }

    private void BecomeLeader(INodeContext ctx)
    {
        CurrentRole = RaftRole.Leader;
        idleHeartbeats = 0;
        ctx.CancelTimer(ElectionTimer);
        ctx.SetTimer(HeartbeatTimer, options.HeartbeatInterval);
        for (var node = 0; node < ctx.NodeCount; node++)
        {
            sentLength[node] = Log.Length;
            ackedLength[node] = node == ctx.Self ? Log.Length : 0;
        }
        for (var follower = 0; follower < ctx.NodeCount; follower++)
            if (follower != ctx.Self) ReplicateLog(ctx, follower);
        LearnLeader(ctx, ctx.Self);
    }

    // ---- Broadcast / Heartbeat / ReplicateLog ------------------------------------------------

    private void HandleForwardedBroadcast(INodeContext ctx, ForwardedBroadcast m)
    {
        if (CurrentRole == RaftRole.Leader)
            Broadcast(ctx, m.Msg);
        else
        {
            ctx.Label("ForwardRequest", LabelValue.OfNode(ctx.Self));
            if (CurrentLeader is int leader && leader != ctx.Self) ctx.Send(leader, m);
        }
    }

    private void Broadcast(INodeContext ctx, object msg)
    {
        if (Contains(Log, msg))
        {
            // A retried request: the spec's Broadcast is not enabled for a value already in the log.
            ctx.Label("IgnoreDuplicate", LabelValue.OfNode(ctx.Self));
            return;
        }
        ctx.Label("Broadcast", LabelValue.OfNode(ctx.Self), msg);
        Log = Log.Add(new LogEntry(CurrentTerm, msg));
        durableDirty = true;
        // Kleppmann sends the new entry to every follower at once; here it waits for the next
        // heartbeat, which batches client requests (and, as in the spec, keeps Broadcast a purely
        // local step).
        ackedLength[ctx.Self] = Log.Length;
    }

    private static bool Contains(ImmutableArray<LogEntry> log, object msg)
    {
        foreach (var entry in log)
            if (entry.Msg.Equals(msg)) return true;
        return false;
    }

    /// <summary>
    /// Periodically the leader replicates its log. A leader that holds uncommitted entries but
    /// none of its own term first appends a no-op entry of its term (Raft thesis, section 6.4):
    /// under the Figure 8 rule it cannot commit earlier terms' entries until one of its own is
    /// replicated, so without it a leader elected after the last client request would never
    /// deliver what its predecessors left. It waits <see cref="RaftOptions.NoOpAfterHeartbeats"/>
    /// heartbeats first, so that client traffic can do the job without spending a log slot.
    /// </summary>
    private void Heartbeat(INodeContext ctx)
    {
        ctx.Label("Heartbeat", LabelValue.OfNode(ctx.Self));
        if (Log.Length > CommitLength && LastTerm(Log) < CurrentTerm && ++idleHeartbeats >= options.NoOpAfterHeartbeats)
        {
            Log = Log.Add(new LogEntry(CurrentTerm, new NoOp(CurrentTerm)));
            ackedLength[ctx.Self] = Log.Length;
            durableDirty = true;
        }
        for (var follower = 0; follower < ctx.NodeCount; follower++)
            if (follower != ctx.Self) ReplicateLog(ctx, follower);
        RetryPending(ctx, ctx.Self);
        ctx.SetTimer(HeartbeatTimer, options.HeartbeatInterval);
    }

    private void ReplicateLog(INodeContext ctx, int follower)
    {
        var prefixLen = sentLength[follower];
        var prefixTerm = prefixLen > 0 ? Log[prefixLen - 1].Term : 0;
        ctx.Send(follower, new LogRequest(ctx.Self, CurrentTerm, prefixLen, prefixTerm, CommitLength, Log[prefixLen..]));
    }

    // ---- HandleLogRequest --------------------------------------------------------------------

    private void HandleLogRequest(INodeContext ctx, LogRequest m)
    {
        ctx.Label("HandleLogRequest", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(m.LeaderId), m.Term);
        if (m.Term > CurrentTerm)
        {
            CurrentTerm = m.Term;
            VotedFor = null;
            durableDirty = true;
        }
        if (m.Term == CurrentTerm)
        {
            BecomeFollower(ctx);
            ArmElectionTimer(ctx);
        }
        var logOk = Log.Length >= m.PrefixLen && (m.PrefixLen == 0 || Log[m.PrefixLen - 1].Term == m.PrefixTerm);
        if (m.Term == CurrentTerm && logOk)
        {
            AppendEntries(ctx, m.PrefixLen, m.LeaderCommit, m.Suffix);
            var ack = m.PrefixLen + m.Suffix.Length;
            ctx.Send(m.LeaderId, new LogResponse(ctx.Self, CurrentTerm, ack, true));
            RetryPending(ctx, m.LeaderId);
        }
        else
        {
            ctx.Send(m.LeaderId, new LogResponse(ctx.Self, CurrentTerm, 0, false));
        }
        if (m.Term == CurrentTerm) LearnLeader(ctx, m.LeaderId);
    }

    private void AppendEntries(INodeContext ctx, int prefixLen, int leaderCommit, ImmutableArray<LogEntry> suffix)
    {
        if (options.Has(RaftBugs.TruncateOnStale))
        {
            if (Log.Length > prefixLen)
            {
                Log = Log[..prefixLen];
                durableDirty = true;
            }
        }
        else if (suffix.Length > 0 && Log.Length > prefixLen)
        {
            var index = Math.Min(Log.Length, prefixLen + suffix.Length) - 1;
            if (Log[index].Term != suffix[index - prefixLen].Term)
            {
                Log = Log[..prefixLen];
                durableDirty = true;
            }
        }
        if (prefixLen + suffix.Length > Log.Length)
        {
            Log = Log.AddRange(suffix[(Log.Length - prefixLen)..]);
            durableDirty = true;
        }
        if (leaderCommit > CommitLength)
            Commit(ctx, Math.Min(leaderCommit, Log.Length));
    }

    // ---- HandleLogResponse -------------------------------------------------------------------

    private void HandleLogResponse(INodeContext ctx, LogResponse m)
    {
        ctx.Label("HandleLogResponse", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(m.Follower), m.Term);
        if (m.Term == CurrentTerm && CurrentRole == RaftRole.Leader)
        {
            if (m.Success && m.Ack >= ackedLength[m.Follower])
            {
                sentLength[m.Follower] = m.Ack;
                ackedLength[m.Follower] = m.Ack;
                CommitLogEntries(ctx);
            }
            else if (sentLength[m.Follower] > 0)
            {
                sentLength[m.Follower]--;
                ReplicateLog(ctx, m.Follower);
            }
        }
        else if (m.Term > CurrentTerm)
        {
            StepDown(ctx, m.Term);
        }
    }

    private void CommitLogEntries(INodeContext ctx)
    {
        // The longest prefix that a majority has acknowledged.
        var quorum = Quorum(ctx);
        var ready = 0;
        for (var length = Log.Length; length > CommitLength; length--)
        {
            var acks = 0;
            foreach (var acked in ackedLength)
                if (acked >= length) acks++;
            if (acks >= quorum)
            {
                ready = length;
                break;
            }
        }
        if (ready > CommitLength && (Log[ready - 1].Term == CurrentTerm || options.Has(RaftBugs.CommitOldTerm)))
            Commit(ctx, ready);
    }

    private void Commit(INodeContext ctx, int newCommitLength)
    {
        for (var index = CommitLength; index < newCommitLength; index++)
        {
            var entry = Log[index];
            var delivery = new RaftDelivery(index + 1, entry.Term, entry.Msg);
            ctx.Deliver(delivery);
            stateMachine?.Apply(ctx, delivery);
            pending.Remove(entry.Msg);
        }
        CommitLength = newCommitLength;
        durableDirty = true;
    }

    // ---- roles and timers --------------------------------------------------------------------

    private void StepDown(INodeContext ctx, int term)
    {
        CurrentTerm = term;
        VotedFor = null;
        durableDirty = true;
        BecomeFollower(ctx);
    }

    private void BecomeFollower(INodeContext ctx)
    {
        if (CurrentRole == RaftRole.Leader)
        {
            ctx.CancelTimer(HeartbeatTimer);
            ArmElectionTimer(ctx);
        }
        CurrentRole = RaftRole.Follower;
    }

    /// <summary>On learning of a (new) leader, hand it the broadcasts still waiting here.</summary>
    private void LearnLeader(INodeContext ctx, int leader)
    {
        if (CurrentLeader == leader) return;
        CurrentLeader = leader;
        foreach (var msg in pending)
            ctx.Send(leader, new ForwardedBroadcast(msg));
    }

    /// <summary>
    /// A forwarded request can be lost on the way; like a client that times out and retries, a
    /// node forwards its waiting broadcasts again while they are missing from its own log.
    /// </summary>
    private void RetryPending(INodeContext ctx, int leader)
    {
        foreach (var msg in pending)
            if (!Contains(Log, msg)) ctx.Send(leader, new ForwardedBroadcast(msg));
    }

    private void ArmElectionTimer(INodeContext ctx)
    {
        var choices = options.ElectionTimeoutChoices;
        var extra = choices > 1 ? ctx.Choose(choices) * options.ElectionTimeoutStep : 0;
        ctx.SetTimer(ElectionTimer, options.ElectionTimeout + extra);
    }

    private void FlushDurable(INodeContext ctx)
    {
        if (!durableDirty) return;
        durableDirty = false;
        var storedVote = options.Has(RaftBugs.ForgetVote) ? null : VotedFor;
        ctx.Persist(new RaftDurableState(CurrentTerm, storedVote, Log, CommitLength));
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add(CurrentTerm);
        hash.Add(VotedFor ?? -1);
        hash.Add(CommitLength);
        hash.Add((int)CurrentRole);
        hash.Add(CurrentLeader ?? -1);
        hash.AddAll(Log);
        for (var i = 0; i < sentLength.Length; i++)
        {
            hash.Add(votesReceived[i]);
            hash.Add(sentLength[i]);
            hash.Add(ackedLength[i]);
        }
        hash.Add(pending.Count);
        foreach (var msg in pending) hash.AddValue(msg);
        return hash.Value;
    }
}
