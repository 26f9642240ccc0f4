using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Protocols.Mutex.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.LamportMutex;

/// <summary>
/// A node of Lamport's mutual exclusion algorithm (specs/mutex/LamportMutex.tla). Every message is
/// stamped with the sender's Lamport clock. A request is queued by its node and sent to every other
/// node, which queues it and acknowledges it. A node enters when its request is the earliest in its
/// queue (by &lt;&lt;timestamp, node id&gt;&gt;) and every other node has sent it something stamped
/// later: over FIFO links no earlier request can then still be on its way. Leaving, it drops its
/// request and sends a release, on which the others drop it too.
/// </summary>
/// <param name="enterAtHead">Seeded bug "enter-at-head": enter once the request heads the queue, without waiting to hear from every node.</param>
public sealed class LamportMutexNode(bool enterAtHead = false) : MutexNode
{
    // The spec's variables restricted to this node (state is the base class's).
    public LamportClock Clock { get; private set; }
    public int Requests { get; private set; }

    /// <summary>The spec's queue[p]: the pending request of each node p knows of, node to timestamp.</summary>
    public IReadOnlyDictionary<int, int> Queue => queue;

    /// <summary>The spec's latest[p]: the timestamp of the last message received from each node (0 before any).</summary>
    public IReadOnlyDictionary<int, int> Latest => latest;

    private readonly SortedDictionary<int, int> queue = [];
    private readonly SortedDictionary<int, int> latest = [];

    public override int RequestTime => requestTime;

    private int requestTime;

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Request m:
                ctx.Label("ReceiveRequest", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from));
                Receive(from, m.Time);
                queue[from] = m.Time;
                ctx.Send(from, new Ack(Clock.Time));
                break;
            case Ack m:
                ctx.Label("ReceiveAck", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from));
                Receive(from, m.Time);
                break;
            case Release m:
                ctx.Label("ReceiveRelease", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from));
                Receive(from, m.Time);
                queue.Remove(from);
                break;
            default:
                throw new ArgumentException($"unexpected message {message}");
        }
        ArmEnterIfMay(ctx);
    }

    private void Receive(int from, int time)
    {
        Clock = Clock.Receive(time);
        latest[from] = time;
    }

    protected override void Request(INodeContext ctx)
    {
        ctx.Label("Request", LabelValue.OfNode(ctx.Self));
        Clock = Clock.Tick();
        requestTime = Clock.Time;
        queue[ctx.Self] = requestTime;
        Requests++;
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) ctx.Send(node, new Request(requestTime));
        ArmEnterIfMay(ctx);
    }

    private void ArmEnterIfMay(INodeContext ctx)
    {
        if (State == MutexState.Wanting && !ctx.IsTimerSet(EnterTimer) && MayEnter(ctx)) ctx.SetTimer(EnterTimer);
    }

    /// <summary>The spec's Enter condition: the own request is the earliest queued, and every other node has sent something later.</summary>
    protected override bool MayEnter(INodeContext ctx)
    {
        var own = new LamportTimestamp(requestTime, ctx.Self);
        foreach (var (node, time) in queue)
            if (node != ctx.Self && new LamportTimestamp(time, node) < own) return false;
        if (enterAtHead) return true;
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self && new LamportTimestamp(latest.GetValueOrDefault(node), node) < own) return false;
        return true;
    }

    protected override void Release(INodeContext ctx)
    {
        Clock = Clock.Tick();
        queue.Remove(ctx.Self);
        for (var node = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) ctx.Send(node, new Release(Clock.Time));
    }

    private protected override void HashAlgorithmState(ref StateHasher hash)
    {
        hash.Add(Clock.Time); hash.Add(Requests);
        hash.Add(queue.Count);
        foreach (var (node, time) in queue) { hash.Add(node); hash.Add(time); }
        hash.Add(latest.Count);
        foreach (var (node, time) in latest) { hash.Add(node); hash.Add(time); }
    }
}
