using System.Collections.Immutable;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.TwoPhaseCommit;

/// <summary>What the coordinator logs at every change: the spec's tmState and tmVotes, which its crash keeps.</summary>
public sealed record TransactionManagerLog(string State, ImmutableSortedSet<int> Votes);

/// <summary>
/// The coordinator (node n1): asks the resource managers to prepare, collects their yes votes,
/// commits once every one voted yes and aborts on a no vote or its timeout; it logs its state
/// before acting on it. After a crash it recovers from its log (the spec's TMRecover): a logged
/// decision it tells everyone again, an undecided transaction it aborts (presumed abort). Deciding
/// is a step of its own (the spec's TMCommit), so the vote that completes the set arms a timer.
/// </summary>
/// <param name="resourceManagers">The resource managers, nodes 1..resourceManagers.</param>
/// <param name="commitOnPartialVotes">Seeded bug: commit as soon as some resource manager voted yes.</param>
public sealed class TransactionManager(int resourceManagers, bool commitOnPartialVotes = false) : INode
{
    public const string PrepareTimer = "TMPrepare";
    public const string CommitTimer = "TMCommit";
    public const string TimeoutTimer = "timeout";

    /// <summary>Ticks the coordinator waits for the votes before it aborts.</summary>
    public const int Timeout = 30;

    /// <summary>The spec's tmState: "init", "waiting", "committed" or "aborted".</summary>
    public string State { get; private set; } = "init";

    /// <summary>The spec's tmVotes: the resource managers whose yes vote arrived.</summary>
    public ImmutableSortedSet<int> Votes { get; private set; } = [];

    private bool Undecided => State is "init" or "waiting";

    private bool EnoughVotes => commitOnPartialVotes ? Votes.Count > 0 : Votes.Count == resourceManagers;

    public void OnStart(INodeContext ctx)
    {
        ctx.SetTimer(PrepareTimer);
        ctx.SetTimer(TimeoutTimer, Timeout);
    }

    public void OnRestart(INodeContext ctx, object? durableState)
    {
        if (durableState is TransactionManagerLog log) (State, Votes) = (log.State, log.Votes);
        ctx.Label("TMRecover", LabelValue.OfNode(ctx.Self));
        if (Undecided) Decide(ctx, "aborted");
        else TellEveryone(ctx);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case PrepareTimer when State == "init":
                Log(ctx, "waiting");
                ctx.Label("TMPrepare", LabelValue.OfNode(ctx.Self));
                for (var rm = 1; rm <= resourceManagers; rm++) ctx.Send(rm, new Prepare());
                break;
            case CommitTimer when State == "waiting" && EnoughVotes:
                ctx.Label("TMCommit", LabelValue.OfNode(ctx.Self));
                Decide(ctx, "committed");
                break;
            case TimeoutTimer when Undecided:
                ctx.Label("TMAbort", LabelValue.OfNode(ctx.Self));
                Decide(ctx, "aborted");
                break;
        }
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Prepared vote when State == "waiting":
                Votes = Votes.Add(vote.Rm);
                Log(ctx, State);
                ctx.Label("TMRcvPrepared", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(vote.Rm));
                if (EnoughVotes) ctx.SetTimer(CommitTimer);
                break;
            case Aborted when Undecided:
                ctx.Label("TMAbort", LabelValue.OfNode(ctx.Self));
                Decide(ctx, "aborted");
                break;
            case DecisionRequest when !Undecided:
                // A copy of the decision already sent: msgs does not change.
                ctx.Send(from, Decision());
                break;
        }
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("the coordinator takes no client requests");

    private void Decide(INodeContext ctx, string outcome)
    {
        Log(ctx, outcome);
        ctx.CancelTimer(TimeoutTimer);
        TellEveryone(ctx);
    }

    private void TellEveryone(INodeContext ctx)
    {
        for (var rm = 1; rm <= resourceManagers; rm++) ctx.Send(rm, Decision());
    }

    private object Decision() => State == "committed" ? new Commit() : new Abort();

    // Logged before anyone hears of it, so a crash keeps what the others may have seen.
    private void Log(INodeContext ctx, string state)
    {
        State = state;
        ctx.Persist(new TransactionManagerLog(State, Votes));
    }
}
