using System.Globalization;
using Verification.Protocols.Broadcast.Gossip;
using Verification.Systematic.Engine;
using Xunit.Abstractions;

namespace Verification.Protocols.Tests.Broadcast;

public class GossipTests(ITestOutputHelper output)
{
    private static readonly GossipSystem System = new();

    // Measured with the random strategy over seeds 1-10: no-dedup shows in iteration 0 every time.
    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 200 };

    private static readonly int[] Fanouts = [1, 2, 3, 4];
    private static readonly int[] LossRates = [0, 10, 30];

    [Fact]
    public void Forgetting_seen_rumors_delivers_duplicates() =>
        Explore.AssertFindsBug(System, GossipSystem.NoDedup, Budget, "NoDuplication");


    /// <summary>
    /// Gossip is probabilistic, so its reach is measured rather than asserted: the table of
    /// docs/broadcast.md (10 nodes, 3 rounds, 200 runs per cell, seed 1), checked for its shape.
    /// More fanout reaches more nodes and costs more messages; more loss reaches fewer.
    /// </summary>
    [Fact]
    public void Delivery_ratio_grows_with_fanout_and_shrinks_with_loss()
    {
        var rows = GossipMeasurement.Run(nodeCount: 10, rounds: 3, Fanouts, LossRates, iterations: 200, seed: 1);
        foreach (var row in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fanout {row.Fanout}, loss {row.LossPercent,2}%: delivery ratio {row.Cost.DeliveryRatio:0.000}, {row.Cost.MessagesPerBroadcast:0.0} messages per broadcast"));

        GossipMeasurementRow At(int fanout, int loss) => rows.Single(r => r.Fanout == fanout && r.LossPercent == loss);
        foreach (var loss in LossRates)
            for (var i = 1; i < Fanouts.Length; i++)
            {
                Assert.True(At(Fanouts[i], loss).Cost.DeliveryRatio >= At(Fanouts[i - 1], loss).Cost.DeliveryRatio,
                    $"delivery ratio fell from fanout {Fanouts[i - 1]} to {Fanouts[i]} at {loss}% loss");
                Assert.True(At(Fanouts[i], loss).Cost.MessagesPerBroadcast > At(Fanouts[i - 1], loss).Cost.MessagesPerBroadcast,
                    $"messages per broadcast did not grow from fanout {Fanouts[i - 1]} to {Fanouts[i]} at {loss}% loss");
            }
        foreach (var fanout in Fanouts)
            for (var i = 1; i < LossRates.Length; i++)
                Assert.True(At(fanout, LossRates[i]).Cost.DeliveryRatio <= At(fanout, LossRates[i - 1]).Cost.DeliveryRatio,
                    $"delivery ratio grew from {LossRates[i - 1]}% to {LossRates[i]}% loss at fanout {fanout}");

        // Without loss, fanout 1 is a random walk of 3 hops: it reaches at most 4 of the 10 nodes.
        Assert.True(At(1, 0).Cost.DeliveryRatio <= 0.4);
        Assert.True(At(4, 0).Cost.DeliveryRatio > 0.9);
    }

    [Fact]
    public void Without_loss_every_infected_node_pushes_exactly_fanout_messages_per_hop()
    {
        // One round: only the broadcaster pushes, to k distinct peers, so exactly k + 1 nodes deliver.
        var row = GossipMeasurement.Run(nodeCount: 10, rounds: 1, [3], [0], iterations: 50, seed: 1).Single();
        Assert.Equal(3.0, row.Cost.MessagesPerBroadcast);
        Assert.Equal(0.4, row.Cost.DeliveryRatio, precision: 10);
    }
}
