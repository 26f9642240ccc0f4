namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>Spec: a message [type |-> "HeartbeatRequest", from, to]: are you alive?</summary>
public sealed record HeartbeatRequest
{
    public override string ToString() => "HeartbeatRequest";
}

/// <summary>Spec: a message [type |-> "HeartbeatReply", from, to]: the answer to a <see cref="HeartbeatRequest"/>.</summary>
public sealed record HeartbeatReply
{
    public override string ToString() => "HeartbeatReply";
}

/// <summary>
/// What a detector node keeps on record (<c>INodeContext.Persist</c>): the nodes that answered it, the
/// nodes it suspects and its period. Nothing restarts from it (nodes crash and stay crashed); the
/// refinement mapping reads a crashed node's variables from it, which the spec's Crash leaves unchanged.
/// </summary>
public sealed record HeartbeatMemory(NodeMask Alive, NodeMask Suspected, int Period);
