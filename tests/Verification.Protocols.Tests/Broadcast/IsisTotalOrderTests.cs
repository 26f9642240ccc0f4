using Verification.Protocols.Broadcast.Gossip;
using Verification.Protocols.Broadcast.IsisTotalOrder;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class IsisTotalOrderTests
{
    private static readonly IsisTotalOrderSystem System = new();

    // Measured with the random strategy over seeds 1-10: min-agreement shows by iteration 2;
    // 200 iterations leave a wide margin.
    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 200 };

    [Fact]
    public void Agreeing_on_the_minimum_proposal_breaks_total_order() =>
        Explore.AssertFindsBug(System, IsisTotalOrderSystem.MinAgreement, Budget, SpecInvariantCheck.Detector("TotalOrder"));

    [Fact]
    public void The_correct_algorithm_survives_pct() =>
        Explore.AssertNoBug(System, null, Budget with { Strategy = "pct", Iterations = 100 });


    [Fact]
    public void A_broadcast_costs_three_messages_per_node()
    {
        // Three nodes: Message, Proposal and Agreed, each once per node (the sender included).
        var cost = BroadcastMeasurement.Measure(System, iterations: 50, seed: 1);
        Assert.Equal(9.0, cost.MessagesPerBroadcast);
        Assert.Equal(1.0, cost.DeliveryRatio);
        Assert.Equal(3.0, cost.MessagesPerBroadcastOf("Message"));
        Assert.Equal(3.0, cost.MessagesPerBroadcastOf("Proposal"));
        Assert.Equal(3.0, cost.MessagesPerBroadcastOf("Agreed"));
    }
}
