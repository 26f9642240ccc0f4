using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.CausalBroadcast;

/// <summary>Causal broadcast with vector clocks: three nodes, four broadcasts (one node broadcasts twice), links that reorder.</summary>
public sealed class CausalBroadcastSystem : ProtocolSystem<CausalBroadcastBugs>
{
    public const string StrictCompare = "strict-compare";
    public const string IgnoreOwn = "ignore-own";

    public override string Name => "CausalBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Causal broadcast with vector clocks (Kleppmann): deliver when deps <= delivered";

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, CausalBroadcastRefinement.AbstractState);

    protected override BugCatalog<CausalBroadcastBugs> Catalog { get; } = new(CausalBroadcastBugs.None,
        (new(StrictCompare, "delivers only when deps < delivered strictly, so a message whose dependencies are exactly met waits forever")
        {
            Budget = 100,
            InvisibleToSpec = "every delivery it makes is one the spec's Deliver allows (deps < delivered implies deps <= delivered); it only withholds deliveries, which breaks Validity, a liveness property",
        }, new CausalBroadcastBugs { StrictCompare = true }),
        (new(IgnoreOwn, "leaves the sender's own earlier broadcasts out of deps, so its second message can overtake its first") { Budget = 100, ConformanceBudget = 100 },
            new CausalBroadcastBugs { IgnoreOwn = true }));

    public override int DefaultMaxSteps => 200;

    protected override Scenario ScenarioFor(CausalBroadcastBugs bugs)
    {
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new CausalBroadcastNode(bugs),
            Workload = BroadcastWorkload.FromSenders(0, 0, 1, 2),
            Faults = FaultModel.Reliable,
            CreateMonitors = () =>
            [
                new NoCreationMonitor(),
                new NoDuplicationMonitor(),
                new CausalOrderMonitor(),
                new ValidityMonitor(ValidityScope.EveryCorrectNode),
            ],
        };
    }
}
