using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.FailureDetectors.PerfectFailureDetector;

/// <summary>
/// The perfect failure detector P (specs/failure-detectors/PerfectFailureDetector.tla; Cachin,
/// Guerraoui and Rodrigues, algorithm 2.5 "Exclude on Timeout"): every Period time units the node
/// suspects, for good, every node that did not answer its last heartbeat request, and asks again.
/// Under synchrony a period longer than a round trip never suspects a live node.
/// </summary>
/// <param name="shortTimeout">Seeded bug "short-timeout": the period is 2 * Delta - 1, shorter than a round trip.</param>
public sealed class PerfectFailureDetectorNode(int nodes, bool shortTimeout = false) : HeartbeatNode(nodes)
{
    /// <summary>Spec: Delta, the longest delay of a message, in time units.</summary>
    public const int Delta = 1;

    /// <summary>Spec: Period, longer than a round trip of 2 * Delta (or, with the bug, shorter).</summary>
    public override int Period { get; } = shortTimeout ? 2 * Delta - 1 : 2 * Delta + 1;

    protected override void Timeout(INodeContext ctx) =>
        Suspected = Suspected.Union(Others(ctx.Self).Minus(Alive));
}
