using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>Counts what a group of <see cref="LossyLinkNode"/>s sent and lost (shared by all nodes of the runs being measured).</summary>
public sealed class LinkMeter
{
    private readonly SortedDictionary<string, long> sentByType = new(StringComparer.Ordinal);

    public long Sent { get; private set; }
    public long Lost { get; private set; }

    /// <summary>Sends per message type (the record's type name, e.g. "Ack").</summary>
    public IReadOnlyDictionary<string, long> SentByType => sentByType;

    internal void CountSent(object message)
    {
        Sent++;
        var type = message.GetType().Name;
        sentByType[type] = sentByType.GetValueOrDefault(type) + 1;
    }

    internal void CountLost() => Lost++;
}

/// <summary>
/// Wraps a node so that each message it sends is lost with probability LossPercent/100, and
/// counts its sends on a <see cref="LinkMeter"/>. The loss is an explorer choice
/// (<see cref="INodeContext.Choose"/>: lost when the pick in 0..99 falls below LossPercent), so
/// under the random strategy it is an independent coin per message, and every run replays. This
/// models a lossy network with a rate, which the fault model's adversarial, capped drops do not.
/// </summary>
public sealed class LossyLinkNode(INode inner, int lossPercent, LinkMeter meter) : INode
{
    private readonly int lossPercent = lossPercent is >= 0 and <= 100
        ? lossPercent
        : throw new ArgumentOutOfRangeException(nameof(lossPercent), lossPercent, "a loss rate is a percentage in 0..100");

    private LossyContext? context;

    public INode Inner => inner;

    public void OnStart(INodeContext ctx) => inner.OnStart(Wrap(ctx));

    public void OnRestart(INodeContext ctx, object? durableState) => inner.OnRestart(Wrap(ctx), durableState);

    public void OnMessage(INodeContext ctx, int from, object message) => inner.OnMessage(Wrap(ctx), from, message);

    public void OnTimer(INodeContext ctx, string timer) => inner.OnTimer(Wrap(ctx), timer);

    public void OnClientRequest(INodeContext ctx, ClientRequest request) => inner.OnClientRequest(Wrap(ctx), request);

    private LossyContext Wrap(INodeContext ctx)
    {
        if (context is null || !ReferenceEquals(context.Outer, ctx)) context = new LossyContext(ctx, lossPercent, meter);
        return context;
    }

    private sealed class LossyContext(INodeContext outer, int lossPercent, LinkMeter meter) : INodeContext
    {
        public INodeContext Outer => outer;
        public int Self => outer.Self;
        public int NodeCount => outer.NodeCount;

        public void Send(int to, object message)
        {
            meter.CountSent(message);
            if (lossPercent > 0 && outer.Choose(100) < lossPercent)
            {
                meter.CountLost();
                return;
            }
            outer.Send(to, message);
        }

        public void SetTimer(string name, int delay = 0) => outer.SetTimer(name, delay);
        public void CancelTimer(string name) => outer.CancelTimer(name);
        public bool IsTimerSet(string name) => outer.IsTimerSet(name);
        public void Deliver(object value) => outer.Deliver(value);
        public void Reply(ClientRequest request, object response) => outer.Reply(request, response);
        public void Persist(object durableState) => outer.Persist(durableState);
        public int Choose(int count) => outer.Choose(count);
        public void Notify(object observation) => outer.Notify(observation);
        public void Label(string action, params object[] args) => outer.Label(action, args);
    }
}
