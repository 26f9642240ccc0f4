using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Broadcast;

public class BroadcastMonitorTests
{
    private sealed class FakeWorld(int nodeCount) : IWorldView
    {
        public HashSet<int> Crashed { get; } = [];
        public int NodeCount => nodeCount;
        public long Step { get; set; }
        public bool IsUp(int node) => !Crashed.Contains(node);
        public bool HasCrashed(int node) => Crashed.Contains(node);
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    private static readonly MessageId M1 = new(0, 1);
    private static readonly MessageId M2 = new(0, 2);
    private static readonly MessageId Other = new(1, 1);

    private static void Broadcast(SpecMonitor monitor, IWorldView world, MessageId id) =>
        monitor.OnEvent(new Observed(id.Sender, new BroadcastIssued(id, $"body{id.Sender}.{id.Seq}")), world);

    private static void Deliver(SpecMonitor monitor, IWorldView world, int node, MessageId id, string? body = null) =>
        monitor.OnEvent(new Delivered(node, new Delivery(id, body ?? $"body{id.Sender}.{id.Seq}")), world);

    private static void EndStep(SpecMonitor monitor, FakeWorld world) =>
        monitor.OnEvent(new StepCompleted(++world.Step, StepLabel.Of("step")), world);

    [Fact]
    public void NoCreation_rejects_a_message_never_broadcast_or_with_another_body()
    {
        var world = new FakeWorld(3);
        var monitor = new NoCreationMonitor();
        Broadcast(monitor, world, M1);
        Deliver(monitor, world, 1, M1);
        var invented = Assert.Throws<MonitorViolation>(() => Deliver(monitor, world, 1, M2));
        Assert.Equal("NoCreation", invented.Monitor);
        Assert.Contains("<<n1, 2>>", invented.Violation, StringComparison.Ordinal);
        Assert.Throws<MonitorViolation>(() => Deliver(monitor, world, 2, M1, "forged"));
    }

    [Fact]
    public void NoDuplication_rejects_a_second_delivery_at_the_same_node_only()
    {
        var world = new FakeWorld(3);
        var monitor = new NoDuplicationMonitor();
        Broadcast(monitor, world, M1);
        Deliver(monitor, world, 0, M1);
        Deliver(monitor, world, 1, M1);
        var twice = Assert.Throws<MonitorViolation>(() => Deliver(monitor, world, 1, M1));
        Assert.Contains("n2 delivered <<n1, 1>> twice", twice.Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void FifoOrder_rejects_a_later_message_of_a_sender_delivered_first()
    {
        var world = new FakeWorld(3);
        var monitor = new FifoOrderMonitor();
        Broadcast(monitor, world, M1);
        Broadcast(monitor, world, Other);
        Broadcast(monitor, world, M2);
        // Interleaving senders is fine; within n1's messages the order is fixed.
        Deliver(monitor, world, 1, Other);
        Deliver(monitor, world, 1, M1);
        Deliver(monitor, world, 1, M2);
        var violation = Assert.Throws<MonitorViolation>(() => Deliver(monitor, world, 2, M2));
        Assert.Contains("before <<n1, 1>>", violation.Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Validity_is_hot_until_every_correct_node_delivers_a_correct_senders_message()
    {
        var world = new FakeWorld(3);
        var monitor = new ValidityMonitor();
        Broadcast(monitor, world, M1);
        Deliver(monitor, world, 0, M1);
        EndStep(monitor, world);
        Assert.True(monitor.IsHot);
        Deliver(monitor, world, 1, M1);
        world.Crashed.Add(2);
        EndStep(monitor, world);
        Assert.False(monitor.IsHot);
    }

    [Fact]
    public void Validity_owes_nothing_for_a_crashed_sender_and_in_sender_scope_only_the_sender_must_deliver()
    {
        var world = new FakeWorld(3);
        var everyone = new ValidityMonitor();
        var sender = new ValidityMonitor(ValidityScope.Sender);
        foreach (var monitor in new SpecMonitor[] { everyone, sender })
        {
            Broadcast(monitor, world, M1);
            Deliver(monitor, world, 0, M1);
            EndStep(monitor, world);
        }
        Assert.True(everyone.IsHot);
        Assert.False(sender.IsHot);
        world.Crashed.Add(0);
        EndStep(everyone, world);
        Assert.False(everyone.IsHot);
    }

    [Fact]
    public void Agreement_ignores_deliveries_of_crashed_nodes_but_uniform_agreement_does_not()
    {
        var world = new FakeWorld(3);
        var agreement = new AgreementMonitor();
        var uniform = new UniformAgreementMonitor();
        foreach (var monitor in new SpecMonitor[] { agreement, uniform })
        {
            Broadcast(monitor, world, M1);
            Deliver(monitor, world, 0, M1);
        }
        world.Crashed.Add(0);
        EndStep(agreement, world);
        EndStep(uniform, world);
        Assert.False(agreement.IsHot);
        Assert.True(uniform.IsHot);
        Assert.Contains("crashed n1", uniform.HotReason, StringComparison.Ordinal);

        Deliver(agreement, world, 1, M1);
        EndStep(agreement, world);
        Assert.True(agreement.IsHot);
        Assert.Contains("not yet by correct n3", agreement.HotReason, StringComparison.Ordinal);
        Deliver(agreement, world, 2, M1);
        EndStep(agreement, world);
        Assert.False(agreement.IsHot);
    }

    [Fact]
    public void Nodes_beyond_the_participants_owe_no_delivery()
    {
        var world = new FakeWorld(4);
        var monitor = new ValidityMonitor { Participants = 3 };
        Broadcast(monitor, world, M1);
        for (var node = 0; node < 3; node++) Deliver(monitor, world, node, M1);
        EndStep(monitor, world);
        Assert.False(monitor.IsHot);
    }

    [Fact]
    public void Workload_numbers_requests_and_bodies_in_order()
    {
        var workload = BroadcastWorkload.FromSenders(0, 0, 2);
        Assert.Equal([1, 2, 3], workload.Select(r => r.Id));
        Assert.Equal([0, 0, 2], workload.Select(r => r.Node));
        Assert.Equal(new BroadcastRequest("m3"), workload[2].Payload);
    }
}
