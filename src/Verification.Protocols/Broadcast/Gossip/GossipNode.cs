using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>How far a rumor spreads: each infected node pushes it to <paramref name="Fanout"/> peers, for at most <paramref name="Rounds"/> hops.</summary>
public sealed record GossipSettings(int Fanout, int Rounds)
{
    public GossipSettings Validate(int nodeCount)
    {
        if (Fanout < 1 || Fanout >= nodeCount)
            throw new ArgumentException($"gossip fanout must be in 1..{nodeCount - 1} for {nodeCount} nodes, not {Fanout}");
        if (Rounds < 1) throw new ArgumentException($"gossip needs at least one round, not {Rounds}");
        return this;
    }
}

/// <summary>
/// Push gossip with a bounded number of rounds ("infect and forward"): the broadcaster delivers
/// its message and pushes it to <see cref="GossipSettings.Fanout"/> peers picked at random; a node
/// that hears a rumor for the first time delivers it and, unless the rumor has already made
/// <see cref="GossipSettings.Rounds"/> hops, pushes it on to its own random peers. Duplicates are
/// dropped. Delivery is probabilistic: a node may never be picked. The random picks are
/// <see cref="INodeContext.Choose"/> choices, so the explorer draws (and replays) them.
/// </summary>
/// <param name="forgetSeen">Seeded bug: no record of rumors already heard, so a duplicate is delivered (and pushed) again.</param>
public sealed class GossipNode(GossipSettings settings, bool forgetSeen = false) : INode, IStateHash
{
    private readonly HashSet<MessageId> seen = [];

    // History that outlives a crash (persisted after every change), never read back by the
    // algorithm: the spec's sendSeq[n] and deliveredLog[n], for the refinement mapping.
    private BroadcastLog log = BroadcastLog.Empty;

    public GossipSettings Settings => settings;

    /// <summary>The rumors this node has delivered.</summary>
    public IReadOnlyCollection<MessageId> Seen => seen;

    public BroadcastLog Log => log;

    public void OnStart(INodeContext ctx) => settings.Validate(ctx.NodeCount);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("Gossip is modelled crash-stop: the set of rumors a node has seen is volatile.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"Gossip expects BroadcastRequest payloads, got {request.Payload}");
        var id = new MessageId(ctx.Self, log.Sent + 1);
        ctx.Label("Broadcast", LabelValue.OfNode(ctx.Self));
        ctx.Notify(new BroadcastIssued(id, broadcast.Body));
        seen.Add(id);
        log = log.WithBroadcast();
        Deliver(ctx, id, broadcast.Body);
        Push(ctx, new Rumor(id, broadcast.Body, 1));
        ctx.Reply(request, id);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is not Rumor rumor) throw new ArgumentException($"Gossip got an unknown message {message}");
        ctx.Label("Receive", LabelValue.OfNode(ctx.Self), rumor.Id, rumor.Round);
        var firstTime = seen.Add(rumor.Id);
        if (!firstTime && !forgetSeen) return;
        Deliver(ctx, rumor.Id, rumor.Body);
        if (rumor.Round < settings.Rounds) Push(ctx, rumor with { Round = rumor.Round + 1 });
    }

    public void OnTimer(INodeContext ctx, string timer) =>
        throw new ArgumentException($"Gossip has no timer {timer}");

    private void Deliver(INodeContext ctx, MessageId id, string body)
    {
        log = log.WithDelivery(id);
        ctx.Persist(log);
        ctx.Deliver(new Delivery(id, body));
    }

    /// <summary>Sends the rumor to Fanout distinct peers other than this node, drawn by a partial Fisher–Yates shuffle.</summary>
    private void Push(INodeContext ctx, Rumor rumor)
    {
        var peers = new int[ctx.NodeCount - 1];
        for (int node = 0, i = 0; node < ctx.NodeCount; node++)
            if (node != ctx.Self) peers[i++] = node;
        for (var i = 0; i < settings.Fanout; i++)
        {
            var pick = i + ctx.Choose(peers.Length - i);
            (peers[i], peers[pick]) = (peers[pick], peers[i]);
            ctx.Send(peers[i], rumor);
        }
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(log.Sent);
        foreach (var id in log.Delivered) hasher.Add(id);
        hasher.Separator();
        // The seen set is hashed in a canonical order: HashSet enumeration order is not part of the state.
        foreach (var id in seen.Order()) hasher.Add(id);
        return hasher.Value;
    }
}
