using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>
/// The spec variables the heartbeat detectors share, computed from the world: alive, suspected,
/// period, network and crashed. A live node's variables are its own; a crashed node's are what it
/// last recorded (<see cref="HeartbeatMemory"/>), as the spec's Crash leaves them. The timers (and
/// ◇P's gst) are not observed: the conformance models leave them to the spec.
/// </summary>
public sealed class HeartbeatAbstraction(IWorldView world)
{
    private readonly int _nodes = world.NodeCount;

    private HeartbeatMemory MemoryOf(int node) => world.IsUp(node) && world.Node(node) is HeartbeatNode live
        ? new HeartbeatMemory(live.Alive, live.Suspected, live.Period)
        : world.Durable(node) as HeartbeatMemory ?? throw new InvalidOperationException($"{SpecNames.Node(node)} recorded no state");

    public Value Alive() => SpecValues.PerNode(_nodes, node => MemoryOf(node).Alive.ToSpec());

    public Value Suspected() => SpecValues.PerNode(_nodes, node => MemoryOf(node).Suspected.ToSpec());

    public Value Period() => SpecValues.PerNode(_nodes, node => IntValue.Of(MemoryOf(node).Period));

    public Value Network() => HeartbeatValues.Network(world, _nodes);

    public Value Crashed() => SpecValues.NodeSet(Enumerable.Range(0, _nodes).Where(world.HasCrashed));
}
