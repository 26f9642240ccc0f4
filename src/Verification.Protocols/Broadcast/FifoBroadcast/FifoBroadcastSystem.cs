using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.FifoBroadcast;

/// <summary>
/// Three processes; n1 broadcasts twice, over a reordering network with one crash: the spec's CI
/// model (MaxBroadcasts = 2), where the order of one sender's messages is what can go wrong.
/// </summary>
public sealed class FifoBroadcastSystem : SystemDefinition
{
    public const string NoHoldback = "no-holdback";

    private const int Nodes = 3;

    public override string Name => "FifoBroadcast";
    public override string Family => "broadcast";
    public override string Description => "FIFO reliable broadcast: sequence numbers and a hold-back buffer over eager reliable broadcast";
    public override string? Spec => "specs/broadcast/FifoBroadcast.tla";
    public override string? Config => "specs/broadcast/MCFifoBroadcast.cfg";
    public override int DefaultMaxSteps => 400;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(NoHoldback, "delivers a message on receipt without holding it back until the sender's earlier messages are delivered"),
    ];

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new FifoBroadcastNode(Nodes, noHoldback: bug == NoHoldback),
        Workload = BroadcastWorkload.FromSenders(0, 0),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => BroadcastMonitors.FifoReliable(),
    };
}
