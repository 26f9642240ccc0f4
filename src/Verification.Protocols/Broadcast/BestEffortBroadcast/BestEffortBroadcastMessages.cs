using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.BestEffortBroadcast;

/// <summary>Spec: a copy [from, to, id] on a link (from and to are the envelope's).</summary>
public sealed record Data(MessageId Id, string Body)
{
    public override string ToString() => $"Data({Id}, {Body})";
}
