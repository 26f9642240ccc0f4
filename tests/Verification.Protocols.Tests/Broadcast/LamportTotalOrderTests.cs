using Verification.Protocols.Broadcast.Gossip;
using Verification.Protocols.Broadcast.LamportTotalOrder;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class LamportTotalOrderTests
{
    private static readonly LamportTotalOrderSystem System = new();

    // Measured with the random strategy over seeds 1-10: deliver-early shows by iteration 1;
    // 200 iterations leave a wide margin.
    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 200 };

    [Fact]
    public void Delivering_before_hearing_from_every_node_breaks_total_order() =>
        Explore.AssertFindsBug(System, LamportTotalOrderSystem.DeliverEarly, Budget, SpecInvariantCheck.Detector("TotalOrder"));

    [Fact]
    public void The_correct_algorithm_survives_pct() =>
        Explore.AssertNoBug(System, null, Budget with { Strategy = "pct", Iterations = 100 });


    [Fact]
    public void A_broadcast_costs_n_minus_1_messages_and_n_minus_1_squared_acks()
    {
        // Three nodes: Msg to the two others, each of which acknowledges to its two others.
        var cost = BroadcastMeasurement.Measure(System, iterations: 50, seed: 1);
        Assert.Equal(6.0, cost.MessagesPerBroadcast);
        Assert.Equal(1.0, cost.DeliveryRatio);
        Assert.Equal(2.0, cost.MessagesPerBroadcastOf("Msg"));
        Assert.Equal(4.0, cost.MessagesPerBroadcastOf("Ack"));
    }
}
