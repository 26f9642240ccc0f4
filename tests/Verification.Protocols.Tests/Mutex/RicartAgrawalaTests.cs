using Verification.Protocols.Mutex.Common;
using Verification.Protocols.Mutex.RicartAgrawala;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla.Checking;

namespace Verification.Protocols.Tests.Mutex;

public class RicartAgrawalaTests
{
    private static readonly RicartAgrawalaSystem System = new();

    private static readonly TestConfiguration Budget = MutexTestKit.Budget;

    [Theory]
    [InlineData(RicartAgrawalaSystem.NoTieBreak, "MutualExclusionMonitor")]
    [InlineData(RicartAgrawalaSystem.ReplyInCritical, "MutualExclusionMonitor")]
    [InlineData(RicartAgrawalaSystem.NoClockUpdate, "MutualExclusionMonitor")]
    [InlineData(RicartAgrawalaSystem.DeferOnTie, "liveness:NoStarvationMonitor")]
    public void Each_bug_breaks_the_property_the_catalog_names(string bug, string detector) =>
        Explore.AssertFindsBug(System, bug, Budget, detector);

    /// <summary>With the system's own monitors removed, the spec's MutualExclusion, evaluated on the mapped state, finds the tie bug too.</summary>
    [Fact]
    public void The_spec_invariant_alone_finds_the_missing_tie_break()
    {
        var check = SpecInvariantCheck.For(System)!;
        Explore.AssertFindsBug(System.Name, () => System.CreateScenario(RicartAgrawalaSystem.NoTieBreak) with { CreateMonitors = () => [check.NewMonitor()] },
            Budget, SpecInvariantCheck.Detector("MutualExclusion"));
    }

    /// <summary>The spec's models of the seeded bugs fail the way the catalog says: three break MutualExclusion, defer-on-tie only NoStarvation.</summary>
    [Theory]
    [InlineData("MCRicartAgrawalaBugNoTieBreak", "MutualExclusion", 13)]
    [InlineData("MCRicartAgrawalaBugReplyInCritical", "MutualExclusion", 13)]
    [InlineData("MCRicartAgrawalaBugNoClockUpdate", "MutualExclusion", 13)]
    public void The_specs_bug_model_breaks_mutual_exclusion(string config, string invariant, int traceLength)
    {
        var (result, output) = Check(config);
        Assert.True(result.Outcome == CheckOutcome.InvariantViolated, $"{config}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Equal(invariant, result.Violated);
        Assert.Equal(traceLength, result.Trace!.Count);
    }

    [Fact]
    public void The_specs_defer_on_tie_model_keeps_mutual_exclusion_but_starves()
    {
        var (result, output) = Check("MCRicartAgrawalaBugDeferOnTie");
        Assert.True(result.Outcome == CheckOutcome.PropertyViolated, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Contains("Error: Temporal properties were violated.", output);
        // Every node waits with every other deferred: the lasso ends in a state where all want and none may enter.
        Assert.Contains("""state = (n1 :> "wanting" @@ n2 :> "wanting" @@ n3 :> "wanting")""", output);
    }

    private sealed class ThreeNodes : IWorldView
    {
        public int NodeCount => 3;
        public long Step { get; set; }
        public bool IsUp(int node) => true;
        public bool HasCrashed(int node) => false;
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    [Fact]
    public void Mutual_exclusion_rejects_an_entry_while_another_node_is_inside()
    {
        var world = new ThreeNodes();
        var monitor = new MutualExclusionMonitor();
        monitor.OnEvent(new Observed(0, new EnteredCriticalSection(0, 1)), world);
        monitor.OnEvent(new Observed(0, new LeftCriticalSection(0)), world);
        world.Step = 7;
        monitor.OnEvent(new Observed(1, new EnteredCriticalSection(1, 1)), world);
        var violation = Assert.Throws<MonitorViolation>(() => monitor.OnEvent(new Observed(2, new EnteredCriticalSection(2, 1)), world));
        Assert.Equal("n3 entered the critical section while n2 was in it (since step 7)", violation.Violation);
    }

    [Fact]
    public void Request_order_accepts_entries_in_timestamp_then_id_order_only()
    {
        var world = new ThreeNodes();
        var monitor = new RequestOrderMonitor();
        monitor.OnEvent(new Observed(0, new EnteredCriticalSection(0, 1)), world);
        monitor.OnEvent(new Observed(1, new EnteredCriticalSection(1, 1)), world);
        monitor.OnEvent(new Observed(0, new EnteredCriticalSection(0, 4)), world);
        var violation = Assert.Throws<MonitorViolation>(() => monitor.OnEvent(new Observed(2, new EnteredCriticalSection(2, 3)), world));
        Assert.Equal("n3 entered with request <<3, 3>> after a request <<4, 1>> entered: entries out of timestamp order", violation.Violation);
    }

    [Fact]
    public void No_starvation_is_hot_while_a_request_is_not_granted()
    {
        var world = new ThreeNodes();
        var monitor = new NoStarvationMonitor();
        var first = new ClientRequest(0, 0, "enter");
        var second = new ClientRequest(1, 1, "enter");
        monitor.OnEvent(new RequestIssued(first), world);
        monitor.OnEvent(new RequestIssued(second), world);
        Assert.True(monitor.IsHot);
        monitor.OnEvent(new Replied(0, first, "entered"), world);
        Assert.True(monitor.IsHot);
        Assert.Equal("n2's client asked for the critical section at step 0 and has not entered", monitor.HotReason);
        monitor.OnEvent(new Replied(1, second, "entered"), world);
        Assert.False(monitor.IsHot);
    }

    private static (CheckResult Result, string Output) Check(string config) => MutexTestKit.Check("RicartAgrawala", config);
}
