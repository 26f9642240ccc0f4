using Verification.Protocols.Conformance;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Crdt.MvRegister;

/// <summary>
/// The state-based multi-value register: three replicas that gossip full states on every change;
/// n1 and n2 write concurrently, n3 writes too; links that reorder and a partition that heals.
/// </summary>
public sealed class MvRegisterSystem : ProtocolSystem<MvRegisterBug>
{
    public const string NonIdempotentMerge = "non-idempotent-merge";

    public override string Name => "MvRegister";
    public override string Family => "crdt";
    public override string Description => "State-based multi-value register (version vectors, gossip of full states, join): strong eventual consistency";

    protected override IRefinementMapping CreateMapping() => new MvRegisterMapping(new RefinementMapping(Name, MvRegisterRefinement.AbstractState));

    protected override BugCatalog<MvRegisterBug> Catalog { get; } = new(MvRegisterBug.None,
        (new(NonIdempotentMerge, "the join drops an entry that an entry of the other side equals (<= where < belongs), so merging a state that shares an entry with one's own loses it")
            { Budget = 50, ConformanceBudget = 50 }, MvRegisterBug.NonIdempotentMerge));

    public override int DefaultMaxSteps => 200;

    protected override Scenario ScenarioFor(MvRegisterBug bug) => new()
    {
        NodeCount = 3,
        CreateNode = _ => new MvRegisterNode(bug),
        Workload = CrdtScenarios.Workload((0, new WriteRequest("v1")), (1, new WriteRequest("v2")), (2, new WriteRequest("v1"))),
        Faults = CrdtScenarios.PartitionThenHeal,
        CreateMonitors = CrdtScenarios.StrongEventualConsistency,
    };
}
