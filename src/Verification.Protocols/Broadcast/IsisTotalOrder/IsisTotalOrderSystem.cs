using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.IsisTotalOrder;

/// <summary>ISIS total order: three nodes, four broadcasts, links that reorder, no crashes.</summary>
public sealed class IsisTotalOrderSystem : ProtocolSystem<bool>
{
    public const string MinAgreement = "min-agreement";

    public override string Name => "IsisTotalOrder";
    public override string Family => "broadcast";
    public override string Description => "Total order broadcast by ISIS: propose, agree on the maximum, deliver in agreed order";

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, IsisTotalOrderRefinement.AbstractState, RefinementMapping.NumberedNode);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(MinAgreement, "agrees on the smallest proposal, so an agreed timestamp can fall below one a node already used to deliver another message") { Budget = 100, ConformanceBudget = 100 }, true));

    public override int DefaultMaxSteps => 300;

    protected override Scenario ScenarioFor(bool minAgreement)
    {
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new IsisTotalOrderNode(minAgreement),
            Workload = BroadcastWorkload.FromSenders(0, 1, 2, 0),
            Faults = FaultModel.Reliable,
            // Total order is the spec's TotalOrder invariant, checked on the mapped state after every step.
            CreateMonitors = SpecInvariantCheck.With(this, () =>
            [
                new NoCreationMonitor(),
                new NoDuplicationMonitor(),
                new ValidityMonitor(ValidityScope.EveryCorrectNode),
            ]),
        };
    }
}
