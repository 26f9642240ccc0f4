using Verification.Protocols.FailureDetectors.Common;
using Verification.Protocols.FailureDetectors.PerfectFailureDetector;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.FailureDetectors;

public class PerfectFailureDetectorTests
{
    private static readonly PerfectFailureDetectorSystem System = new();

    [Fact]
    public void A_timeout_shorter_than_a_round_trip_suspects_a_live_node()
    {
        var bug = Explore.AssertFindsBug(System, PerfectFailureDetectorSystem.ShortTimeout, FailureDetectorTestKit.Budget("random", 200), "StrongAccuracy");
        Assert.Contains("which has not crashed", bug.Message);
        // The suspicion comes from a timeout, with some reply still on its way.
        Assert.StartsWith("Timeout(", bug.Trace[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_correct_detector_never_suspects_a_live_node_and_suspects_the_crashed_one() =>
        Explore.AssertNoBug(System, null, FailureDetectorTestKit.Budget("random", 100));

    /// <summary>A detector that never suspects anyone: strong completeness is a liveness bug once a node crashed.</summary>
    private sealed class NeverSuspects(int nodes) : HeartbeatNode(nodes)
    {
        public override int Period => 3;

        protected override void Timeout(INodeContext ctx)
        {
        }
    }

    [Fact]
    public void A_detector_that_never_suspects_breaks_strong_completeness()
    {
        var scenario = System.CreateScenario(null) with { CreateNode = _ => new NeverSuspects(3) };
        var bug = Explore.AssertFindsBug("NeverSuspects", () => scenario, FailureDetectorTestKit.Budget("random", 20), "liveness:StrongCompleteness");
        Assert.Contains("crashed, but", bug.Message);
    }
}
