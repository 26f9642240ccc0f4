using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>
/// The refinement mapping from a Raft world to the variables of specs/consensus/Raft.tla. Node i
/// is model value n(i+1); Nil and NoOp are the cfg's model values; a client payload that is a
/// string (the workloads' "m1", "m2", ...) is the model value of that name, any other payload its
/// string form. A crashed node's stable-storage variables come from its persisted state and its
/// volatile ones are those of a node that has just recovered (the spec folds crash and recovery
/// into Restart). ForwardedBroadcast messages are below the spec and do not appear in msgs.
/// </summary>
public static class RaftRefinement
{
    private static readonly ModelValueRegistry Constants = new();
    private static readonly ModelValue Nil = Constants.Get("Nil");
    private static readonly ModelValue NoOpValue = Constants.Get("NoOp");

    /// <summary>currentTerm, votedFor, log, commitLength, currentRole, currentLeader, votesReceived, sentLength, ackedLength and msgs, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var live = new RaftNode?[n];
        var stored = new RaftDurableState?[n];
        for (var i = 0; i < n; i++)
        {
            live[i] = (world.Node(i) as IRaftHost)?.Raft;
            stored[i] = world.Durable(i) as RaftDurableState;
        }

        int Term(int i) => live[i]?.CurrentTerm ?? stored[i]?.CurrentTerm ?? 0;
        int? Vote(int i) => live[i] is { } node ? node.VotedFor : stored[i]?.VotedFor;
        IReadOnlyList<LogEntry> Log(int i) => live[i] is { } node ? node.Log : stored[i] is { } s ? s.Log : [];
        int Commit(int i) => live[i]?.CommitLength ?? stored[i]?.CommitLength ?? 0;

        return new OrderedDictionary<string, Value>
        {
            ["currentTerm"] = SpecValues.PerNode(n, i => IntValue.Of(Term(i))),
            ["votedFor"] = SpecValues.PerNode(n, i => NodeOrNil(Vote(i))),
            ["log"] = SpecValues.PerNode(n, i => Entries(Log(i))),
            ["commitLength"] = SpecValues.PerNode(n, i => IntValue.Of(Commit(i))),
            ["currentRole"] = SpecValues.PerNode(n, i => StringValue.Of((live[i]?.CurrentRole ?? RaftRole.Follower).ToString())),
            ["currentLeader"] = SpecValues.PerNode(n, i => NodeOrNil(live[i]?.CurrentLeader)),
            ["votesReceived"] = SpecValues.PerNode(n, i => SpecValues.NodeSet(live[i]?.VotesReceived ?? [])),
            ["sentLength"] = SpecValues.PerNode(n, i => SpecValues.PerNode(n, j => IntValue.Of(live[i] is { } node ? node.SentLength[j] : 0))),
            ["ackedLength"] = SpecValues.PerNode(n, i => SpecValues.PerNode(n, j => IntValue.Of(live[i] is { } node ? node.AckedLength[j] : 0))),
            ["msgs"] = FiniteSetValue.Of(world.InFlight.Select(Message).OfType<Value>()),
        };
    }

    private static Value NodeOrNil(int? node) => node is int i ? SpecValues.Node(i) : Nil;

    private static Value Msg(object msg) => msg switch
    {
        NoOp => NoOpValue,
        string name => Constants.Get(name),
        _ => StringValue.Of(msg.ToString() ?? ""),
    };

    private static FunctionValue Entries(IEnumerable<LogEntry> log) =>
        FunctionValue.Tuple(log.Select(e => (Value)FunctionValue.Record(("term", IntValue.Of(e.Term)), ("msg", Msg(e.Msg)))));

    private static Value? Message(Envelope envelope) => envelope.Message switch
    {
        VoteRequest m => FunctionValue.Record(("type", StringValue.Of("VoteRequest")), ("dest", SpecValues.Node(envelope.To)),
            ("cId", SpecValues.Node(m.CId)), ("cTerm", IntValue.Of(m.CTerm)), ("cLogLength", IntValue.Of(m.CLogLength)), ("cLogTerm", IntValue.Of(m.CLogTerm))),
        VoteResponse m => FunctionValue.Record(("type", StringValue.Of("VoteResponse")), ("dest", SpecValues.Node(envelope.To)),
            ("voterId", SpecValues.Node(m.VoterId)), ("term", IntValue.Of(m.Term)), ("granted", BoolValue.Of(m.Granted))),
        LogRequest m => FunctionValue.Record(("type", StringValue.Of("LogRequest")), ("dest", SpecValues.Node(envelope.To)),
            ("leaderId", SpecValues.Node(m.LeaderId)), ("term", IntValue.Of(m.Term)), ("prefixLen", IntValue.Of(m.PrefixLen)),
            ("prefixTerm", IntValue.Of(m.PrefixTerm)), ("leaderCommit", IntValue.Of(m.LeaderCommit)), ("suffix", Entries(m.Suffix))),
        LogResponse m => FunctionValue.Record(("type", StringValue.Of("LogResponse")), ("dest", SpecValues.Node(envelope.To)),
            ("follower", SpecValues.Node(m.Follower)), ("term", IntValue.Of(m.Term)), ("ack", IntValue.Of(m.Ack)), ("success", BoolValue.Of(m.Success))),
        _ => null,
    };
}
