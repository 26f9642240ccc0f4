using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>One cell of the gossip table: how far one broadcast reached, and what it cost, at a fanout and loss rate.</summary>
public sealed record GossipMeasurementRow(int Fanout, int LossPercent, BroadcastCost Cost);

/// <summary>
/// The gossip experiment of docs/broadcast.md: one broadcast from node 0 among
/// <c>nodeCount</c> nodes, pushed for <c>rounds</c> hops, under the random strategy with a fixed
/// seed, for every combination of fanout and loss rate.
/// </summary>
public static class GossipMeasurement
{
    public static IReadOnlyList<GossipMeasurementRow> Run(
        int nodeCount, int rounds, IEnumerable<int> fanouts, IEnumerable<int> lossPercents, int iterations, ulong seed)
    {
        var rows = new List<GossipMeasurementRow>();
        var workload = BroadcastWorkload.FromSenders(0);
        foreach (var loss in lossPercents)
            foreach (var fanout in fanouts)
            {
                var settings = new GossipSettings(fanout, rounds).Validate(nodeCount);
                var cost = BroadcastMeasurement.Measure(
                    $"Gossip(n={nodeCount},k={fanout},r={rounds},loss={loss}%)",
                    () => GossipSystem.CreateScenario(nodeCount, settings, forgetSeen: false, workload, FaultModel.Reliable),
                    iterations, seed, loss, maxSteps: 10_000);
                rows.Add(new GossipMeasurementRow(fanout, loss, cost));
            }
        return rows;
    }
}
