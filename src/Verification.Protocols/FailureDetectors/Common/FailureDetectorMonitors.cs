using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>A detector property over the live nodes' suspicions, evaluated after every step.</summary>
public abstract class FailureDetectorMonitor : SpecMonitor
{
    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is RunStarted or StepCompleted) Check(world);
    }

    protected abstract void Check(IWorldView world);

    /// <summary>The live detector node <paramref name="node"/>, or null once it crashed.</summary>
    protected static HeartbeatNode? Live(IWorldView world, int node) => world.IsUp(node) ? world.Node(node) as HeartbeatNode : null;

    /// <summary>The first pair (p, q) of live p and the q p suspects for which <paramref name="wrong"/> holds.</summary>
    protected static (int P, int Q)? FindSuspicion(IWorldView world, Func<int, HeartbeatNode, int, bool> wrong)
    {
        for (var p = 0; p < world.NodeCount; p++)
        {
            if (Live(world, p) is not { } detector) continue;
            for (var q = 0; q < world.NodeCount; q++)
                if (wrong(p, detector, q)) return (p, q);
        }
        return null;
    }
}

/// <summary>Strong accuracy (safety, P): no node is suspected before it crashes.</summary>
public sealed class StrongAccuracyMonitor : FailureDetectorMonitor
{
    public override string Name => "StrongAccuracy";

    protected override void Check(IWorldView world)
    {
        if (FindSuspicion(world, (_, detector, q) => detector.Suspected.Contains(q) && !world.HasCrashed(q)) is { } pair)
            Assert(false, $"{SpecNames.Node(pair.P)} suspects {SpecNames.Node(pair.Q)}, which has not crashed");
    }
}

/// <summary>Strong completeness (liveness, P and ◇P): every crashed node is eventually suspected by every correct node. Hot while one is not.</summary>
public sealed class StrongCompletenessMonitor : FailureDetectorMonitor
{
    public override string Name => "StrongCompleteness";

    protected override void Check(IWorldView world)
    {
        if (FindSuspicion(world, (_, detector, q) => world.HasCrashed(q) && !detector.Suspected.Contains(q)) is { } pair)
            Hot($"{SpecNames.Node(pair.Q)} crashed, but {SpecNames.Node(pair.P)} does not suspect it");
        else Cold();
    }
}

/// <summary>Eventual strong accuracy (liveness, ◇P): eventually no correct node is suspected by a correct node. Hot while one is.</summary>
public sealed class EventualStrongAccuracyMonitor : FailureDetectorMonitor
{
    public override string Name => "EventualStrongAccuracy";

    protected override void Check(IWorldView world)
    {
        if (FindSuspicion(world, (_, detector, q) => detector.Suspected.Contains(q) && world.IsUp(q)) is { } pair)
            Hot($"{SpecNames.Node(pair.P)} suspects {SpecNames.Node(pair.Q)}, which is alive");
        else Cold();
    }
}
