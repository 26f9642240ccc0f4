using Verification.Protocols.Conformance;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Crdt.CrdtCounter;

/// <summary>
/// The operation-based counter over causal broadcast: three replicas, two increments and a
/// decrement made concurrently, links that reorder and a partition that heals.
/// </summary>
public sealed class CrdtCounterSystem : ProtocolSystem<CrdtCounterBug>
{
    public const string NonCommutativeMerge = "non-commutative-merge";

    public override string Name => "CrdtCounter";
    public override string Family => "crdt";
    public override string Description => "Operation-based counter CRDT over causal broadcast: strong eventual consistency";

    /// <summary>The CI model is sized like the scenario (three replicas, three operations).</summary>
    public override string? ConformanceConfig => Config;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, CrdtCounterRefinement.AbstractState);

    protected override BugCatalog<CrdtCounterBug> Catalog { get; } = new(CrdtCounterBug.None,
        (new(NonCommutativeMerge, "a delivered update assigns its origin's value instead of adding its step, so replicas that delivered concurrent updates in different orders differ")
            { Budget = 50, ConformanceBudget = 50 }, CrdtCounterBug.NonCommutativeMerge));

    public override int DefaultMaxSteps => 200;

    protected override Scenario ScenarioFor(CrdtCounterBug bug) => new()
    {
        NodeCount = 3,
        CreateNode = _ => new CrdtCounterNode(bug),
        Workload = CrdtScenarios.Workload((0, CounterRequest.Increment), (1, CounterRequest.Decrement), (2, CounterRequest.Increment)),
        Faults = CrdtScenarios.PartitionThenHeal,
        CreateMonitors = CrdtScenarios.OverCausalBroadcast,
    };
}
