using System.Globalization;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Gossip;

/// <summary>What a broadcast algorithm cost over a set of explorer runs.</summary>
/// <param name="Sends">Messages the nodes sent (lost ones included: the sender paid for them).</param>
/// <param name="Deliveries">Distinct (node, message) deliveries.</param>
/// <param name="SendsByType">Sends per message type name, to tell an algorithm's own messages from helper traffic (e.g. a failure detector's pings).</param>
public sealed record BroadcastCost(int Iterations, int NodeCount, long Broadcasts, long Sends, long Lost, long Deliveries, IReadOnlyDictionary<string, long> SendsByType)
{
    public double MessagesPerBroadcast => Broadcasts == 0 ? 0 : (double)Sends / Broadcasts;

    /// <summary>Sends of the given message types per broadcast.</summary>
    public double MessagesPerBroadcastOf(params string[] types) =>
        Broadcasts == 0 ? 0 : (double)types.Sum(t => SendsByType.GetValueOrDefault(t)) / Broadcasts;

    /// <summary>The fraction of (node, broadcast) pairs that ended in a delivery.</summary>
    public double DeliveryRatio => Broadcasts == 0 ? 0 : (double)Deliveries / (Broadcasts * NodeCount);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Iterations} runs, {Broadcasts} broadcasts: {MessagesPerBroadcast:0.00} messages per broadcast, delivery ratio {DeliveryRatio:0.000}");
}

/// <summary>
/// Measures broadcast algorithms with the explorer: runs a scenario for a fixed number of random
/// schedules (fixed seed), counts every Send through a <see cref="LossyLinkNode"/> wrapper and
/// every broadcast and delivery through the suite's conventions (BroadcastIssued, Delivery).
/// Runs must end quiescent and bug-free: a measurement of a failing run would be meaningless.
/// </summary>
public static class BroadcastMeasurement
{
    /// <summary>
    /// Measures a registered system's scenario (its correct version). With <paramref name="failureFree"/>
    /// the scenario's faults are switched off (links keep their ordering), which gives the
    /// textbook cost of a broadcast; without it, the cost under the scenario's own fault model.
    /// </summary>
    public static BroadcastCost Measure(SystemDefinition system, int iterations, ulong seed, bool failureFree = false) =>
        Measure(system.Name, () => WithoutFaults(system.CreateScenario(null), failureFree), iterations, seed, lossPercent: 0, system.DefaultMaxSteps * 10);

    private static Scenario WithoutFaults(Scenario scenario, bool failureFree) => !failureFree ? scenario : scenario with
    {
        Faults = new FaultModel { Reordering = scenario.Faults.Reordering },
    };

    public static BroadcastCost Measure(string name, Func<Scenario> createScenario, int iterations, ulong seed, int lossPercent, int maxSteps)
    {
        var meter = new LinkMeter();
        var tally = new DeliveryTally();
        var nodeCount = 0;
        Scenario Wrapped()
        {
            var inner = createScenario();
            nodeCount = inner.NodeCount;
            return new Scenario
            {
                NodeCount = inner.NodeCount,
                CreateNode = i => new LossyLinkNode(inner.CreateNode(i), lossPercent, meter),
                Workload = inner.Workload,
                Faults = inner.Faults,
                RepliesExpected = inner.RepliesExpected,
                // The nodes are wrapped, so a refinement mapping cannot read them: the spec's invariants are left out.
                CreateMonitors = () => [.. inner.CreateMonitors().Where(static m => m is not SpecInvariants.SpecInvariantMonitor), new TallyMonitor(tally)],
            };
        }
        var report = TestingEngine.Run(name, Wrapped, new TestConfiguration
        {
            Strategy = "random",
            Iterations = iterations,
            Seed = seed,
            MaxSteps = maxSteps,
            DeterminismCheck = false,
            Shrink = false,
        });
        if (report.Bug is { } bug)
            throw new InvalidOperationException($"cannot measure {name}: run {bug.IterationNumber} failed ({bug.Detector}: {bug.Message})");
        return new BroadcastCost(report.Iterations, nodeCount, tally.Broadcasts, meter.Sent, meter.Lost, tally.Deliveries, meter.SentByType);
    }

    private sealed class DeliveryTally
    {
        public long Broadcasts;
        public long Deliveries;
    }

    /// <summary>Counts broadcasts and first deliveries of one run into the shared tally.</summary>
    private sealed class TallyMonitor(DeliveryTally tally) : SpecMonitor
    {
        private readonly HashSet<(int Node, MessageId Id)> delivered = [];

        public override string Name => "Measurement";

        public override void OnEvent(MonitorEvent e, IWorldView world)
        {
            switch (e)
            {
                case Observed { Observation: BroadcastIssued }:
                    tally.Broadcasts++;
                    break;
                case Delivered { Value: Delivery delivery } d when delivered.Add((d.Node, delivery.Id)):
                    tally.Deliveries++;
                    break;
            }
        }
    }
}
