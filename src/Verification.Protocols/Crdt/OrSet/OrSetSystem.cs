using Verification.Protocols.Conformance;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Crdt.OrSet;

/// <summary>
/// The observed-remove set over causal broadcast: three replicas; n1 adds e1 and removes it while
/// n2 adds e1 concurrently; links that reorder and a partition that heals.
/// </summary>
public sealed class OrSetSystem : ProtocolSystem<OrSetBug>
{
    public const string RemoveWins = "remove-wins";

    public override string Name => "OrSet";
    public override string Family => "crdt";
    public override string Description => "Observed-remove set (add wins) over causal broadcast: strong eventual consistency";

    /// <summary>The CI model is sized like the scenario (three replicas, three operations).</summary>
    public override string? ConformanceConfig => Config;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, OrSetRefinement.AbstractState);

    protected override BugCatalog<OrSetBug> Catalog { get; } = new(OrSetBug.None,
        (new(RemoveWins, "a delivered remove deletes every tag of its element, so an add concurrent with the remove is lost where the remove comes after it and kept where it comes before")
            { Budget = 50, ConformanceBudget = 50 }, OrSetBug.RemoveWins));

    public override int DefaultMaxSteps => 200;

    protected override Scenario ScenarioFor(OrSetBug bug) => new()
    {
        NodeCount = 3,
        CreateNode = _ => new OrSetNode(bug),
        Workload = CrdtScenarios.Workload((0, OrSetRequest.Add("e1")), (0, OrSetRequest.Remove("e1")), (1, OrSetRequest.Add("e1"))),
        Faults = CrdtScenarios.PartitionThenHeal,
        CreateMonitors = CrdtScenarios.OverCausalBroadcast,
    };
}
