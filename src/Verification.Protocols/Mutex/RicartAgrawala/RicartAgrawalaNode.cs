using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Protocols.Mutex.Common;
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

/// <summary>
/// A Ricart-Agrawala node (specs/mutex/RicartAgrawala.tla). A client request asks for the critical
/// section; the node stamps a request with its Lamport clock, sends it to every other node and
/// enters once each has replied. It answers another node's request at once unless it is in the
/// critical section or wants it with an earlier request (by timestamp, then node id); those replies
/// wait until it leaves.
/// </summary>
public sealed class RicartAgrawalaNode(RicartAgrawalaBug bug = RicartAgrawalaBug.None) : MutexNode
{
    // The spec's variables restricted to this node (state is the base class's).
    public LamportClock Clock { get; private set; }
    public override int RequestTime => requestTime;
    public int Requests { get; private set; }
    private readonly SortedSet<int> replied = [];
    private readonly SortedSet<int> deferred = [];
    private int requestTime;

    public IReadOnlySet<int> Replied => replied;
    public IReadOnlySet<int> Deferred => deferred;

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Request m: ReceiveRequest(ctx, from, m); break;
            case Reply: ReceiveReply(ctx, from, message); break;
            default: throw new ArgumentException($"unexpected message {message}");
        }
    }

    protected override void Request(INodeContext ctx)
    {
        ctx.Label("Request", LabelValue.OfNode(ctx.Self));
        Clock = Clock.Tick();
        requestTime = Clock.Time;
        Requests++;
        replied.Clear();
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) ctx.Send(node, new Request(requestTime));
    }

    private void ReceiveRequest(INodeContext ctx, int from, Request m)
    {
        ctx.Label("ReceiveRequest", LabelValue.OfNode(ctx.Self), RicartAgrawalaMessages.SpecMessage(from, ctx.Self, m));
        if (bug != RicartAgrawalaBug.NoClockUpdate) Clock = Clock.Receive(m.Time);
        var defer = (State == MutexState.Critical && bug != RicartAgrawalaBug.ReplyInCritical)
            || (State == MutexState.Wanting && Earlier(new LamportTimestamp(requestTime, ctx.Self), new LamportTimestamp(m.Time, from)));
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
        if (State == MutexState.Wanting && MayEnter(ctx)) ctx.SetTimer(EnterTimer);
    }

    protected override bool MayEnter(INodeContext ctx) => replied.Count == ctx.NodeCount - 1;

    protected override void Release(INodeContext ctx)
    {
        foreach (var node in deferred) ctx.Send(node, new Reply());
        deferred.Clear();
    }

    private protected override void HashAlgorithmState(ref StateHasher hash)
    {
        hash.Add(Clock.Time); hash.Add(requestTime); hash.Add(Requests);
        hash.Add(replied.Count);
        foreach (var node in replied) hash.Add(node);
        hash.Add(deferred.Count);
        foreach (var node in deferred) hash.Add(node);
    }
}
