using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.Common;

/// <summary>The replicas of a world as the CRDT monitors read them (every node is a replica).</summary>
internal static class Replicas
{
    public static ICrdtReplica? Of(IWorldView world, int node) => world.IsUp(node) ? world.Node(node) as ICrdtReplica : null;

    public static string AppliedText(ICrdtReplica replica) => "{" + string.Join(", ", replica.Applied) + "}";
}

/// <summary>
/// Strong eventual consistency, safety half (the spec's StrongConvergence), after every step:
/// replicas that have applied the same updates hold the same state.
/// </summary>
public sealed class StrongConvergenceMonitor : SpecMonitor
{
    public override string Name => "StrongConvergence";

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not StepCompleted) return;
        for (var p = 0; p < world.NodeCount; p++)
        {
            if (Replicas.Of(world, p) is not { } first) continue;
            for (var q = p + 1; q < world.NodeCount; q++)
            {
                if (Replicas.Of(world, q) is not { } second || !first.Applied.SequenceEqual(second.Applied)) continue;
                var (a, b) = (first.State.ToString(), second.State.ToString());
                Assert(a == b, $"{SpecNames.Node(p)} and {SpecNames.Node(q)} applied the same updates {Replicas.AppliedText(first)} but hold {a} and {b}");
            }
        }
    }
}

/// <summary>
/// Strong eventual consistency, liveness half (the spec's Convergence): every replica eventually
/// applies every update and all hold the same state. Hot while two replicas differ in either.
/// </summary>
public sealed class ConvergenceMonitor : SpecMonitor
{
    public override string Name => "Convergence";

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not (StepCompleted or RunStarted)) return;
        ICrdtReplica? reference = null;
        var referenceNode = -1;
        for (var p = 0; p < world.NodeCount; p++)
        {
            if (Replicas.Of(world, p) is not { } replica) continue;
            if (reference is null)
            {
                (reference, referenceNode) = (replica, p);
                continue;
            }
            if (!replica.Applied.SequenceEqual(reference.Applied))
            {
                Hot($"{SpecNames.Node(referenceNode)} applied {Replicas.AppliedText(reference)} but {SpecNames.Node(p)} applied {Replicas.AppliedText(replica)}");
                return;
            }
            if (replica.State.ToString() != reference.State.ToString())
            {
                Hot($"{SpecNames.Node(referenceNode)} holds {reference.State} but {SpecNames.Node(p)} holds {replica.State}, having applied the same updates");
                return;
            }
        }
        Cold();
    }
}
