using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.RicartAgrawala;

/// <summary>The seeded mistakes a <see cref="RicartAgrawalaNode"/> can be built with.</summary>
public enum RicartAgrawalaBug
{
    None,

    /// <summary>Requests are ordered by timestamp alone: of two with the same timestamp, neither is earlier, so each node replies to the other.</summary>
    NoTieBreak,

    /// <summary>Requests are ordered by timestamp alone, and a tie counts as earlier: of two requests with the same timestamp, each node defers the other.</summary>
    DeferOnTie,

    /// <summary>A node in the critical section replies to a request at once instead of deferring it to its exit.</summary>
    ReplyInCritical,

    /// <summary>A node leaves its clock as it is when it receives a request (it neither ticks it nor advances it past the request's timestamp).</summary>
    NoClockUpdate,
}

/// <summary>The spec's state[p].</summary>
public enum MutexState
{
    Idle,
    Wanting,
    Critical,
}

/// <summary>
/// A Ricart-Agrawala node (specs/mutex/RicartAgrawala.tla). A client request asks for the critical
/// section; the node stamps a request with its Lamport clock, sends it to every other node and
/// enters once each has replied. It answers another node's request at once unless it is in the
/// critical section or wants it with an earlier request (by timestamp, then node id); those replies
/// wait until it leaves. Entering and leaving are spec actions of their own (Enter, Exit), so each
/// is a timer's step: the last reply arms "enter", entering arms "exit".
/// </summary>
public sealed class RicartAgrawalaNode(RicartAgrawalaBug bug = RicartAgrawalaBug.None) : INode, IStateHash
{
    public const string EnterTimer = "enter";
    public const string ExitTimer = "exit";

    /// <summary>Starts the request of a client that asked while the node was busy (after its exit).</summary>
    public const string RequestTimer = "request";

    /// <summary>How long a node stays in the critical section, in logical ticks: long enough for requests to arrive meanwhile.</summary>
    public const int CriticalSectionTicks = 3;

    // The spec's variables restricted to this node.
    public LamportClock Clock { get; private set; }
    public MutexState State { get; private set; }
    public int RequestTime { get; private set; }
    public int Requests { get; private set; }
    private readonly SortedSet<int> replied = [];
    private readonly SortedSet<int> deferred = [];

    // Implementation state: the clients waiting to enter, the one being served first.
    private readonly Queue<ClientRequest> waiting = new();

    public IReadOnlySet<int> Replied => replied;
    public IReadOnlySet<int> Deferred => deferred;

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("Ricart-Agrawala assumes nodes that do not crash");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        waiting.Enqueue(request);
        // A client that asks while the node wants or holds the critical section waits its turn.
        if (State == MutexState.Idle && waiting.Count == 1) Request(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Request m: ReceiveRequest(ctx, from, m); break;
            case Reply: ReceiveReply(ctx, from, message); break;
            default: throw new ArgumentException($"unexpected message {message}");
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case EnterTimer: Enter(ctx); break;
            case ExitTimer: Exit(ctx); break;
            case RequestTimer: Request(ctx); break;
        }
    }

    private void Request(INodeContext ctx)
    {
        ctx.Label("Request", LabelValue.OfNode(ctx.Self));
        Clock = Clock.Tick();
        RequestTime = Clock.Time;
        Requests++;
        State = MutexState.Wanting;
        replied.Clear();
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) ctx.Send(node, new Request(RequestTime));
    }

    private void ReceiveRequest(INodeContext ctx, int from, Request m)
    {
        ctx.Label("ReceiveRequest", LabelValue.OfNode(ctx.Self), RicartAgrawalaMessages.SpecMessage(from, ctx.Self, m));
        if (bug != RicartAgrawalaBug.NoClockUpdate) Clock = Clock.Receive(m.Time);
        var defer = (State == MutexState.Critical && bug != RicartAgrawalaBug.ReplyInCritical)
            || (State == MutexState.Wanting && Earlier(new LamportTimestamp(RequestTime, ctx.Self), new LamportTimestamp(m.Time, from)));
        if (defer) deferred.Add(from);
        else ctx.Send(from, new Reply());
    }

    /// <summary>The spec's Earlier: the total order on &lt;&lt;timestamp, node id&gt;&gt; (two seeded bugs compare timestamps alone).</summary>
    private bool Earlier(LamportTimestamp mine, LamportTimestamp theirs) => bug switch
    {
        RicartAgrawalaBug.NoTieBreak => mine.Time < theirs.Time,
        RicartAgrawalaBug.DeferOnTie => mine.Time <= theirs.Time,
        _ => mine < theirs,
    };

    private void ReceiveReply(INodeContext ctx, int from, object reply)
    {
        ctx.Label("ReceiveReply", LabelValue.OfNode(ctx.Self), RicartAgrawalaMessages.SpecMessage(from, ctx.Self, reply));
        replied.Add(from);
        if (State == MutexState.Wanting && replied.Count == ctx.NodeCount - 1) ctx.SetTimer(EnterTimer);
    }

    private void Enter(INodeContext ctx)
    {
        ctx.Label("Enter", LabelValue.OfNode(ctx.Self));
        State = MutexState.Critical;
        ctx.Notify(new EnteredCriticalSection(ctx.Self, RequestTime));
        ctx.Reply(waiting.Dequeue(), "entered");
        ctx.SetTimer(ExitTimer, CriticalSectionTicks);
    }

    private void Exit(INodeContext ctx)
    {
        ctx.Label("Exit", LabelValue.OfNode(ctx.Self));
        State = MutexState.Idle;
        ctx.Notify(new LeftCriticalSection(ctx.Self));
        foreach (var node in deferred) ctx.Send(node, new Reply());
        deferred.Clear();
        if (waiting.Count > 0) ctx.SetTimer(RequestTimer);
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add(Clock.Time); hash.Add((int)State); hash.Add(RequestTime); hash.Add(Requests);
        hash.Add(replied.Count);
        foreach (var node in replied) hash.Add(node);
        hash.Add(deferred.Count);
        foreach (var node in deferred) hash.Add(node);
        hash.Add(waiting.Count);
        foreach (var request in waiting) hash.Add(request.Id);
        return hash.Value;
    }
}
