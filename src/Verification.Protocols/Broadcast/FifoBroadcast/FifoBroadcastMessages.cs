using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.FifoBroadcast;

/// <summary>Spec: a copy [from, to, id] of message id; id.Seq is the sender's sequence number.</summary>
public sealed record Data(MessageId Id, string Body)
{
    public override string ToString() => $"Data({Id}, {Body})";
}
