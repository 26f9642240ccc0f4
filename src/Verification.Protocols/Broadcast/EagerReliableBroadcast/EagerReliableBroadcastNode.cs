using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.EagerReliableBroadcast;

/// <summary>
/// Eager reliable broadcast (specs/broadcast/EagerReliableBroadcast.tla): the first time a node
/// delivers a message it relays it to every node that may not have it (all but itself, the sender
/// and the node it got it from), so a sender crashing half-way through its broadcast cannot leave
/// some correct nodes without the message.
/// </summary>
/// <param name="noRelay">Seeded bug "no-relay": delivers without passing the message on (best-effort broadcast in disguise).</param>
public sealed class EagerReliableBroadcastNode(int participants, bool noRelay = false) : BroadcastNode(participants)
{
    protected override void OnBroadcast(INodeContext ctx, MessageId id, string body)
    {
        DeliverToApplication(ctx, id, body);
        SendToOthers(ctx, new Data(id, body));
    }

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        var data = (Data)message;
        ctx.Label("Receive", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from), data);
        if (HasDelivered(data.Id)) return;
        DeliverToApplication(ctx, data.Id, data.Body);
        if (!noRelay) Relay(ctx, data.Id, from, data);
    }
}
