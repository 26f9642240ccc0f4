using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>One log entry: the message a client broadcast and the term in which a leader appended it.</summary>
public sealed record LogEntry(int Term, object Msg) : IStateHash
{
    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Term);
        hasher.AddValue(Msg);
        return hasher.Value;
    }

    public override string ToString() => SpecText.Record(("term", SpecText.Int(Term)), ("msg", SpecText.Payload(Msg)));
}

/// <summary>The entry a new leader appends at the start of its term; delivered like any entry, ignored by applications.</summary>
public sealed record NoOp(int Term)
{
    public override string ToString() => $"NoOp({Term})";
}

/// <summary>Sent by candidate <paramref name="CId"/> when it starts an election in <paramref name="CTerm"/>.</summary>
public sealed record VoteRequest(int CId, int CTerm, int CLogLength, int CLogTerm)
{
    public override string ToString() => SpecText.Message("VoteRequest", ("cId", SpecText.Node(CId)), ("cTerm", SpecText.Int(CTerm)), ("cLogLength", SpecText.Int(CLogLength)), ("cLogTerm", SpecText.Int(CLogTerm)));
}

public sealed record VoteResponse(int VoterId, int Term, bool Granted)
{
    public override string ToString() => SpecText.Message("VoteResponse", ("voterId", SpecText.Node(VoterId)), ("term", SpecText.Int(Term)), ("granted", SpecText.Bool(Granted)));
}

/// <summary>
/// Sent by the leader: the entries after <paramref name="PrefixLen"/> and the term of the entry
/// just before them, so the follower can check that its log agrees up to there.
/// </summary>
public sealed record LogRequest(int LeaderId, int Term, int PrefixLen, int PrefixTerm, int LeaderCommit, ImmutableArray<LogEntry> Suffix) : IStateHash
{
    // By content: two requests carrying equal entries are the same message (a network state, a DFS state).
    public bool Equals(LogRequest? other) =>
        other is not null && LeaderId == other.LeaderId && Term == other.Term && PrefixLen == other.PrefixLen && PrefixTerm == other.PrefixTerm
        && LeaderCommit == other.LeaderCommit && Suffix.AsSpan().SequenceEqual(other.Suffix.AsSpan());

    public override int GetHashCode() => StateHasher.Fold(StateHash());

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(LeaderId);
        hasher.Add(Term);
        hasher.Add(PrefixLen);
        hasher.Add(PrefixTerm);
        hasher.Add(LeaderCommit);
        hasher.AddAll(Suffix);
        return hasher.Value;
    }

    public override string ToString() => SpecText.Message("LogRequest", ("leaderId", SpecText.Node(LeaderId)), ("term", SpecText.Int(Term)), ("prefixLen", SpecText.Int(PrefixLen)),
        ("prefixTerm", SpecText.Int(PrefixTerm)), ("leaderCommit", SpecText.Int(LeaderCommit)), ("suffix", SpecText.Sequence(Suffix)));
}

public sealed record LogResponse(int Follower, int Term, int Ack, bool Success)
{
    public override string ToString() => SpecText.Message("LogResponse", ("follower", SpecText.Node(Follower)), ("term", SpecText.Int(Term)), ("ack", SpecText.Int(Ack)), ("success", SpecText.Bool(Success)));
}

/// <summary>
/// A client's broadcast request on its way to the leader (Kleppmann: "forward the request to
/// currentLeader via a FIFO link"). Below the spec: forwarding changes no spec variable.
/// </summary>
public sealed record ForwardedBroadcast(object Msg)
{
    public override string ToString() => SpecText.Message("ForwardedBroadcast", ("msg", SpecText.Payload(Msg)));
}

/// <summary>What a node hands its application: the <paramref name="Index"/>-th log entry (1-based, as in the spec) is committed.</summary>
public sealed record RaftDelivery(int Index, int Term, object Msg);

/// <summary>What survives a crash: the spec's stable-storage variables.</summary>
public sealed record RaftDurableState(int CurrentTerm, int? VotedFor, ImmutableArray<LogEntry> Log, int CommitLength) : IStateHash
{
    // By content, as the node's state it stands for (DFS merges equal states).
    public bool Equals(RaftDurableState? other) =>
        other is not null && CurrentTerm == other.CurrentTerm && VotedFor == other.VotedFor && CommitLength == other.CommitLength
        && Log.AsSpan().SequenceEqual(other.Log.AsSpan());

    public override int GetHashCode() => StateHasher.Fold(StateHash());

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(CurrentTerm);
        hasher.Add(VotedFor ?? -1);
        hasher.Add(CommitLength);
        hasher.AddAll(Log);
        return hasher.Value;
    }
}

public enum RaftRole
{
    Follower,
    Candidate,
    Leader,
}
