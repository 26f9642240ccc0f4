using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.EagerReliableBroadcast;

/// <summary>Spec: a copy [from, to, id] of message id, sent by its broadcaster or by a relaying process.</summary>
public sealed record Data(MessageId Id, string Body)
{
    public override string ToString() => $"Data({Id}, {Body})";
}
