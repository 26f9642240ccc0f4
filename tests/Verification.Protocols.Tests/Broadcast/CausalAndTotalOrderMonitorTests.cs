using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>The ordering monitors on hand-written histories: each must flag exactly the histories its property forbids.</summary>
public class CausalAndTotalOrderMonitorTests
{
    private sealed class QuietWorld : IWorldView
    {
        public int NodeCount => 3;
        public long Step => 0;
        public bool IsUp(int node) => true;
        public bool HasCrashed(int node) => false;
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    private static readonly IWorldView World = new QuietWorld();

    private static MessageId M(int sender, int seq) => new(sender, seq);

    private static MonitorEvent Broadcast(int node, MessageId id) => new Observed(node, new BroadcastIssued(id, $"body of {id}"));

    private static MonitorEvent Deliver(int node, MessageId id) => new Delivered(node, new Delivery(id, $"body of {id}"));

    /// <summary>Feeds the events; returns the violation message, or null when the history passes.</summary>
    private static string? Run(SpecMonitor monitor, params MonitorEvent[] events)
    {
        try
        {
            foreach (var e in events) monitor.OnEvent(e, World);
            return null;
        }
        catch (MonitorViolation violation)
        {
            return violation.Violation;
        }
    }

    [Fact]
    public void Causal_order_rejects_delivering_a_reply_before_the_message_it_answers()
    {
        var violation = Run(new CausalOrderMonitor(),
            Broadcast(0, M(0, 1)), Deliver(1, M(0, 1)),
            Broadcast(1, M(1, 1)),             // n2 answers after delivering n1's message
            Deliver(2, M(1, 1)));              // n3 gets the answer first
        Assert.Equal("n3 delivered <<n2, 1>> before <<n1, 1>>, which causally precedes it", violation);
    }

    [Fact]
    public void Causal_order_counts_the_senders_own_earlier_messages()
    {
        var violation = Run(new CausalOrderMonitor(),
            Broadcast(0, M(0, 1)), Broadcast(0, M(0, 2)),
            Deliver(1, M(0, 2)));
        Assert.NotNull(violation);
    }

    [Fact]
    public void Causal_order_binds_the_original_sender_too()
    {
        // n1 has not delivered its own m1 yet (causal broadcast delivers it through the network like
        // any other message), so it must not deliver the answer n2 sent after delivering m1.
        var violation = Run(new CausalOrderMonitor(),
            Broadcast(0, M(0, 1)), Deliver(1, M(0, 1)),
            Broadcast(1, M(1, 1)),
            Deliver(0, M(1, 1)));
        Assert.Equal("n1 delivered <<n2, 1>> before <<n1, 1>>, which causally precedes it", violation);
    }

    [Fact]
    public void Causal_order_lets_concurrent_messages_arrive_in_any_order()
    {
        var violation = Run(new CausalOrderMonitor(),
            Broadcast(0, M(0, 1)), Broadcast(1, M(1, 1)),
            Deliver(2, M(1, 1)), Deliver(2, M(0, 1)),
            Deliver(0, M(0, 1)), Deliver(0, M(1, 1)));
        Assert.Null(violation);
    }

    [Fact]
    public void Total_order_rejects_two_nodes_delivering_a_pair_in_opposite_orders()
    {
        var violation = Run(new TotalOrderMonitor(),
            Broadcast(0, M(0, 1)), Broadcast(1, M(1, 1)),
            Deliver(0, M(0, 1)), Deliver(0, M(1, 1)),
            Deliver(2, M(1, 1)), Deliver(2, M(0, 1)));
        Assert.Equal("n3 delivers <<n1, 1>> after <<n2, 1>>, but n1 delivered <<n1, 1>> before <<n2, 1>>", violation);
    }

    [Fact]
    public void Total_order_accepts_the_same_order_everywhere_and_nodes_that_lag_behind()
    {
        var violation = Run(new TotalOrderMonitor(),
            Broadcast(0, M(0, 1)), Broadcast(1, M(1, 1)), Broadcast(2, M(2, 1)),
            Deliver(1, M(1, 1)), Deliver(0, M(1, 1)), Deliver(0, M(2, 1)),
            Deliver(1, M(2, 1)), Deliver(1, M(0, 1)), Deliver(2, M(1, 1)));
        Assert.Null(violation);
    }

    [Fact]
    public void Total_order_finds_a_violation_whichever_delivery_comes_last()
    {
        // The crossing pair is only complete at the last delivery, at a third node's turn.
        var violation = Run(new TotalOrderMonitor(),
            Broadcast(0, M(0, 1)), Broadcast(1, M(1, 1)),
            Deliver(0, M(0, 1)), Deliver(2, M(1, 1)),
            Deliver(2, M(0, 1)), Deliver(0, M(1, 1)));
        Assert.NotNull(violation);
    }
}
