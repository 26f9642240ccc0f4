using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.RaftKv;

/// <summary>
/// `verify test RaftKv`: a key-value store replicated by Raft on three nodes; clients at every
/// node put, append and get two keys concurrently while the network loses and reorders messages
/// and nodes crash and recover. At the end of each run the clients' history must be
/// linearizable, and Raft's own safety monitors watch the log underneath.
/// </summary>
public sealed class RaftKvSystem : SystemDefinition
{
    public override string Name => "RaftKv";
    public override string Family => "consensus";
    public override string Description => "a linearizable key-value store on Raft, checked with a WGL linearizability checker";
    public override string? Spec => "specs/consensus/Raft.tla";
    public override string? Config => "specs/consensus/MCRaft.cfg";
    public override int DefaultMaxSteps => 1_000;

    public override IReadOnlyList<BugInfo> Bugs =>
    [
        new("local-read", "Get is answered from the node's local copy instead of through the log (stale reads)"),
        .. RaftSystem.BugCatalog.Select(b => b.Info),
    ];

    public override Scenario CreateScenario(string? bug)
    {
        var kvBugs = string.Equals(bug, "local-read", StringComparison.OrdinalIgnoreCase) ? RaftKvBugs.LocalRead : RaftKvBugs.None;
        var raftOptions = new RaftOptions { Bugs = kvBugs == RaftKvBugs.None ? RaftSystem.ParseBug(bug) : RaftBugs.None };
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new RaftKvNode(raftOptions, kvBugs),
            Workload = Workload(),
            Faults = new FaultModel { MaxCrashes = 1, CrashRecovery = true, MaxDrops = 2, MaxPartitions = 1, FaultsUntilStep = 300 },
            CreateMonitors = () => [.. RaftMonitors.Safety(), new LinearizabilityMonitor()],
        };
    }

    /// <summary>Nine operations on two keys, three per node, mixing writes and reads.</summary>
    public static IReadOnlyList<ClientRequest> Workload() =>
    [
        new(1, 0, new KvInput(1, KvOpKind.Put, "x", "1")),
        new(2, 1, new KvInput(2, KvOpKind.Get, "x")),
        new(3, 2, new KvInput(3, KvOpKind.Append, "y", "a")),
        new(4, 0, new KvInput(4, KvOpKind.Get, "y")),
        new(5, 1, new KvInput(5, KvOpKind.Put, "x", "2")),
        new(6, 2, new KvInput(6, KvOpKind.Get, "x")),
        new(7, 0, new KvInput(7, KvOpKind.Append, "y", "b")),
        new(8, 1, new KvInput(8, KvOpKind.Get, "y")),
        new(9, 2, new KvInput(9, KvOpKind.Get, "x")),
    ];
}
