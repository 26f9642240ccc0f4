namespace Verification.Systematic.Runtime;

/// <summary>
/// A protocol node as a sans-I/O state machine. Every handler runs to completion, mutates only the
/// node's own fields and acts on the world only through <see cref="INodeContext"/>: no threads,
/// clocks, randomness or I/O, so the explorer controls every source of nondeterminism and every
/// schedule can be replayed.
/// </summary>
/// <remarks>
/// A node object holds volatile state only. When the world crashes a node it drops the object;
/// on restart it builds a fresh one with the scenario's factory and calls
/// <see cref="OnRestart"/> with what the node last passed to <see cref="INodeContext.Persist"/>.
/// </remarks>
public interface INode
{
    /// <summary>First boot, before any other event reaches the node.</summary>
    void OnStart(INodeContext ctx);

    /// <summary>Boot after a crash; <paramref name="durableState"/> is the last persisted value, or null.</summary>
    void OnRestart(INodeContext ctx, object? durableState);

    /// <summary>A message sent by node <paramref name="from"/> has been delivered.</summary>
    void OnMessage(INodeContext ctx, int from, object message);

    /// <summary>The logical timer named <paramref name="timer"/> fired (it is no longer pending).</summary>
    void OnTimer(INodeContext ctx, string timer);

    /// <summary>A client of this node issued a request from the scenario's workload.</summary>
    void OnClientRequest(INodeContext ctx, ClientRequest request);
}

/// <summary>
/// Optional: a node that can summarize its state canonically lets exhaustive exploration prune
/// world states it has already visited. Equal states must give equal hashes within one process.
/// </summary>
public interface IStateHash
{
    ulong StateHash();
}
