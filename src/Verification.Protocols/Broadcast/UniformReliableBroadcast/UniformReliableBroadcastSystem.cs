using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.UniformReliableBroadcast;

/// <summary>Three processes, two broadcasts (by n1 and n2), one crash (n > 2f): the spec's CI model.</summary>
public sealed class UniformReliableBroadcastSystem : SystemDefinition
{
    public const string DeliverBeforeMajority = "deliver-before-majority";

    private const int Nodes = 3;

    public override string Name => "UniformReliableBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Majority-ack uniform reliable broadcast (n > 2f, no failure detector)";
    public override string? Spec => "specs/broadcast/UniformReliableBroadcast.tla";
    public override string? Config => "specs/broadcast/MCUniformReliableBroadcast.cfg";
    public override int DefaultMaxSteps => 300;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(DeliverBeforeMajority, "delivers a message on first sight, so a node can deliver it and crash before anyone else has it"),
    ];

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new UniformReliableBroadcastNode(Nodes, deliverBeforeMajority: bug == DeliverBeforeMajority),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.UniformReliable(),
    };
}
