using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.CausalBroadcast;

/// <summary>Causal broadcast with vector clocks: three nodes, four broadcasts (one node broadcasts twice), links that reorder.</summary>
public sealed class CausalBroadcastSystem : SystemDefinition
{
    public const string StrictCompare = "strict-compare";
    public const string IgnoreOwn = "ignore-own";

    public override string Name => "CausalBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Causal broadcast with vector clocks (Kleppmann): deliver when deps <= delivered";
    public override string? Spec => "specs/broadcast/CausalBroadcast.tla";
    public override string? Config => "specs/broadcast/MCCausalBroadcast.cfg";
    public override string? ConformanceConfig => "specs/broadcast/MCCausalBroadcastConformance.cfg";

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(StrictCompare, "delivers only when deps < delivered strictly, so a message whose dependencies are exactly met waits forever")
        {
            InvisibleToSpec = "every delivery it makes is one the spec's Deliver allows (deps < delivered implies deps <= delivered); it only withholds deliveries, which breaks Validity, a liveness property",
        },
        new(IgnoreOwn, "leaves the sender's own earlier broadcasts out of deps, so its second message can overtake its first"),
    ];

    public override int DefaultMaxSteps => 200;

    public override Scenario CreateScenario(string? bug)
    {
        var bugs = bug switch
        {
            null => CausalBroadcastBugs.None,
            StrictCompare => new CausalBroadcastBugs { StrictCompare = true },
            IgnoreOwn => new CausalBroadcastBugs { IgnoreOwn = true },
            _ => throw new ArgumentException($"CausalBroadcast has no bug named '{bug}'", nameof(bug)),
        };
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
