using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.BestEffortBroadcast;

/// <summary>
/// Best-effort broadcast (specs/broadcast/BestEffortBroadcast.tla): deliver your own message, send
/// a copy to everyone else, deliver what you receive — once, although the links may duplicate.
/// </summary>
/// <param name="deliverDuplicates">Seeded bug "deliver-duplicates": delivers every copy it receives, trusting the links not to duplicate.</param>
public sealed class BestEffortBroadcastNode(int participants, bool deliverDuplicates = false) : BroadcastNode(participants)
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
        if (deliverDuplicates || !HasDelivered(data.Id)) DeliverToApplication(ctx, data.Id, data.Body);
    }
}
