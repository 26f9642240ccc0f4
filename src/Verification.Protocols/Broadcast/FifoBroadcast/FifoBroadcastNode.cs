using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.FifoBroadcast;

/// <summary>
/// FIFO reliable broadcast (specs/broadcast/FifoBroadcast.tla): eager reliable broadcast whose
/// receivers hold a message back until they have delivered all earlier messages of its sender.
/// </summary>
/// <param name="noHoldback">Seeded bug "no-holdback": delivers a message on first receipt, whatever its sequence number.</param>
public sealed class FifoBroadcastNode(int participants, bool noHoldback = false) : BroadcastNode(participants)
{
    // Spec: buffer[p], the messages received but held back.
    private readonly SortedDictionary<MessageId, string> buffer = [];

    // How many of each sender's messages this node delivered (Kleppmann's "delivered" vector;
    // the spec counts them in delivered[p]).
    private readonly int[] deliveredFrom = new int[participants];

    public IEnumerable<MessageId> Buffer => buffer.Keys;

    protected override void OnBroadcast(INodeContext ctx, MessageId id, string body)
    {
        Deliver(ctx, id, body);
        SendToOthers(ctx, new Data(id, body));
    }

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        var data = (Data)message;
        ctx.Label("Receive", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from), data);
        if (buffer.ContainsKey(data.Id) || HasDelivered(data.Id)) return;
        Relay(ctx, data.Id, from, data);
        if (noHoldback)
        {
            Deliver(ctx, data.Id, data.Body);
            return;
        }
        buffer.Add(data.Id, data.Body);
        var sender = data.Id.Sender;
        while (buffer.Remove(new MessageId(sender, deliveredFrom[sender] + 1), out var body))
            Deliver(ctx, new MessageId(sender, deliveredFrom[sender] + 1), body);
    }

    private protected override void HashAlgorithmState(ref StateHasher hasher)
    {
        hasher.Add(buffer.Count);
        foreach (var id in buffer.Keys) hasher.Add(id);
    }

    private void Deliver(INodeContext ctx, MessageId id, string body)
    {
        deliveredFrom[id.Sender] = Math.Max(deliveredFrom[id.Sender], id.Seq);
        DeliverToApplication(ctx, id, body);
    }
}
