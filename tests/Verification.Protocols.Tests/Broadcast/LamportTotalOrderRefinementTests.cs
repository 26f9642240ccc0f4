using Verification.Protocols.Broadcast.LamportTotalOrder;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class LamportTotalOrderRefinementTests
{
    private static readonly LamportTotalOrderSystem System = new();

    private static readonly SpecRefinement Spec = new(System.Spec!, """
        CONSTANTS Node = {1, 2, 3}  Senders = {1, 2, 3}  MaxBroadcasts = 4
        INIT Init  NEXT Next
        INVARIANTS TypeOK NoCreation NoDuplication TotalOrder
        """);

    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 30 };

    [Fact]
    public void Every_step_of_the_node_is_a_step_of_the_spec()
    {
        var before = Spec.StepsChecked;
        Explore.AssertNoBug(System.Name, Spec.Scenario(System, null, LamportTotalOrderRefinement.AbstractState), Budget);
        Assert.True(Spec.StepsChecked - before > 500, "the refinement monitor must have checked the runs' steps");
    }

    [Fact]
    public void Delivering_early_takes_a_step_the_spec_does_not_allow() =>
        Explore.AssertFindsBug(System.Name, Spec.Scenario(System, LamportTotalOrderSystem.DeliverEarly, LamportTotalOrderRefinement.AbstractState), Budget, "Refinement");
}
