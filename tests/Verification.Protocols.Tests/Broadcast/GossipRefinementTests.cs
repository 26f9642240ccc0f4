using Verification.Protocols.Broadcast.Gossip;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

public class GossipRefinementTests
{
    private static readonly GossipSystem System = new();

    private static readonly SpecRefinement Spec = new(System.Spec!, """
        CONSTANTS Node = {n1, n2, n3, n4, n5, n6}  Fanout = 2  Rounds = 3  MaxBroadcasts = 2  MaxCrashes = 1
        INIT Init  NEXT Next
        INVARIANTS TypeOK NoCreation NoDuplication BoundedRounds
        """);

    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 30 };

    [Fact]
    public void Every_step_of_the_node_is_a_step_of_the_spec_even_with_crashes_and_losses()
    {
        var before = Spec.StepsChecked;
        Explore.AssertNoBug(System.Name, Spec.Scenario(System, null, GossipRefinement.AbstractState), Budget);
        Assert.True(Spec.StepsChecked - before > 300, "the refinement monitor must have checked the runs' steps");
    }

    [Fact]
    public void Forgetting_seen_rumors_takes_a_step_the_spec_does_not_allow() =>
        Explore.AssertFindsBug(System.Name, Spec.Scenario(System, GossipSystem.NoDedup, GossipRefinement.AbstractState), Budget, "Refinement");
}
