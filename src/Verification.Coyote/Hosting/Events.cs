using Microsoft.Coyote.Actors;
using Verification.Systematic.Runtime;

namespace Verification.Coyote.Hosting;

/// <summary>Hands the shared cluster to an actor when it is created.</summary>
internal sealed class Setup(Cluster cluster, int index) : Event
{
    public Cluster Cluster { get; } = cluster;

    /// <summary>The node (node and client actors) or the link (link actors) the actor stands for.</summary>
    public int Index { get; } = index;
}

/// <summary>A message the network hands to its receiver; <see cref="Incarnation"/> is the receiver's when it was handed over.</summary>
internal sealed class MessageArrived(Envelope envelope, long linkSeq, int incarnation) : Event
{
    public Envelope Envelope { get; } = envelope;
    public long LinkSeq { get; } = linkSeq;
    public int Incarnation { get; } = incarnation;
}

/// <summary>A client request issued to a node (its client waits for <see cref="RequestTaken"/> before the next one).</summary>
internal sealed class RequestArrived(ClientRequest request, int incarnation) : Event
{
    public ClientRequest Request { get; } = request;
    public int Incarnation { get; } = incarnation;
}

/// <summary>The node took the request (true) or was down and lost it, so the client issues it again later (false).</summary>
internal sealed class RequestTaken(bool taken) : Event
{
    public bool Taken { get; } = taken;
}

/// <summary>The nemesis restarts a crashed node: the node actor builds a fresh node and runs OnRestart.</summary>
internal sealed class RestartNode : Event
{
    public static RestartNode Instance { get; } = new();
}

/// <summary>One decision of a link actor: deliver, drop or duplicate one of the messages it holds.</summary>
internal sealed class LinkTurn : Event
{
    public static LinkTurn Instance { get; } = new();
}

/// <summary>A client continues with its next request (after a restart of its node, or at boot).</summary>
internal sealed class ClientTurn : Event
{
    public static ClientTurn Instance { get; } = new();
}

/// <summary>The node's logical timer <see cref="Name"/> is due; stale unless <see cref="Generation"/> is the timer's current one.</summary>
internal sealed class NodeTimerElapsed(string name, long generation, int incarnation) : Event
{
    public string Name { get; } = name;
    public long Generation { get; } = generation;

    /// <summary>The node's incarnation when the timer was started: a crash makes it stale.</summary>
    public int Incarnation { get; } = incarnation;
}

/// <summary>A restart completed: the waiting nemesis may have faults to inject again.</summary>
internal sealed class WakeNemesis : Event
{
    public static WakeNemesis Instance { get; } = new();
}
