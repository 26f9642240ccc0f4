using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// Three processes, two broadcasts (by n1 and n2), one crash, plus the perfect failure detector as
/// a fourth, uncrashable node that takes no part in the broadcast.
/// </summary>
public sealed class LazyReliableBroadcastSystem : SystemDefinition
{
    public const string NoRelayOnCrash = "no-relay-on-crash";

    private const int Nodes = 3;
    private const int MaxCrashes = 1;
    private const int Detector = Nodes;

    public override string Name => "LazyReliableBroadcast";
    public override string Family => "broadcast";
    public override string Description => "Lazy reliable broadcast: relay a sender's messages when a perfect failure detector reports its crash";
    public override string? Spec => "specs/broadcast/LazyReliableBroadcast.tla";
    public override string? Config => "specs/broadcast/MCLazyReliableBroadcast.cfg";
    public override int DefaultMaxSteps => 300;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new(NoRelayOnCrash, "on a crash report, does not relay the crashed sender's messages it already delivered"),
    ];

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = Nodes + 1,
        CreateNode = node => node == Detector
            ? new PerfectFailureDetector(Nodes)
            : new LazyReliableBroadcastNode(Nodes, Detector, noRelayOnCrash: bug == NoRelayOnCrash),
        Workload = BroadcastWorkload.FromSenders(0, 1),
        Faults = new FaultModel { MaxCrashes = MaxCrashes, CrashableNodes = new HashSet<int> { 0, 1, 2 } },
        CreateMonitors = () => BroadcastMonitors.Reliable(participants: Nodes),
    };
}
