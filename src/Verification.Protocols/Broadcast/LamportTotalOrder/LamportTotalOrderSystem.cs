using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>Lamport total order: three nodes, four broadcasts, FIFO links (the algorithm's assumption), no crashes.</summary>
public sealed class LamportTotalOrderSystem : SystemDefinition
{
    public const string DeliverEarly = "deliver-early";

    public override string Name => "LamportTotalOrder";
    public override string Family => "broadcast";
    public override string Description => "Total order broadcast by Lamport timestamps over FIFO links (Kleppmann)";
    public override string? Spec => "specs/broadcast/LamportTotalOrder.tla";
    public override string? Config => "specs/broadcast/MCLamportTotalOrder.cfg";
    public override string? ConformanceConfig => "specs/broadcast/MCLamportTotalOrderConformance.cfg";

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(DeliverEarly, "delivers the smallest queued timestamp before hearing a later one from every node, so a smaller timestamp can still arrive"),
    ];

    public override int DefaultMaxSteps => 300;

    public override Scenario CreateScenario(string? bug)
    {
        var deliverEarly = bug switch
        {
            null => false,
            DeliverEarly => true,
            _ => throw new ArgumentException($"LamportTotalOrder has no bug named '{bug}'", nameof(bug)),
        };
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
