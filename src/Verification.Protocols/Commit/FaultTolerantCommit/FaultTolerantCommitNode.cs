using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Protocols.Commit.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>
/// A participant of fault-tolerant commit (specs/commit/FaultTolerantCommit.tla): it broadcasts its
/// vote by total order broadcast (a <see cref="SequencerTotalOrderNode"/> it uses as a component),
/// suspects the participants whose vote it has not delivered when its timeout fires (its failure
/// detector) and broadcasts a no vote on their behalf, and decides on the votes in total order,
/// counting the first vote for each participant only. Participants crash and stop.
/// </summary>
/// <param name="participants">The participants, nodes 0..participants-1.</param>
/// <param name="sequencer">The node of the total order broadcast service.</param>
public sealed class FaultTolerantCommitNode(int participants, int sequencer, FaultTolerantCommitBug bug = FaultTolerantCommitBug.None) : INode
{
    public const string GiveUpTimer = "VoteNo";
    public const string SuspectTimer = "Suspect";

    /// <summary>Ticks a participant waits to be asked to commit before it votes no.</summary>
    public const int GiveUp = 8;

    /// <summary>Ticks after which a participant suspects those whose vote it has not delivered (the failure detector's timeout).</summary>
    public const int Timeout = 12;

    private readonly SequencerTotalOrderNode broadcast = new(sequencer, noFifoDelivery: bug == FaultTolerantCommitBug.VotesInArrivalOrder);

    /// <summary>The spec's variables at this participant.</summary>
    public ParticipantState State { get; private set; } = ParticipantState.Initial;

    public void OnStart(INodeContext ctx)
    {
        broadcast.OnStart(Component(ctx));
        ctx.SetTimer(GiveUpTimer, GiveUp);
        ctx.SetTimer(SuspectTimer, Timeout);
    }

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("fault-tolerant commit is modelled with crash-stop participants");

    /// <summary>The transaction's client asks this participant to commit: it can, and votes yes.</summary>
    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (State.OwnVote != "none") return;
        ctx.Label("VoteYes", LabelValue.OfNode(ctx.Self));
        CastOwnVote(ctx, yes: true);
    }

    public void OnMessage(INodeContext ctx, int from, object message) => broadcast.OnMessage(Component(ctx), from, message);

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case GiveUpTimer:
                if (State.OwnVote != "none") return;
                ctx.Label("VoteNo", LabelValue.OfNode(ctx.Self));
                CastOwnVote(ctx, yes: false);
                break;
            case SuspectTimer:
                SuspectOne(ctx);
                break;
            default:
                broadcast.OnTimer(Component(ctx), timer);
                break;
        }
    }

    private void CastOwnVote(INodeContext ctx, bool yes)
    {
        Log(ctx, State with { OwnVote = yes ? "yes" : "no" });
        ctx.Notify(new Vote(ctx.Self, yes));
        ctx.CancelTimer(GiveUpTimer);
        Broadcast(ctx, new CommitVote(ctx.Self, ctx.Self, yes));
    }

    /// <summary>The spec's Suspect(p, q) for the first participant q whose vote has not been delivered here; one per step.</summary>
    private void SuspectOne(INodeContext ctx)
    {
        if (State.Decision != "none") return;
        for (var q = 0; q < participants; q++)
        {
            if (q == ctx.Self || State.CommitVotes.Contains(q) || State.Suspected.Contains(q)) continue;
            ctx.Label("Suspect", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(q));
            Log(ctx, State with { Suspected = State.Suspected.Add(q) });
            if (bug == FaultTolerantCommitBug.AbortLocallyOnSuspicion) Decide(ctx, State with { Decision = "aborted" });
            else Broadcast(ctx, new CommitVote(ctx.Self, q, Ok: false));
            ctx.SetTimer(SuspectTimer);
            return;
        }
    }

    /// <summary>The spec's DeliverVote(p): the next vote in total order.</summary>
    private void OnDelivered(INodeContext ctx, Delivery delivery)
    {
        var vote = CommitVote.FromBody(delivery.Body);
        ctx.Label("DeliverVote", LabelValue.OfNode(ctx.Self), vote);
        var next = State with { Delivered = State.Delivered + 1 };
        var counts = next.Decision == "none" && !next.CommitVotes.Contains(vote.Voter);
        if (!counts) Log(ctx, next);
        else if (!vote.Ok) Decide(ctx, next with { Decision = "aborted" });
        else
        {
            var yes = next with { CommitVotes = next.CommitVotes.Add(vote.Voter) };
            if (yes.CommitVotes.Count == participants) Decide(ctx, yes with { Decision = "committed" });
            else Log(ctx, yes);
        }
    }

    private void Decide(INodeContext ctx, ParticipantState decided)
    {
        Log(ctx, decided);
        ctx.CancelTimer(SuspectTimer);
        ctx.Deliver(decided.Decision == "committed" ? Outcome.Committed : Outcome.Aborted);
    }

    private void Broadcast(INodeContext ctx, CommitVote vote) =>
        broadcast.OnClientRequest(Component(ctx), new ClientRequest(0, ctx.Self, new BroadcastRequest(vote.ToBody())));

    private ComponentContext Component(INodeContext ctx) => new(ctx, deliver: delivery => OnDelivered(ctx, delivery));

    private void Log(INodeContext ctx, ParticipantState state)
    {
        State = state;
        ctx.Persist(state);
    }
}
