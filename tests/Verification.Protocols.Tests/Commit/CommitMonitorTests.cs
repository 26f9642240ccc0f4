using Verification.Protocols.Commit.Common;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Commit;

public class CommitMonitorTests
{
    private sealed class FakeWorld(int nodeCount) : IWorldView
    {
        public HashSet<int> Down { get; } = [];
        public int NodeCount => nodeCount;
        public long Step { get; set; }
        public bool IsUp(int node) => !Down.Contains(node);
        public bool HasCrashed(int node) => Down.Contains(node);
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    private static readonly IReadOnlyList<int> Participants = [1, 2, 3];

    private static void Vote(SpecMonitor monitor, IWorldView world, int node, bool yes) =>
        monitor.OnEvent(new Observed(node, new Vote(node, yes)), world);

    private static void Decide(SpecMonitor monitor, IWorldView world, int node, Outcome outcome) =>
        monitor.OnEvent(new Delivered(node, outcome), world);

    private static void EndStep(SpecMonitor monitor, FakeWorld world) =>
        monitor.OnEvent(new StepCompleted(++world.Step, StepLabel.Of("step")), world);

    [Fact]
    public void Atomicity_rejects_a_commit_next_to_an_abort_and_a_changed_decision()
    {
        var world = new FakeWorld(4);
        var monitor = new AtomicityMonitor(Participants);
        Decide(monitor, world, 1, Outcome.Committed);
        Decide(monitor, world, 2, Outcome.Committed);
        var mixed = Assert.Throws<MonitorViolation>(() => Decide(monitor, world, 3, Outcome.Aborted));
        Assert.Equal("Atomicity", mixed.Monitor);
        Assert.Equal("n4 aborted while n2 committed", mixed.Violation);

        var changed = new AtomicityMonitor(Participants);
        Decide(changed, world, 1, Outcome.Aborted);
        Assert.Contains("n2 decided Committed after deciding Aborted", Assert.Throws<MonitorViolation>(() => Decide(changed, world, 1, Outcome.Committed)).Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Validity_rejects_a_commit_unless_every_participant_voted_yes()
    {
        var world = new FakeWorld(4);
        var monitor = new ValidityMonitor(Participants);
        Vote(monitor, world, 1, yes: true);
        Vote(monitor, world, 2, yes: true);
        Vote(monitor, world, 3, yes: false);
        Decide(monitor, world, 3, Outcome.Aborted);
        var early = Assert.Throws<MonitorViolation>(() => Decide(monitor, world, 1, Outcome.Committed));
        Assert.Equal("n2 committed although n4 never voted yes", early.Violation);

        var all = new ValidityMonitor(Participants);
        foreach (var node in Participants) Vote(all, world, node, yes: true);
        Decide(all, world, 2, Outcome.Committed);
    }

    [Fact]
    public void Termination_is_hot_while_a_participant_that_is_up_has_not_decided()
    {
        var world = new FakeWorld(4);
        var monitor = new TerminationMonitor(Participants);
        EndStep(monitor, world);
        Assert.True(monitor.IsHot);
        Assert.Equal("n2 has not decided", monitor.HotReason);

        Decide(monitor, world, 1, Outcome.Aborted);
        Decide(monitor, world, 2, Outcome.Aborted);
        world.Down.Add(3);
        EndStep(monitor, world);
        Assert.False(monitor.IsHot);

        world.Down.Remove(3);
        EndStep(monitor, world);
        Assert.Equal("n4 has not decided", monitor.HotReason);
    }
}
