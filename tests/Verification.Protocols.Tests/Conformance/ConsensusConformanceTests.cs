using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Conformance;

/// <summary>
/// Explored runs of Paxos and Multi-Paxos validated against specs/consensus/Paxos.tla and
/// MultiPaxos.tla through their refinement mappings (msgs from the world's history of sent
/// messages): the correct systems conform on every schedule (random, PCT, POS; loss, duplication,
/// reordering, crash and restart on, as their scenarios set them) and coverage shows every action
/// of the spec exercised, Crash included; every seeded bug is rejected by conformance alone (the
/// system's monitors off) with a diagnosis naming the action the bug breaks.
/// </summary>
public sealed class ConsensusConformanceTests
{
    public static TheoryData<string> Systems => new() { "Paxos", "MultiPaxos" };

    [Theory]
    [MemberData(nameof(Systems))]
    public void Correct_runs_conform_on_every_schedule_and_cover_every_action(string name) =>
        // Two workers in the kit's parallel run also exercise one sent-message history per world.
        ConformanceTestKit.AssertCorrectRunsConform(name, iterations: 100, minimumSteps: 10_000);

    // Random, seed 1, 1,000 iterations; where the system's own monitors find the same bug in that
    // budget (seed 1, random, monitors only):
    //   no-adopt            conformance iteration 10 (step 39, Phase2a)   monitors iteration 10 (step 41, Agreement)
    //   forget-promise      conformance iteration 5 (step 7, Crash)       monitors iteration 339 (Agreement)
    //   shared-ballot       conformance iteration 0 (step 12, Phase1a)    monitors iteration 0 (step 34, Agreement)
    //   skip-recovery       conformance iteration 1 (step 116, BecomeLeader) monitors iteration 1 (step 147, Agreement)
    //   apply-out-of-order  conformance iteration 4 (step 39, Learn)      monitors iteration 4 (step 39, InOrder)
    [Theory]
    // The promises report a vote, and Phase2a proposes the proposer's own value instead of SafeValue:
    // msgs has an Accept with the proposer's value where the spec's has one with the voted value.
    [InlineData("Paxos", "no-adopt", "Phase2a", "msgs",
        @"msgs: only in the trace: \[bal \|-> (\d+), type \|-> ""Accept"", val \|-> v\d\]; only in Phase2a's value: \[bal \|-> \1, type \|-> ""Accept"", val \|-> v\d\]")]
    // The spec's Crash keeps maxBal (it is durable); the acceptor that persisted only its votes
    // loses its promise: the crashed node (Crash(n2)) is the instance examined, its maxBal the difference.
    [InlineData("Paxos", "forget-promise", "Crash", "maxBal", @"Instance examined: n = n2\n(.|\n)*maxBal: at n2: the trace has -1, Crash's value \d+")]
    // Phase1a takes a ballot another proposer already used (a Prepare with it is in msgs).
    [InlineData("Paxos", "shared-ballot", "Phase1a", "pBal", null)]
    // The new leader proposes its own log, not what Recovered(P) makes of the promises.
    [InlineData("MultiPaxos", "skip-recovery", "BecomeLeader", "pProposals", null)]
    // Learn sets applied to Prefix(decided), not to a slot above a hole.
    [InlineData("MultiPaxos", "apply-out-of-order", "Learn", "applied", null)]
    public void Seeded_bugs_are_rejected_by_conformance_alone(string name, string bug, string action, string variable, string? detail)
    {
        var report = ConformanceTestKit.AssertRejectedByConformanceAlone(name, bug, action);
        Assert.True(report.Bug!.Message.Contains($"    {variable}: ", StringComparison.Ordinal), report.Bug!.Message);
        if (detail is not null) Assert.Matches(detail, report.Bug!.Message);
        ConformanceTestKit.AssertExaminesTheActingNode(report);
    }

    [Fact]
    public void The_history_of_sent_messages_is_mapped_once_per_message_and_restarts_with_each_run()
    {
        var converted = 0;
        var set = new SentMessageSet(message =>
        {
            converted++;
            return message is string s ? StringValue.Of(s) : null;
        });
        var world = new FakeWorld();
        world.Send("a");
        world.Send(42);
        Assert.Equal(1, set.Of(world).Length);
        world.Send("a");
        world.Send("b");
        Assert.Equal(2, set.Of(world).Length);
        Assert.Equal(4, converted);
        Assert.Same(set.Of(world), set.Of(world));

        // A new run in the same world, as long as the last one: the world starts a new history list.
        world.Reset();
        foreach (var message in new object[] { "c", 1, 2, 3 }) world.Send(message);
        Assert.Equal(["c"], set.Of(world).Elements.ToArray().Select(v => ((StringValue)v).Value));
    }

    private sealed class FakeWorld : IWorldView
    {
        private List<Envelope> sent = [];

        public void Send(object message) => sent.Add(new(sent.Count, 0, 1, message));

        public void Reset() => sent = [];

        public int NodeCount => 2;
        public long Step => sent.Count;
        public bool IsUp(int node) => true;
        public bool HasCrashed(int node) => false;
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
        public IReadOnlyList<Envelope> Sent => sent;
    }
}
