using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.UniformReliableBroadcast;

/// <summary>Spec: a copy [from, to, id] of message id; it also tells the receiver that `from` has seen and relayed id.</summary>
public sealed record Data(MessageId Id, string Body)
{
    public override string ToString() => $"Data({Id}, {Body})";
}
