using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Registers.QuorumRegister;

/// <summary>
/// A replica of the register (specs/registers/QuorumRegister.tla, ReplicaWrite and ReplicaRead):
/// it keeps the largest value it was sent, since a value is its own timestamp, acknowledges each
/// write once and answers each read once. It acknowledges a write even when the client has stopped
/// waiting (it cannot know); the spec's network then has no such acknowledgement, which is the
/// same thing as a client that discards it.
/// </summary>
public sealed class ReplicaNode : INode, IStateHash
{
    /// <summary>The spec's store[self].</summary>
    public int Store { get; private set; }

    // Duplicated requests are answered once: the spec's replica answers an operation once.
    private readonly HashSet<OpId> acked = [];
    private readonly HashSet<OpId> answered = [];

    public void OnStart(INodeContext ctx) { }

    // Replicas crash and stop (the explorer restarts none): a crashed replica is a slow one for safety.
    public void OnRestart(INodeContext ctx, object? durableState) => Store = (durableState as ReplicaDurableState)?.Store ?? 0;

    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }

    public void OnTimer(INodeContext ctx, string timer) { }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Write m: ReplicaWrite(ctx, from, m); break;
            case Read m: ReplicaRead(ctx, from, m); break;
        }
    }

    private void ReplicaWrite(INodeContext ctx, int from, Write m)
    {
        if (!acked.Add(m.Op)) return;
        ctx.Label("ReplicaWrite", LabelValue.OfNode(ctx.Self));
        if (m.Val > Store)
        {
            Store = m.Val;
            ctx.Persist(new ReplicaDurableState(Store));
        }
        ctx.Send(from, new WriteAck(m.Op, ctx.Self));
    }

    private void ReplicaRead(INodeContext ctx, int from, Read m)
    {
        if (!answered.Add(m.Op)) return;
        ctx.Label("ReplicaRead", LabelValue.OfNode(ctx.Self));
        ctx.Send(from, new ReadReply(m.Op, ctx.Self, Store));
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add(Store);
        hash.Add(acked.Count);
        foreach (var op in acked.OrderBy(static o => (o.Client, o.Seq))) { hash.Add(op.Client); hash.Add(op.Seq); }
        hash.Add(answered.Count);
        foreach (var op in answered.OrderBy(static o => (o.Client, o.Seq))) { hash.Add(op.Client); hash.Add(op.Seq); }
        return hash.Value;
    }
}
