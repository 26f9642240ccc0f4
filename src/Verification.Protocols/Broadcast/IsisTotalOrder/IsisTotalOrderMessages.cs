using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Broadcast.IsisTotalOrder;

/// <summary>The spec's Message [id]: the sender asks every node to order a new message. Body is the application payload.</summary>
public sealed record Message(MessageId Id, string Body)
{
    public override string ToString() => $"Message({Id})";
}

/// <summary>The spec's Proposal [id, ts]: a receiver's proposed timestamp, sent back to the sender.</summary>
public sealed record Proposal(MessageId Id, LamportTimestamp Ts)
{
    public override string ToString() => $"Proposal({Id}, {Ts})";
}

/// <summary>The spec's Agreed [id, ts]: the sender's final timestamp for the message, sent to every node.</summary>
public sealed record Agreed(MessageId Id, LamportTimestamp Ts)
{
    public override string ToString() => $"Agreed({Id}, {Ts})";
}

/// <summary>An entry of a node's hold-back queue: the spec's [id, ts, deliverable].</summary>
public sealed record QueueEntry(MessageId Id, string Body, LamportTimestamp Ts, bool Deliverable);
