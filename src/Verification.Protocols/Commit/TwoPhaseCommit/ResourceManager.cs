using Verification.Protocols.Commit.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.TwoPhaseCommit;

/// <summary>
/// A resource manager (nodes n2..nk): votes yes when asked to prepare, logging that it is prepared
/// first, unless its own timer fires before (it aborts on its own: a no vote); a prepared resource
/// manager has given up its right to abort and follows the coordinator's decision. It logs every
/// change, so a restart brings it back as it was; work it had not prepared is lost, so it aborts
/// (the spec's RMRestart), and a prepared one asks the coordinator for the outcome it may have missed.
/// </summary>
/// <param name="forgetPreparedOnRestart">Seeded bug: the prepared state is not logged, so a restarted resource manager that voted yes aborts.</param>
public sealed class ResourceManager(int coordinator, bool forgetPreparedOnRestart = false) : INode
{
    public const string GiveUpTimer = "RMChooseToAbort";

    /// <summary>Ticks a resource manager works before it gives up unless asked to prepare.</summary>
    public const int GiveUp = 4;

    /// <summary>The spec's rmState[r]: "working", "prepared", "committed" or "aborted".</summary>
    public string State { get; private set; } = "working";

    public void OnStart(INodeContext ctx) => ctx.SetTimer(GiveUpTimer, GiveUp);

    public void OnRestart(INodeContext ctx, object? durableState)
    {
        State = durableState as string ?? "working";
        switch (State)
        {
            case "working":
                ctx.Label("RMRestart", LabelValue.OfNode(ctx.Self));
                VoteNo(ctx);
                break;
            case "prepared":
                ctx.Send(coordinator, new DecisionRequest());
                break;
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer != GiveUpTimer || State != "working") return;
        ctx.Label("RMChooseToAbort", LabelValue.OfNode(ctx.Self));
        VoteNo(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Prepare when State == "working":
                Become(ctx, "prepared");
                ctx.Label("RMPrepare", LabelValue.OfNode(ctx.Self));
                ctx.Notify(new Vote(ctx.Self, Yes: true));
                ctx.CancelTimer(GiveUpTimer);
                ctx.Send(coordinator, new Prepared(ctx.Self));
                break;
            case Commit when State == "prepared":
                Become(ctx, "committed");
                ctx.Label("RMRcvCommit", LabelValue.OfNode(ctx.Self));
                ctx.Deliver(Outcome.Committed);
                break;
            case Abort when State is "working" or "prepared":
                Become(ctx, "aborted");
                ctx.Label("RMRcvAbort", LabelValue.OfNode(ctx.Self));
                ctx.Deliver(Outcome.Aborted);
                break;
        }
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("a resource manager takes no client requests");

    private void VoteNo(INodeContext ctx)
    {
        Become(ctx, "aborted");
        ctx.Notify(new Vote(ctx.Self, Yes: false));
        ctx.Deliver(Outcome.Aborted);
        ctx.Send(coordinator, new Aborted(ctx.Self));
    }

    private void Become(INodeContext ctx, string state)
    {
        State = state;
        if (!(forgetPreparedOnRestart && state == "prepared")) ctx.Persist(state);
    }
}
