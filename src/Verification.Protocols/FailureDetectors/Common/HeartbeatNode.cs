using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>
/// What the heartbeat detectors of specs/failure-detectors have in common: a node's timer fires
/// periodically (<see cref="Timeout"/>, which each detector writes), and between two firings the
/// node notes who answered its heartbeat requests (spec: alive[p]). It answers the requests of
/// others. Nodes fail by crashing and never restart.
/// </summary>
/// <remarks>
/// Time: a spec time unit is <see cref="TicksPerUnit"/> ticks of the world's logical clock (one per
/// step; the clock jumps to the next timer when nothing else can happen).
/// </remarks>
public abstract class HeartbeatNode(int nodes) : INode, IStateHash
{
    public const string HeartbeatTimer = "heartbeat";

    /// <summary>
    /// World ticks per spec time unit. A round trip among three nodes takes at most about 20 ticks
    /// (each step delivers one of the at most 12 heartbeats in flight, or fires a timer), so 3 units
    /// outlast it, while 1 unit often does not.
    /// </summary>
    public const int TicksPerUnit = 8;

    private readonly HeartbeatRound round = new(nodes);

    public int Nodes => nodes;

    /// <summary>Spec: alive[p], the nodes that answered since the timer last fired (everyone at first).</summary>
    public NodeMask Alive => round.Alive;

    /// <summary>Spec: suspected[p].</summary>
    public NodeMask Suspected { get; protected set; }

    /// <summary>Spec: period[p], how many time units the node waits for answers.</summary>
    public abstract int Period { get; }

    /// <summary>The nodes other than <paramref name="self"/>.</summary>
    protected NodeMask Others(int self) => round.Others(self);

    /// <summary>Spec Init: every timer has expired, so every node's timer fires at once.</summary>
    public void OnStart(INodeContext ctx)
    {
        Remember(ctx);
        ctx.SetTimer(HeartbeatTimer, 0);
    }

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("failure detector nodes crash and stay crashed");

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("failure detector nodes take no client requests");

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case HeartbeatRequest:
                ctx.Label("ReceiveRequest", LabelValue.OfNode(ctx.Self), HeartbeatValues.Label("HeartbeatRequest", from, ctx.Self));
                HeartbeatRound.Answer(ctx, from);
                break;
            case HeartbeatReply:
                ctx.Label("ReceiveReply", LabelValue.OfNode(ctx.Self), HeartbeatValues.Label("HeartbeatReply", from, ctx.Self));
                round.Answered(from);
                Remember(ctx);
                break;
            default:
                throw new ArgumentException($"unexpected message {message}");
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        ctx.Label("Timeout", LabelValue.OfNode(ctx.Self));
        Timeout(ctx);
        round.Begin(ctx);
        Remember(ctx);
        ctx.SetTimer(HeartbeatTimer, Period * TicksPerUnit);
    }

    /// <summary>The detector's decision when its timer fires, from <see cref="Alive"/>: whom to suspect (and, for ◇P, how long to wait next).</summary>
    protected abstract void Timeout(INodeContext ctx);

    private void Remember(INodeContext ctx) => ctx.Persist(new HeartbeatMemory(Alive, Suspected, Period));

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        round.AddTo(ref hasher);
        hasher.Add(Suspected.Bits);
        hasher.Add(Period);
        return hasher.Value;
    }
}
