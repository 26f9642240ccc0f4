using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>
/// One node's heartbeat exchange, for a node that detects crashes by heartbeats (a detector node, or
/// an algorithm's node with a detector inside): who answered since the round began (spec: alive[p]),
/// and whom it asked. A new round asks a node again only once it answered the previous request: the
/// specs' network is a set, which cannot hold two equal requests, and a node that does not answer
/// is suspected anyway.
/// </summary>
public sealed class HeartbeatRound(int nodes)
{
    private NodeMask outstanding;

    /// <summary>Spec: alive[p], the nodes that answered since the round began (everyone at first).</summary>
    public NodeMask Alive { get; private set; } = NodeMask.All(nodes);

    /// <summary>The nodes other than <paramref name="self"/>.</summary>
    public NodeMask Others(int self) => NodeMask.All(nodes).Without(self);

    /// <summary>A request came from <paramref name="from"/>: answer it.</summary>
    public static void Answer(INodeContext ctx, int from) => ctx.Send(from, new HeartbeatReply());

    /// <summary>A reply came from <paramref name="from"/>: it is alive.</summary>
    public void Answered(int from)
    {
        outstanding = outstanding.Without(from);
        Alive = Alive.With(from);
    }

    /// <summary>Begins a new round: forgets who answered and asks the other nodes again.</summary>
    public void Begin(INodeContext ctx)
    {
        Alive = NodeMask.Empty;
        foreach (var node in Others(ctx.Self).Minus(outstanding).Members())
            ctx.Send(node, new HeartbeatRequest());
        outstanding = Others(ctx.Self);
    }

    internal void AddTo(ref StateHasher hasher)
    {
        hasher.Add(Alive.Bits);
        hasher.Add(outstanding.Bits);
    }
}
