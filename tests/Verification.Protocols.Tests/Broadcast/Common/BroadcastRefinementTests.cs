using Verification.Protocols.Broadcast.BestEffortBroadcast;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Broadcast.EagerReliableBroadcast;
using Verification.Protocols.Broadcast.FifoBroadcast;
using Verification.Protocols.Broadcast.LazyReliableBroadcast;
using Verification.Protocols.Broadcast.UniformReliableBroadcast;
using Verification.Protocols.Modeling;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>
/// The refinement mappings, checked along explored runs: after every step the abstract state has
/// the spec's variables, and its delivered and crashed agree with what the monitors observed.
/// </summary>
public class BroadcastRefinementTests
{
    /// <summary>Maps the world after every step and compares it with the observed deliveries and crashes.</summary>
    private sealed class RefinementProbe(Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState, string[] variables, int participants) : SpecMonitor
    {
        private readonly List<MessageId>[] observed = Enumerable.Range(0, participants).Select(_ => new List<MessageId>()).ToArray();

        public static int StatesChecked;

        public override void OnEvent(MonitorEvent e, IWorldView world)
        {
            switch (e)
            {
                case Delivered { Value: Delivery delivery } delivered:
                    observed[delivered.Node].Add(delivery.Id);
                    break;
                case StepCompleted:
                    Check(world);
                    break;
            }
        }

        private void Check(IWorldView world)
        {
            var state = abstractState(world);
            Assert(state.Keys.SequenceEqual(variables), $"variables {string.Join(", ", state.Keys)}");
            var delivered = FunctionValue.AsFinite(state["delivered"]);
            for (var node = 0; node < participants; node++)
            {
                var log = FunctionValue.AsFinite(delivered.Apply(SpecValues.Node(node)));
                var expected = BroadcastValues.Log(observed[node]);
                Assert(log.Equals(expected), $"delivered[{SpecNames.Node(node)}] = {log}, but the node delivered {expected}");
            }
            var crashed = SpecValues.NodeSet(Enumerable.Range(0, participants).Where(world.HasCrashed));
            Assert(state["crashed"].Equals(crashed), $"crashed = {state["crashed"]}, expected {crashed}");
            Interlocked.Increment(ref StatesChecked);
        }
    }

    private static void CheckAlongRuns(SystemDefinition system, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState, string[] variables, int participants)
    {
        var before = RefinementProbe.StatesChecked;
        Explore.AssertNoBug(system.Name, () =>
        {
            var scenario = system.CreateScenario(null);
            return scenario with
            {
                CreateMonitors = () => [.. scenario.CreateMonitors(), new RefinementProbe(abstractState, variables, participants)],
            };
        }, new TestConfiguration { Iterations = 200, Seed = 1, MaxSteps = system.DefaultMaxSteps });
        Assert.True(RefinementProbe.StatesChecked - before > 1_000, "the probe must have checked states along the runs");
    }

    [Fact]
    public void BestEffortBroadcast_mapping_follows_the_runs() =>
        CheckAlongRuns(new BestEffortBroadcastSystem(), BestEffortBroadcastRefinement.AbstractState, ["sent", "outbox", "network", "delivered", "crashed"], 3);

    [Fact]
    public void EagerReliableBroadcast_mapping_follows_the_runs() =>
        CheckAlongRuns(new EagerReliableBroadcastSystem(), EagerReliableBroadcastRefinement.AbstractState, ["sent", "outbox", "network", "delivered", "crashed"], 3);

    [Fact]
    public void LazyReliableBroadcast_mapping_follows_the_runs() =>
        CheckAlongRuns(new LazyReliableBroadcastSystem(), world => LazyReliableBroadcastRefinement.AbstractState(world, 3), ["sent", "outbox", "network", "delivered", "crashed", "correct"], 3);

    [Fact]
    public void UniformReliableBroadcast_mapping_follows_the_runs() =>
        CheckAlongRuns(new UniformReliableBroadcastSystem(), world => UniformReliableBroadcastRefinement.AbstractState(world, 2), ["sent", "outbox", "network", "delivered", "crashed", "pending", "ack"], 3);

    [Fact]
    public void FifoBroadcast_mapping_follows_the_runs() =>
        CheckAlongRuns(new FifoBroadcastSystem(), FifoBroadcastRefinement.AbstractState, ["sent", "outbox", "network", "delivered", "buffer", "crashed"], 3);

    [Fact]
    public void Mapping_writes_the_specs_values()
    {
        Assert.Equal("<<n1, 2>>", BroadcastValues.Id(new MessageId(0, 2)).ToString());
        Assert.Equal("[from |-> n2, id |-> <<n1, 1>>, to |-> n3]", BroadcastValues.Copy(1, 2, new MessageId(0, 1)).ToString());
    }
}
