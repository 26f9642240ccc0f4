using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>A rumor pushed from node to node; <paramref name="Round"/> counts the hops it has made since its broadcaster.</summary>
public sealed record Rumor(MessageId Id, string Body, int Round)
{
    public override string ToString() => $"Rumor({Id}, round {Round})";
}
