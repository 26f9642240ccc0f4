using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace TwoPhaseCommit;

/// <summary>Atomicity, after every step: no resource manager has committed while another has aborted (the spec's Consistent).</summary>
public sealed class ConsistencyMonitor : SpecMonitor
{
    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not StepCompleted) return;
        string? committed = null, aborted = null;
        for (var node = 1; node < world.NodeCount; node++)
        {
            var state = TwoPhaseCommitRefinement.StateOf(world, node);
            if (state == "committed") committed ??= SpecNames.Node(node);
            if (state == "aborted") aborted ??= SpecNames.Node(node);
        }
        Assert(committed is null || aborted is null, $"{committed} committed while {aborted} aborted");
    }
}
