using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// A node's pending point-to-point sends, transmitted one link per step (the specs' Send action).
/// </summary>
/// <remarks>
/// Why not send every copy of a broadcast in the handler that decides it: the world would then put
/// all copies in flight atomically, and since it delivers a crashed node's in-flight messages, a
/// sender could never crash "in the middle of a broadcast" — the very failure that separates
/// best-effort from reliable broadcast. Sending one copy per step lets the explorer crash the
/// sender after some destinations got the message and before the others did. The queue is
/// volatile: a crash loses what was not sent yet. Copies leave in the order they were queued.
/// </remarks>
public sealed class Outbox
{
    /// <summary>The timer whose firing transmits the next queued message.</summary>
    public const string SendTimer = "send";

    private readonly Queue<(int To, object Message)> pending = new();

    public int Count => pending.Count;

    /// <summary>Queued sends in transmission order.</summary>
    public IEnumerable<(int To, object Message)> Pending => pending;

    public void Enqueue(INodeContext ctx, int to, object message)
    {
        pending.Enqueue((to, message));
        if (!ctx.IsTimerSet(SendTimer)) ctx.SetTimer(SendTimer);
    }

    /// <summary>Queues <paramref name="message"/> to every node except this one (nodes 0..participants-1).</summary>
    public void EnqueueToOthers(INodeContext ctx, object message, int participants)
    {
        for (var to = 0; to < participants; to++)
            if (to != ctx.Self) Enqueue(ctx, to, message);
    }

    /// <summary>Transmits the oldest queued message (call it when <see cref="SendTimer"/> fires).</summary>
    public (int To, object Message) SendNext(INodeContext ctx)
    {
        var next = pending.Dequeue();
        ctx.Send(next.To, next.Message);
        if (pending.Count > 0) ctx.SetTimer(SendTimer);
        return next;
    }
}
