using System.Collections.Concurrent;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Consensus.Raft;

/// <summary>
/// How client payloads appear in the spec: payload p is the model value <c>Name(p)</c>, one of
/// <paramref name="Values"/>, the model values of the conformance model's Value set.
/// </summary>
public sealed record RaftPayloads(IReadOnlyList<string> Values, Func<object, string?> Name)
{
    /// <summary>The workloads' string payloads "m1", "m2", ... (MCRaftConformance*.cfg: Value = {m1, ..., m10}).</summary>
    public static RaftPayloads Broadcasts { get; } = new([.. Enumerable.Range(1, 10).Select(k => $"m{k}")], static p => p as string);
}

/// <summary>
/// The refinement mapping from a Raft world to the variables of specs/consensus/Raft.tla. Node i
/// is model value n(i+1); Nil and NoOp are the cfg's model values; a client payload is the model
/// value <see cref="RaftPayloads"/> names (a payload it cannot name is its string form). crashed
/// is the set of nodes that are down. A crashed node's stable-storage variables come from its
/// persisted state and its volatile ones are those it will recover with (the spec's Crash resets
/// them). msgs is the set of messages in flight: two copies of a message (the network duplicated
/// it, or a node sent it twice) are one element, which stays in flight until the last copy is
/// received or lost. ForwardedBroadcast messages are below the spec and do not appear in msgs.
/// </summary>
public static class RaftRefinement
{
    /// <summary>
    /// Nil, NoOp and the payloads' model values, from a registry of the mapping's own: the validator
    /// puts a trace's model values into the spec's registry by name (ModelValueInterner), so their
    /// numbering here need not follow the cfg.
    /// </summary>
    private sealed class Constants
    {
        private static readonly ConcurrentDictionary<RaftPayloads, Constants> Known = new();
        private readonly ModelValueRegistry registry = new();
        private readonly RaftPayloads payloads;

        private Constants(RaftPayloads payloads)
        {
            this.payloads = payloads;
            Nil = registry.Get("Nil");
            NoOp = registry.Get("NoOp");
        }

        public static Constants For(RaftPayloads payloads) => Known.GetOrAdd(payloads, static key => new Constants(key));

        public ModelValue Nil { get; }

        public ModelValue NoOp { get; }

        public Value Payload(object payload) => payloads.Name(payload) is { } name ? registry.Get(name) : StringValue.Of(payload.ToString() ?? "");
    }

    /// <summary>The mapping of the Raft system, whose clients broadcast "m1", "m2", ....</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => AbstractState(world, RaftPayloads.Broadcasts);

    /// <summary>currentTerm, votedFor, log, commitLength, currentRole, currentLeader, votesReceived, sentLength, ackedLength, crashed and msgs, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world, RaftPayloads payloads)
    {
        var n = world.NodeCount;
        var constants = Constants.For(payloads);
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
            ["votedFor"] = SpecValues.PerNode(n, i => NodeOrNil(Vote(i), constants)),
            ["log"] = SpecValues.PerNode(n, i => Entries(Log(i), constants)),
            ["commitLength"] = SpecValues.PerNode(n, i => IntValue.Of(Commit(i))),
            ["currentRole"] = SpecValues.PerNode(n, i => StringValue.Of((live[i]?.CurrentRole ?? RaftRole.Follower).ToString())),
            ["currentLeader"] = SpecValues.PerNode(n, i => NodeOrNil(live[i]?.CurrentLeader, constants)),
            ["votesReceived"] = SpecValues.PerNode(n, i => SpecValues.NodeSet(live[i]?.VotesReceived ?? [])),
            ["sentLength"] = SpecValues.PerNode(n, i => SpecValues.PerNode(n, j => IntValue.Of(live[i] is { } node ? node.SentLength[j] : 0))),
            ["ackedLength"] = SpecValues.PerNode(n, i => SpecValues.PerNode(n, j => IntValue.Of(live[i] is { } node ? node.AckedLength[j] : 0))),
            ["crashed"] = SpecValues.NodeSet(Enumerable.Range(0, n).Where(i => !world.IsUp(i))),
            ["msgs"] = FiniteSetValue.Of(world.InFlight.Select(e => Message(e, constants)).OfType<Value>()),
        };
    }

    private static Value NodeOrNil(int? node, Constants constants) => node is int i ? SpecValues.Node(i) : constants.Nil;

    private static Value Msg(object msg, Constants constants) => msg is NoOp ? constants.NoOp : constants.Payload(msg);

    private static FunctionValue Entries(IEnumerable<LogEntry> log, Constants constants) =>
        FunctionValue.Tuple(log.Select(e => (Value)FunctionValue.Record(("term", IntValue.Of(e.Term)), ("msg", Msg(e.Msg, constants)))));

    private static Value? Message(Envelope envelope, Constants constants) => envelope.Message switch
    {
        VoteRequest m => FunctionValue.Record(("type", StringValue.Of("VoteRequest")), ("dest", SpecValues.Node(envelope.To)),
            ("cId", SpecValues.Node(m.CId)), ("cTerm", IntValue.Of(m.CTerm)), ("cLogLength", IntValue.Of(m.CLogLength)), ("cLogTerm", IntValue.Of(m.CLogTerm))),
        VoteResponse m => FunctionValue.Record(("type", StringValue.Of("VoteResponse")), ("dest", SpecValues.Node(envelope.To)),
            ("voterId", SpecValues.Node(m.VoterId)), ("term", IntValue.Of(m.Term)), ("granted", BoolValue.Of(m.Granted))),
        LogRequest m => FunctionValue.Record(("type", StringValue.Of("LogRequest")), ("dest", SpecValues.Node(envelope.To)),
            ("leaderId", SpecValues.Node(m.LeaderId)), ("term", IntValue.Of(m.Term)), ("prefixLen", IntValue.Of(m.PrefixLen)),
            ("prefixTerm", IntValue.Of(m.PrefixTerm)), ("leaderCommit", IntValue.Of(m.LeaderCommit)), ("suffix", Entries(m.Suffix, constants))),
        LogResponse m => FunctionValue.Record(("type", StringValue.Of("LogResponse")), ("dest", SpecValues.Node(envelope.To)),
            ("follower", SpecValues.Node(m.Follower)), ("term", IntValue.Of(m.Term)), ("ack", IntValue.Of(m.Ack)), ("success", BoolValue.Of(m.Success))),
        _ => null,
    };
}
