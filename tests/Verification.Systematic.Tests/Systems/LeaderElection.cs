using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Tests.Systems;

// A Raft-like election among three nodes. A node that times out becomes a candidate of the next
// term and asks for votes; a majority makes it leader and it tells the others, who stop their
// timers. The buggy candidate does not re-arm its election timer: after a split vote nobody ever
// times out again and the cluster stays leaderless forever (a liveness bug, invisible to safety
// monitors). The fixed candidate re-arms it and retries in a higher term.

public sealed record VoteRequest(int Term, int Candidate);
public sealed record VoteReply(int Term, bool Granted);
public sealed record LeaderIs(int Term, int Leader);
public sealed record Elected(int Term, int Leader);

public sealed class ElectionNode(bool rearmAfterTimeout) : INode, IStateHash
{
    public const string ElectionTimer = "election";
    private const int Timeout = 4;

    public int Term { get; private set; }
    public bool IsLeader { get; private set; }
    private int? _votedFor;
    private int _votes;
    private bool _candidate;

    public void OnStart(INodeContext ctx) => ctx.SetTimer(ElectionTimer, Timeout + ctx.Self);
    public void OnRestart(INodeContext ctx, object? durableState) => OnStart(ctx);
    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }

    public void OnTimer(INodeContext ctx, string timer)
    {
        Term++;
        _candidate = true;
        _votedFor = ctx.Self;
        _votes = 1;
        ctx.Label("Timeout", ctx.Self, Term);
        for (var peer = 0; peer < ctx.NodeCount; peer++)
            if (peer != ctx.Self) ctx.Send(peer, new VoteRequest(Term, ctx.Self));
        if (rearmAfterTimeout) ctx.SetTimer(ElectionTimer, Timeout + ctx.Choose(3));
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case VoteRequest request:
                if (request.Term > Term)
                {
                    Term = request.Term;
                    _candidate = false;
                    IsLeader = false;
                    _votedFor = null;
                }
                var grant = request.Term == Term && (_votedFor is null || _votedFor == request.Candidate);
                if (grant) _votedFor = request.Candidate;
                ctx.Send(from, new VoteReply(Term, grant));
                break;
            case VoteReply { Granted: true } reply when _candidate && reply.Term == Term:
                if (++_votes * 2 <= ctx.NodeCount) break;
                _candidate = false;
                IsLeader = true;
                ctx.CancelTimer(ElectionTimer);
                ctx.Notify(new Elected(Term, ctx.Self));
                for (var peer = 0; peer < ctx.NodeCount; peer++)
                    if (peer != ctx.Self) ctx.Send(peer, new LeaderIs(Term, ctx.Self));
                break;
            case LeaderIs leader when leader.Term >= Term:
                Term = leader.Term;
                _candidate = false;
                ctx.CancelTimer(ElectionTimer);
                break;
        }
    }

    public ulong StateHash() =>
        (ulong)Term << 32 | (ulong)(_votedFor ?? 15) << 8 | (ulong)_votes << 4 | (_candidate ? 2UL : 0) | (IsLeader ? 1UL : 0);
}

/// <summary>At most one leader per term.</summary>
public sealed class OneLeaderPerTerm : SpecMonitor
{
    private readonly Dictionary<int, int> _leaders = new();

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Observed { Observation: Elected elected }) return;
        if (_leaders.TryGetValue(elected.Term, out var other))
            Assert(other == elected.Leader, $"n{other} and n{elected.Leader} were both elected in term {elected.Term}");
        _leaders[elected.Term] = elected.Leader;
    }
}

/// <summary>Liveness: a leader is eventually elected (hot until then).</summary>
public sealed class EventuallyLeader : SpecMonitor
{
    public EventuallyLeader() => Hot("no leader has been elected");

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is Observed { Observation: Elected }) Cold();
    }
}

public sealed class LeaderElectionSystem : SystemDefinition
{
    public override string Name => "LeaderElection";
    public override string Family => "example";
    public override IReadOnlyList<BugInfo> Bugs => [new("no-rearm", "a candidate does not re-arm its election timer")];
    public override int DefaultMaxSteps => 200;

    public override Scenario CreateScenario(string? bug) => Create(rearm: bug is null);

    public static Scenario Create(bool rearm, int nodes = 3) => new()
    {
        NodeCount = nodes,
        CreateNode = _ => new ElectionNode(rearm),
        CreateMonitors = () => [new OneLeaderPerTerm(), new EventuallyLeader()],
    };
}
