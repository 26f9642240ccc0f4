using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>Spec: a copy [from, to, id] of message id, sent by its broadcaster or by a relaying process.</summary>
public sealed record Data(MessageId Id, string Body)
{
    public override string ToString() => $"Data({Id}, {Body})";
}

/// <summary>The failure detector reports that <paramref name="Node"/> crashed (spec: DetectCrash(p, Node)).</summary>
public sealed record Crashed(int Node)
{
    public override string ToString() => $"Crashed({SpecNames.Node(Node)})";
}

/// <summary>The failure detector asks whether a node is alive; not part of the algorithm (a stuttering step of the spec).</summary>
public sealed record Ping;

/// <summary>A node's answer to <see cref="Ping"/>.</summary>
public sealed record Pong;
