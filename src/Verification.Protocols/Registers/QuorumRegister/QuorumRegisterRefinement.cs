using System.Runtime.CompilerServices;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Registers.QuorumRegister;

/// <summary>
/// The refinement mapping from a register world to the variables of specs/registers/QuorumRegister.tla
/// (MCQuorumRegisterConformance.cfg): replicas n1..n3, the writer n4, readers n5 and n6.
/// <list type="bullet">
/// <item>history is the clients' operations in the order they started, each with the operations
/// that had completed when it started. No node knows that order (it spans clients that never talk
/// to each other), so the mapping keeps it per run, watching the world after every step: each step
/// starts or completes at most one operation. An operation's place in it is the spec's op id.</item>
/// <item>msgs is every message sent, as the spec's network holds them: a write stays; a read's
/// request and answers, and a write's acknowledgements, are gone once their client finished that
/// phase, which is when the spec's client discards them.</item>
/// <item>A crashed replica's store is what it last persisted (it persists every change).</item>
/// </list>
/// </summary>
public static class QuorumRegisterRefinement
{
    private static readonly ConditionalWeakTable<IWorldView, RunHistory> Histories = [];

    /// <summary>store, phase, current, history, msgs and crashed, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        // One world is stepped by one worker thread at a time, so its history needs no lock.
        var run = Histories.GetValue(world, static _ => new RunHistory());
        var clients = QuorumRegisterSystem.Clients.Select(c => world.Node(c) as ClientNode
            ?? throw new InvalidOperationException($"{SpecNames.Node(c)} is not a running ClientNode (clients do not crash)")).ToArray();
        run.Update(world, clients);
        return new OrderedDictionary<string, Value>
        {
            ["store"] = SpecValues.PerNode(QuorumRegisterSystem.Replicas, r => IntValue.Of(Store(world, r))),
            ["phase"] = PerClient(c => StringValue.Of(PhaseName(clients[c].Phase))),
            ["current"] = PerClient(c => IntValue.Of(clients[c].Current is { } op ? run.Index(op) : 0)),
            ["history"] = run.History(clients),
            ["msgs"] = run.Msgs(world, clients),
            ["crashed"] = SpecValues.NodeSet(Enumerable.Range(0, QuorumRegisterSystem.Replicas).Where(world.HasCrashed)),
        };
    }

    private static int Store(IWorldView world, int replica) =>
        world.Node(replica) is ReplicaNode node ? node.Store : (world.Durable(replica) as ReplicaDurableState)?.Store ?? 0;

    private static FunctionValue PerClient(Func<int, Value> value) =>
        FunctionValue.FromPairs(QuorumRegisterSystem.Clients.Select((node, c) => new KeyValuePair<Value, Value>(SpecValues.Node(node), value(c))));

    public static string PhaseName(ClientPhase phase) => phase switch
    {
        ClientPhase.Idle => "idle",
        ClientPhase.Write => "write",
        ClientPhase.Read => "read",
        _ => "write-back",
    };

    /// <summary>One run's history order and its messages as spec records, kept up to date incrementally.</summary>
    private sealed class RunHistory
    {
        private IReadOnlyList<Envelope>? source;
        private long step = -1;
        private readonly Dictionary<OpId, int> index = [];
        private readonly List<(OpId Op, FiniteSetValue After)> started = [];
        private readonly List<int> completed = [];
        private readonly List<(object Message, OpId Op)> messages = [];

        public int Index(OpId op) => index[op];

        public void Update(IWorldView world, ClientNode[] clients)
        {
            var sent = world.Sent;
            if (!ReferenceEquals(sent, source) || world.Step < step)
            {
                source = sent;
                index.Clear();
                started.Clear();
                completed.Clear();
                messages.Clear();
            }
            step = world.Step;
            foreach (var client in clients)
                foreach (var op in client.Ops)
                {
                    if (!index.ContainsKey(op.Id))
                    {
                        started.Add((op.Id, FiniteSetValue.Of(completed.Select(static i => (Value)IntValue.Of(i)))));
                        index.Add(op.Id, started.Count);
                    }
                    if (op.Done && !completed.Contains(index[op.Id])) completed.Add(index[op.Id]);
                }
            for (var i = messages.Count; i < sent.Count; i++)
                messages.Add((sent[i].Message, sent[i].Message switch
                {
                    Write m => m.Op,
                    WriteAck m => m.Op,
                    Read m => m.Op,
                    ReadReply m => m.Op,
                    _ => default,
                }));
        }

        public Value History(ClientNode[] clients)
        {
            var ops = clients.SelectMany(c => c.Ops).ToDictionary(static op => op.Id);
            return FunctionValue.Tuple(started.Select(s =>
            {
                var op = ops[s.Op];
                return (Value)FunctionValue.Record(
                    ("client", SpecValues.Node(s.Op.Client)),
                    ("kind", StringValue.Of(op.IsWrite ? "write" : "read")),
                    ("val", IntValue.Of(op.Val)),
                    ("done", BoolValue.Of(op.Done)),
                    ("after", s.After));
            }));
        }

        public Value Msgs(IWorldView world, ClientNode[] clients)
        {
            bool Waiting(OpId op, params ClientPhase[] phases)
            {
                var client = clients[Array.IndexOf(QuorumRegisterSystem.Clients, op.Client)];
                return client.Current == op && phases.Contains(client.Phase);
            }
            var records = new List<Value>(messages.Count);
            foreach (var (message, op) in messages)
            {
                Value? record = message switch
                {
                    Write m => Record("Write", ("op", Op(op)), ("val", IntValue.Of(m.Val))),
                    WriteAck m when Waiting(op, ClientPhase.Write, ClientPhase.WriteBack) => Record("WriteAck", ("op", Op(op)), ("from", SpecValues.Node(m.From))),
                    Read when Waiting(op, ClientPhase.Read) => Record("Read", ("op", Op(op))),
                    ReadReply m when Waiting(op, ClientPhase.Read) => Record("ReadReply", ("op", Op(op)), ("from", SpecValues.Node(m.From)), ("val", IntValue.Of(m.Val))),
                    _ => null,
                };
                if (record is not null) records.Add(record);
            }
            return FiniteSetValue.Of(records);
        }

        private IntValue Op(OpId op) => IntValue.Of(index[op]);

        private static FunctionValue Record(string type, params (string Name, Value Value)[] fields) =>
            FunctionValue.Record([("type", StringValue.Of(type)), .. fields]);
    }
}
