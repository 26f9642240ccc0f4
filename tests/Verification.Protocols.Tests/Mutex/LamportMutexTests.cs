using Verification.Protocols.Mutex.Common;
using Verification.Protocols.Mutex.LamportMutex;
using Verification.Systematic.Engine;
using Verification.Tla.Checking;

namespace Verification.Protocols.Tests.Mutex;

public class LamportMutexTests
{
    private static readonly LamportMutexSystem System = new();

    // enter-at-head shows at schedule 2.
    private static readonly TestConfiguration Budget = MutexTestKit.Budget;

    /// <summary>
    /// Entering at the head of the queue first shows as entries out of request order (an earlier
    /// request still in flight is served after a later one); with that monitor removed, as two nodes inside at once.
    /// </summary>
    [Fact]
    public void Entering_at_the_head_of_the_queue_serves_requests_out_of_order_and_breaks_mutual_exclusion()
    {
        Explore.AssertFindsBug(System, LamportMutexSystem.EnterAtHead, Budget, "RequestOrderMonitor");
        Explore.AssertFindsBug(System.Name, () => System.CreateScenario(LamportMutexSystem.EnterAtHead) with { CreateMonitors = () => [new MutualExclusionMonitor()] },
            Budget, "MutualExclusionMonitor");
    }

    [Fact]
    public void The_specs_enter_at_head_model_breaks_mutual_exclusion()
    {
        var (result, output) = MutexTestKit.Check("LamportMutex", "MCLamportMutexBugEnterAtHead");

        Assert.True(result.Outcome == CheckOutcome.InvariantViolated, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Equal("MutualExclusion", result.Violated);
        // Request(n1), Enter(n1), Request(n2), Enter(n2): each alone in its own queue.
        Assert.Equal(5, result.Trace!.Count);
    }
}
