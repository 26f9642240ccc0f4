using Verification.Protocols.Broadcast.IsisTotalOrder;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class IsisTotalOrderRefinementTests
{
    private static readonly IsisTotalOrderSystem System = new();

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
        Explore.AssertNoBug(System.Name, Spec.Scenario(System, null, IsisTotalOrderRefinement.AbstractState), Budget);
        Assert.True(Spec.StepsChecked - before > 500, "the refinement monitor must have checked the runs' steps");
    }

    [Fact]
    public void Agreeing_on_the_minimum_takes_a_step_the_spec_does_not_allow() =>
        Explore.AssertFindsBug(System.Name, Spec.Scenario(System, IsisTotalOrderSystem.MinAgreement, IsisTotalOrderRefinement.AbstractState), Budget, "Refinement");
}
