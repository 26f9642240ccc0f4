using Verification.Protocols.Conformance;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.RaftKv;

/// <summary>
/// `verify test RaftKv`: a key-value store replicated by Raft on three nodes; clients at every
/// node put, append and get two keys concurrently while the network loses and reorders messages,
/// partitions come and go, and nodes crash and recover. At the end of each run the clients' history must be
/// linearizable, and Raft's own safety monitors watch the log underneath.
/// </summary>
public sealed class RaftKvSystem : ProtocolSystem<RaftKvBugs>
{
    public override string Name => "RaftKv";
    public override string Family => "consensus";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "a linearizable key-value store on Raft, checked with a WGL linearizability checker";

    // The store runs on Raft: its spec and CI model are Raft's, and Raft's liveness model is checked under
    // Raft. Its conformance model is its own (MCRaftKvConformance.cfg: the operations are the broadcast values).
    public override string? Spec => InSpecFolder("Raft.tla");
    public override string? Config => InSpecFolder("MCRaft.cfg");
    public override IReadOnlyList<string> LivenessConfigs => [];

    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, RaftKvRefinement.AbstractState);

    protected override BugCatalog<RaftKvBugs> Catalog { get; } = new(RaftKvBugs.None,
        (new("local-read", "Get is answered from the node's local copy instead of through the log (stale reads)")
        {
            Budget = 200,
            InvisibleToSpec = "a read answered from the local copy changes no variable of Raft.tla: the stale answer exists only above the log, in the client's history (the linearizability monitor's domain)",
        }, RaftKvBugs.LocalRead));

    protected override Scenario ScenarioFor(RaftKvBugs kvBugs)
    {
        var raftOptions = RaftOptions.ForCluster(3);
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new RaftKvNode(raftOptions, kvBugs),
            Workload = Workload(),
            Faults = new FaultModel { MaxCrashes = 3, CrashRecovery = true, MaxDrops = 4, MaxPartitions = 10, FaultsUntilStep = 150 },
            CreateMonitors = () => [.. RaftMonitors.Safety(), new LinearizabilityMonitor()],
        };
    }

    /// <summary>
    /// Eighteen operations on two keys, six per node: puts, a few appends and reads. Requests at one node
    /// are issued in order, so later reads often start after earlier writes have completed: those
    /// are the pairs a stale read gets wrong.
    /// </summary>
    public static IReadOnlyList<ClientRequest> Workload()
    {
        var requests = new List<ClientRequest>();
        for (var id = 1; id <= 18; id++)
        {
            var key = id % 4 < 2 ? "x" : "y";
            var value = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var input = (id % 3, id % 6) switch
            {
                (0, _) => new KvInput(id, KvOpKind.Get, key),
                (_, 5) => new KvInput(id, KvOpKind.Append, key, value),
                _ => new KvInput(id, KvOpKind.Put, key, value),
            };
            requests.Add(new ClientRequest(id, id % 3, input));
        }
        return requests;
    }
}
