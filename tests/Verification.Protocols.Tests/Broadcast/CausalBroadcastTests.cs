using Verification.Protocols.Broadcast.CausalBroadcast;
using Verification.Protocols.Broadcast.Gossip;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class CausalBroadcastTests
{
    private static readonly CausalBroadcastSystem System = new();

    // Measured with the random strategy over seeds 1-10: strict-compare shows in iteration 0 every
    // time and ignore-own by iteration 6; 200 iterations leave a wide margin.
    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 200 };

    [Fact]
    public void Strict_compare_leaves_messages_undelivered_forever() =>
        Explore.AssertFindsBug(System, CausalBroadcastSystem.StrictCompare, Budget, "liveness:Validity");

    [Fact]
    public void Ignoring_own_messages_breaks_causal_order() =>
        Explore.AssertFindsBug(System, CausalBroadcastSystem.IgnoreOwn, Budget, "CausalOrder");

    [Fact]
    public void The_correct_algorithm_survives_pct() =>
        Explore.AssertNoBug(System, null, Budget with { Strategy = "pct", Iterations = 100 });


    [Fact]
    public void A_broadcast_costs_one_message_per_node_and_reaches_every_node()
    {
        // Three nodes: the broadcaster sends Msg to every node, itself included.
        var cost = BroadcastMeasurement.Measure(System, iterations: 50, seed: 1);
        Assert.Equal(3.0, cost.MessagesPerBroadcast);
        Assert.Equal(1.0, cost.DeliveryRatio);
    }
}
