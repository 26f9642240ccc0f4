using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>Lamport total order: three nodes, four broadcasts, FIFO links (the algorithm's assumption), no crashes.</summary>
public sealed class LamportTotalOrderSystem : ProtocolSystem<bool>
{
    public const string DeliverEarly = "deliver-early";

    public override string Name => "LamportTotalOrder";
    public override string Family => "broadcast";
    public override string Description => "Total order broadcast by Lamport timestamps over FIFO links (Kleppmann)";

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, LamportTotalOrderRefinement.AbstractState, RefinementMapping.NumberedNode);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(DeliverEarly, "delivers the smallest queued timestamp before hearing a later one from every node, so a smaller timestamp can still arrive") { Budget = 100, ConformanceBudget = 100 }, true));

    public override int DefaultMaxSteps => 300;

    protected override Scenario ScenarioFor(bool deliverEarly)
    {
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new LamportTotalOrderNode(deliverEarly),
            Workload = BroadcastWorkload.FromSenders(0, 1, 2, 1),
            Faults = new FaultModel { Reordering = false },
            // Total order is the spec's TotalOrder invariant, checked on the mapped state after every step.
            CreateMonitors = SpecInvariantCheck.With(this, () =>
            [
                new NoCreationMonitor(),
                new NoDuplicationMonitor(),
                new FifoOrderMonitor(),
                new ValidityMonitor(ValidityScope.EveryCorrectNode),
            ]),
        };
    }
}
