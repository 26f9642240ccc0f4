using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Broadcast.CausalBroadcast;

/// <summary>
/// The spec's Msg [id, deps]: a broadcast message with its causal dependencies (what its sender
/// had delivered, with the sender's own entry counting its earlier broadcasts). Body is the
/// application payload, which the spec abstracts away.
/// </summary>
public sealed record Msg(MessageId Id, string Body, VectorClock Deps)
{
    public override string ToString() => $"Msg({Id}, deps {Deps})";
}
