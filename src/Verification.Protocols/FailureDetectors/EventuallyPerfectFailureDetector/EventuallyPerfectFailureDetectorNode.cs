using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.FailureDetectors.EventuallyPerfectFailureDetector;

/// <summary>
/// The eventually perfect failure detector ◇P (specs/failure-detectors/EventuallyPerfectFailureDetector.tla;
/// Cachin, Guerraoui and Rodrigues, algorithm 2.7 "Increasing Timeout"): when its timer fires, the
/// node suspects the nodes that did not answer and restores the suspected ones that did; having
/// suspected a live node, it waits one time unit longer from then on (up to <see cref="MaxPeriod"/>).
/// </summary>
/// <param name="neverUnsuspect">Seeded bug "never-unsuspect": a suspected node stays suspected even when it answers.</param>
public sealed class EventuallyPerfectFailureDetectorNode(int nodes, bool neverUnsuspect = false) : HeartbeatNode(nodes)
{
    /// <summary>Spec: MaxPeriod, the longest period (the conformance model's constant): 3 units outlast a round trip.</summary>
    public const int MaxPeriod = 3;

    /// <summary>Spec: period[p], 1 at first.</summary>
    public override int Period => period;

    private int period = 1;

    protected override void Timeout(INodeContext ctx)
    {
        var wrong = Alive.Intersect(Suspected);
        var missing = Others(ctx.Self).Minus(Alive);
        if (!wrong.IsEmpty) period = Math.Min(period + 1, MaxPeriod);
        Suspected = (neverUnsuspect ? Suspected : Suspected.Minus(Alive)).Union(missing);
    }
}
