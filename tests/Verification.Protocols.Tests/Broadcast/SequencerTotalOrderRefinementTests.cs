using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class SequencerTotalOrderRefinementTests
{
    private static readonly SequencerTotalOrderSystem System = new();

    private static readonly SpecRefinement Spec = new(System.Spec!, """
        CONSTANTS Node = {n1, n2, n3}  Sequencer = n1  MaxBroadcasts = 4
        INIT Init  NEXT Next
        INVARIANTS TypeOK NoCreation NoDuplication TotalOrder FifoOrder
        """);

    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 30 };

    [Fact]
    public void Every_step_of_the_node_is_a_step_of_the_spec()
    {
        var before = Spec.StepsChecked;
        Explore.AssertNoBug(System.Name, Spec.Scenario(System, null, SequencerTotalOrderRefinement.AbstractState), Budget);
        Assert.True(Spec.StepsChecked - before > 500, "the refinement monitor must have checked the runs' steps");
    }

    [Fact]
    public void Delivering_out_of_number_order_takes_a_step_the_spec_does_not_allow() =>
        Explore.AssertFindsBug(System.Name, Spec.Scenario(System, SequencerTotalOrderSystem.NoFifoSequencer, SequencerTotalOrderRefinement.AbstractState), Budget, "Refinement");
}
