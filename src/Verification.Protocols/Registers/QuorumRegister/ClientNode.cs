using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Registers.QuorumRegister;

/// <summary>The seeded mistakes a <see cref="ClientNode"/> can be built with.</summary>
public enum QuorumRegisterBug
{
    None,

    /// <summary>The naive register (the spec's Algorithm = "naive"): a read returns the newest value of a read quorum and writes nothing back.</summary>
    Naive,

    /// <summary>A read sends its write-back (read repair) but returns without waiting for a quorum to store it.</summary>
    SkipWriteBack,

    /// <summary>A read's first phase ends with the answer of a single replica.</summary>
    ReadBelowQuorum,
}

/// <summary>The phase of a client (the spec's phase[c]).</summary>
public enum ClientPhase { Idle, Write, Read, WriteBack }

/// <summary>One operation a client started: the spec's history entry, less its place and what had completed before it.</summary>
public sealed record ClientOp(OpId Id, bool IsWrite, int Val, bool Done);

/// <summary>
/// A client node of the register: the writer (the spec's Writer) or a reader. It sends each request
/// to every replica and ends a phase when a majority has answered: a write when a quorum stored the
/// value, a read when a quorum told its value, then (ABD) once a quorum stored the newest of those
/// values again, so that no later read can return an older one. Every handler takes at most one spec
/// action (StartWrite, StartRead, FinishRead, FinishWrite); a request that arrives while the client is
/// busy waits for a timer after the operation in progress completes.
/// </summary>
public sealed class ClientNode(int replicas, QuorumRegisterBug bug = QuorumRegisterBug.None) : INode, IStateHash
{
    /// <summary>Starts the next waiting request once the client is idle again.</summary>
    public const string NextTimer = "next";

    private readonly Queue<ClientRequest> waiting = [];
    private readonly List<ClientOp> ops = [];
    private readonly HashSet<int> acks = [];
    private readonly SortedDictionary<int, int> replies = [];
    private ClientRequest? inProgress;

    /// <summary>The spec's phase[self].</summary>
    public ClientPhase Phase { get; private set; } = ClientPhase.Idle;

    /// <summary>The operations this client started, in order (the last one is the spec's current[self]).</summary>
    public IReadOnlyList<ClientOp> Ops => ops;

    public OpId? Current => ops.Count == 0 ? null : ops[^1].Id;

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState) { }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        waiting.Enqueue(request);
        if (Phase == ClientPhase.Idle && waiting.Count == 1) StartNext(ctx);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer == NextTimer && Phase == ClientPhase.Idle && waiting.Count > 0) StartNext(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case WriteAck m: ReceiveWriteAck(ctx, m); break;
            case ReadReply m: ReceiveReadReply(ctx, m); break;
        }
    }

    private void StartNext(INodeContext ctx)
    {
        var request = waiting.Dequeue();
        inProgress = request;
        var op = new OpId(ctx.Self, ops.Count + 1);
        if (request.Payload is WriteRequest write)
        {
            ctx.Label("StartWrite", LabelValue.OfNode(ctx.Self));
            ops.Add(new ClientOp(op, IsWrite: true, write.Val, Done: false));
            Phase = ClientPhase.Write;
            acks.Clear();
            SendToReplicas(ctx, new Write(op, write.Val));
        }
        else
        {
            ctx.Label("StartRead", LabelValue.OfNode(ctx.Self));
            ops.Add(new ClientOp(op, IsWrite: false, Val: 0, Done: false));
            Phase = ClientPhase.Read;
            replies.Clear();
            SendToReplicas(ctx, new Read(op));
        }
        ctx.Notify(new OperationStarted(request));
    }

    /// <summary>
    /// Acknowledgements short of a quorum change nothing the spec sees (its FinishWrite reads them
    /// from the network): those receipts are stuttering steps.
    /// </summary>
    private void ReceiveWriteAck(INodeContext ctx, WriteAck m)
    {
        if (Phase is not (ClientPhase.Write or ClientPhase.WriteBack) || m.Op != Current || !acks.Add(m.From)) return;
        if (!IsQuorum(acks.Count)) return;
        ctx.Label("FinishWrite", LabelValue.OfNode(ctx.Self));
        Complete(ctx, ops[^1].Val);
    }

    private void ReceiveReadReply(INodeContext ctx, ReadReply m)
    {
        if (Phase != ClientPhase.Read || m.Op != Current || !replies.TryAdd(m.From, m.Val)) return;
        var enough = bug == QuorumRegisterBug.ReadBelowQuorum ? replies.Count >= 1 : IsQuorum(replies.Count);
        if (!enough) return;
        ctx.Label("FinishRead", LabelValue.OfNode(ctx.Self));
        var newest = replies.Values.Max();
        ops[^1] = ops[^1] with { Val = newest };
        switch (bug)
        {
            case QuorumRegisterBug.Naive:
                Complete(ctx, newest);
                break;
            case QuorumRegisterBug.SkipWriteBack:
                SendToReplicas(ctx, new Write(m.Op, newest));
                Complete(ctx, newest);
                break;
            default:
                // ABD: the value goes back to a quorum before the read returns it; the replicas that
                // answered with an older value are repaired on the way.
                SendToReplicas(ctx, new Write(m.Op, newest));
                Phase = ClientPhase.WriteBack;
                acks.Clear();
                break;
        }
    }

    private void Complete(INodeContext ctx, int val)
    {
        ops[^1] = ops[^1] with { Done = true };
        Phase = ClientPhase.Idle;
        ctx.Reply(inProgress!, val);
        inProgress = null;
        if (waiting.Count > 0) ctx.SetTimer(NextTimer);
    }

    private bool IsQuorum(int count) => 2 * count > replicas;

    private void SendToReplicas(INodeContext ctx, object message)
    {
        for (var r = 0; r < replicas; r++) ctx.Send(r, message);
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add((int)Phase);
        hash.Add(waiting.Count);
        foreach (var request in waiting) hash.Add(request.Id);
        hash.Add(inProgress?.Id ?? -1);
        hash.Add(ops.Count);
        foreach (var op in ops) { hash.Add(op.IsWrite); hash.Add(op.Val); hash.Add(op.Done); }
        hash.Add(acks.Count);
        foreach (var r in acks.Order()) hash.Add(r);
        hash.Add(replies.Count);
        foreach (var (r, v) in replies) { hash.Add(r); hash.Add(v); }
        return hash.Value;
    }
}
