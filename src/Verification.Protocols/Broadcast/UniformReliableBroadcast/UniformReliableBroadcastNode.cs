using System.Numerics;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.UniformReliableBroadcast;

/// <summary>
/// Majority-ack uniform reliable broadcast (specs/broadcast/UniformReliableBroadcast.tla): relay
/// every message on first sight, and deliver it only once a majority of the nodes have relayed it,
/// so that whatever any node delivers survives in some correct node (fewer than half crash).
/// </summary>
/// <param name="deliverBeforeMajority">Seeded bug "deliver-before-majority": delivers a message as soon as it sees it, like non-uniform reliable broadcast.</param>
public sealed class UniformReliableBroadcastNode(int participants, bool deliverBeforeMajority = false) : BroadcastNode(participants)
{
    // Spec: pending[p] (the keys) and ack[p][id] (a bit per node).
    private readonly Dictionary<MessageId, ulong> ack = [];
    private readonly Dictionary<MessageId, string> bodies = [];

    public IReadOnlyCollection<MessageId> Pending => ack.Keys;

    public IReadOnlySet<int> AckOf(MessageId id)
    {
        var acks = ack.GetValueOrDefault(id);
        var nodes = new SortedSet<int>();
        for (var node = 0; node < Participants; node++)
            if ((acks & (1UL << node)) != 0) nodes.Add(node);
        return nodes;
    }

    protected override void OnBroadcast(INodeContext ctx, MessageId id, string body)
    {
        bodies[id] = body;
        ack[id] = 1UL << ctx.Self;
        SendToOthers(ctx, new Data(id, body));
        DeliverIfAcked(ctx, id);
    }

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        var data = (Data)message;
        ctx.Label("Receive", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from), data);
        var seen = ack.TryGetValue(data.Id, out var acks);
        ack[data.Id] = acks | 1UL << from | 1UL << ctx.Self;
        if (!seen)
        {
            bodies[data.Id] = data.Body;
            SendToOthers(ctx, data);
        }
        DeliverIfAcked(ctx, data.Id);
    }

    private protected override void HashAlgorithmState(ref StateHasher hasher)
    {
        hasher.Add(ack.Count);
        foreach (var (id, acks) in ack.OrderBy(entry => entry.Key))
        {
            hasher.Add(id);
            hasher.Add((long)acks);
        }
    }

    private void DeliverIfAcked(INodeContext ctx, MessageId id)
    {
        if (HasDelivered(id)) return;
        var majority = 2 * BitOperations.PopCount(ack[id]) > Participants;
        if (majority || deliverBeforeMajority) DeliverToApplication(ctx, id, bodies[id]);
    }
}
