using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Raft;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.RaftKv;

/// <summary>The seeded bugs of the key-value store.</summary>
[Flags]
public enum RaftKvBugs
{
    None = 0,

    /// <summary>Get is answered from the local copy of the state instead of going through the log: a lagging follower (or a deposed leader) serves stale data.</summary>
    LocalRead = 1,
}

/// <summary>
/// A replicated key-value store on Raft (MIT 6.5840's lab 4): every operation, reads included,
/// is a Raft broadcast; each node applies committed operations in log order to its own copy of
/// the map, and the node a client called answers it once the operation is applied. An operation
/// that enters the log twice (a retried request) is applied once: the state machine remembers
/// the ids it has applied.
/// </summary>
public sealed class RaftKvNode : INode, IRaftHost, IRaftStateMachine, IStateHash
{
    private readonly RaftKvBugs bugs;
    private readonly RaftNode raft;
    private readonly Dictionary<string, string> data = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> results = [];
    private readonly Dictionary<int, ClientRequest> awaitingReply = [];

    public RaftKvNode(RaftOptions raftOptions, RaftKvBugs bugs = RaftKvBugs.None)
    {
        this.bugs = bugs;
        raft = new RaftNode(raftOptions, this);
    }

    public RaftNode Raft => raft;

    public IReadOnlyDictionary<string, string> Data => data;

    public void OnStart(INodeContext ctx) => raft.OnStart(ctx);

    public void OnRestart(INodeContext ctx, object? durableState) => raft.OnRestart(ctx, durableState);

    public void OnMessage(INodeContext ctx, int from, object message) => raft.OnMessage(ctx, from, message);

    public void OnTimer(INodeContext ctx, string timer) => raft.OnTimer(ctx, timer);

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        var input = (KvInput)request.Payload;
        if (input.Kind == KvOpKind.Get && (bugs & RaftKvBugs.LocalRead) != 0)
        {
            ctx.Label("LocalRead", LabelValue.OfNode(ctx.Self), input.Key);
            ctx.Reply(request, data.GetValueOrDefault(input.Key, ""));
            return;
        }
        awaitingReply[input.OpId] = request;
        raft.OnClientRequest(ctx, request);
    }

    public void Apply(INodeContext ctx, RaftDelivery delivery)
    {
        if (delivery.Msg is not KvInput input) return;
        var result = Execute(input);
        if (awaitingReply.Remove(input.OpId, out var request)) ctx.Reply(request, result);
    }

    public void Restore(IReadOnlyList<LogEntry> committed)
    {
        data.Clear();
        results.Clear();
        foreach (var entry in committed)
            if (entry.Msg is KvInput input) Execute(input);
    }

    private string Execute(KvInput input)
    {
        if (results.TryGetValue(input.OpId, out var earlier)) return earlier;
        var next = KvModel.Instance.Apply(data.GetValueOrDefault(input.Key, ""), input, out var output);
        data[input.Key] = next;
        results.Add(input.OpId, output);
        return output;
    }

    public ulong StateHash()
    {
        var hash = raft.StateHash();
        foreach (var id in awaitingReply.Keys.Order()) hash = hash * 31 + (ulong)id;
        return hash;
    }
}
