using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Broadcast.Gossip;
using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class SequencerTotalOrderTests
{
    private static readonly SequencerTotalOrderSystem System = new();

    // Measured with the random strategy over seeds 1-10: no-fifo-sequencer shows in iteration 0
    // every time; 200 iterations leave a wide margin.
    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 200 };

    [Fact]
    public void Delivering_without_the_fifo_hold_back_breaks_total_order()
    {
        // Out-of-order numbered messages break both the total order and the senders' FIFO order;
        // whichever delivery the schedule makes first names the monitor.
        var bug = Explore.AssertFindsBug(System, SequencerTotalOrderSystem.NoFifoSequencer, Budget);
        Assert.Contains(bug.Detector, new[] { "TotalOrder", "FifoOrder" });
    }

    [Fact]
    public void The_total_order_monitor_alone_catches_the_bug()
    {
        Scenario TotalOrderOnly()
        {
            return System.CreateScenario(SequencerTotalOrderSystem.NoFifoSequencer) with { CreateMonitors = () => [new TotalOrderMonitor()] };
        }
        Explore.AssertFindsBug(System.Name, TotalOrderOnly, Budget, "TotalOrder");
    }

    [Fact]
    public void The_correct_algorithm_survives_the_same_budget() => Explore.AssertNoBug(System, null, Budget);

    [Fact]
    public void The_correct_algorithm_survives_pct() =>
        Explore.AssertNoBug(System, null, Budget with { Strategy = "pct", Iterations = 100 });


    [Fact]
    public void A_broadcast_costs_a_submit_plus_one_sequenced_message_per_node()
    {
        // Three nodes: one Submit to the sequencer, then one Sequenced copy to every node, itself included.
        var cost = BroadcastMeasurement.Measure(System, iterations: 50, seed: 1);
        Assert.Equal(4.0, cost.MessagesPerBroadcast);
        Assert.Equal(1.0, cost.DeliveryRatio);
        Assert.Equal(1.0, cost.MessagesPerBroadcastOf("Submit"));
        Assert.Equal(3.0, cost.MessagesPerBroadcastOf("Sequenced"));
    }
}
