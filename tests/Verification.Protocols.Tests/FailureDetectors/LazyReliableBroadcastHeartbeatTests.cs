using Verification.Protocols.Broadcast.LazyReliableBroadcast;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.FailureDetectors;

public class LazyReliableBroadcastHeartbeatTests
{
    private static readonly LazyReliableBroadcastHeartbeatSystem System = new();

    [Fact]
    public void The_heartbeat_detector_reports_the_crash_and_a_node_that_ignores_it_breaks_agreement()
    {
        var bug = Explore.AssertFindsBug(System, LazyReliableBroadcastSystem.NoRelayOnCrash, FailureDetectorTestKit.Budget("random", 500), "liveness:Agreement");
        // The crash is detected by a node's own timeout (there is no detector node and no ping).
        Assert.Contains(bug.Trace, step => step.StartsWith("DetectCrash(", StringComparison.Ordinal));
        Assert.DoesNotContain(bug.Trace, step => step.StartsWith("DetectorPing", StringComparison.Ordinal));
    }
}
