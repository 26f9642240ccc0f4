using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.BestEffortBroadcast;

/// <summary>
/// Three processes, two broadcasts (by n1 and n2), one crash and one duplicated copy: the fault
/// model of the spec's CI model.
/// </summary>
public sealed class BestEffortBroadcastSystem : SystemDefinition
{
    public const string DeliverDuplicates = "deliver-duplicates";

    private const int Nodes = 3;

    public override string Name => "BestEffortBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Best-effort broadcast over links that may duplicate (crash-stop)";
    public override string? Spec => "specs/broadcast/BestEffortBroadcast.tla";
    public override string? Config => "specs/broadcast/MCBestEffortBroadcast.cfg";
    public override int DefaultMaxSteps => 200;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(DeliverDuplicates, "delivers every copy it receives, so a duplicated copy is delivered twice"),
    ];

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new BestEffortBroadcastNode(Nodes, deliverDuplicates: bug == DeliverDuplicates),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = 1, MaxDuplicates = 1 },
        CreateMonitors = () => BroadcastMonitors.BestEffort(),
    };
}
