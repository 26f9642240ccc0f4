using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.EagerReliableBroadcast;

/// <summary>Three processes, two broadcasts (by n1 and n2), one crash: the spec's CI model.</summary>
public sealed class EagerReliableBroadcastSystem : SystemDefinition
{
    public const string NoRelay = "no-relay";

    private const int Nodes = 3;

    public override string Name => "EagerReliableBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Eager reliable broadcast: relay on first delivery (crash-stop)";
    public override string? Spec => "specs/broadcast/EagerReliableBroadcast.tla";
    public override string? Config => "specs/broadcast/MCEagerReliableBroadcast.cfg";
    public override int DefaultMaxSteps => 300;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(NoRelay, "delivers without relaying, so a sender crashing mid-broadcast leaves some correct nodes without the message"),
    ];

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new EagerReliableBroadcastNode(Nodes, noRelay: bug == NoRelay),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.Reliable(),
    };
}
