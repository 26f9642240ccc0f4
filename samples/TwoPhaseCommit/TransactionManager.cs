using Verification.Systematic.Runtime;

namespace TwoPhaseCommit;

/// <summary>
/// The transaction manager (node n1): collects the resource managers' Prepared votes, commits once
/// every one has voted, and aborts when its timer fires first. Deciding is a step of its own (the
/// spec's TMCommit), so a vote that completes the set only arms the "decide" timer.
/// </summary>
/// <param name="resourceManagers">Nodes 1..resourceManagers.</param>
/// <param name="commitOnPartialVotes">The seeded bug: commit once a majority has voted.</param>
public sealed class TransactionManager(int resourceManagers, bool commitOnPartialVotes) : INode
{
    /// <summary>The spec's tmState: "init", "committed" or "aborted".</summary>
    public string State { get; private set; } = "init";

    /// <summary>The spec's tmPrepared: the resource managers whose Prepared vote arrived while undecided.</summary>
    public SortedSet<int> Prepared { get; } = [];

    private bool EnoughVotes => commitOnPartialVotes ? 2 * Prepared.Count > resourceManagers : Prepared.Count == resourceManagers;

    public void OnStart(INodeContext ctx) => ctx.SetTimer("timeout", delay: 20);

    // The transaction manager keeps its decision in memory only; the scenario never crashes it.
    public void OnRestart(INodeContext ctx, object? durableState) => OnStart(ctx);

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is not Prepared vote || State != "init") return;
        Prepared.Add(vote.Rm);
        ctx.Label("TMRcvPrepared", LabelValue.OfNode(vote.Rm));
        if (EnoughVotes) ctx.SetTimer("decide");
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (State != "init") return;
        if (timer == "decide" && EnoughVotes)
        {
            State = "committed";
            ctx.Label("TMCommit");
            Tell(ctx, new Commit());
        }
        else if (timer == "timeout")
        {
            State = "aborted";
            ctx.Label("TMAbort");
            Tell(ctx, new Abort());
        }
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
    }

    private void Tell(INodeContext ctx, object decision)
    {
        for (var rm = 1; rm <= resourceManagers; rm++) ctx.Send(rm, decision);
    }
}
