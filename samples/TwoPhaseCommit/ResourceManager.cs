using Verification.Systematic.Runtime;

namespace TwoPhaseCommit;

/// <summary>
/// A resource manager (nodes n2..nk): works on the transaction until its client asks it to prepare,
/// or gives up when its timer fires first; then follows the transaction manager's decision. Its
/// state is persisted at every change, so a restart brings it back as it was (the spec's Crash).
/// </summary>
/// <param name="forgetPreparedOnRestart">The seeded bug: the prepared state is not persisted, so a restarted RM is "working" again and may give up.</param>
public sealed class ResourceManager(bool forgetPreparedOnRestart) : INode
{
    /// <summary>The spec's rmState[r]: "working", "prepared", "committed" or "aborted".</summary>
    public string State { get; private set; } = "working";

    public void OnStart(INodeContext ctx) => ctx.SetTimer("give-up", delay: 5);

    public void OnRestart(INodeContext ctx, object? durableState)
    {
        State = durableState as string ?? "working";
        if (State == "working") OnStart(ctx);
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (State != "working") return;
        Become(ctx, "prepared");
        ctx.Label("RMPrepare", LabelValue.OfNode(ctx.Self));
        ctx.Send(SpecNames.TransactionManager, new Prepared(ctx.Self));
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (State != "working") return;
        Become(ctx, "aborted");
        ctx.Label("RMChooseToAbort", LabelValue.OfNode(ctx.Self));
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Commit:
                Become(ctx, "committed");
                ctx.Label("RMRcvCommitMsg", LabelValue.OfNode(ctx.Self));
                break;
            case Abort:
                Become(ctx, "aborted");
                ctx.Label("RMRcvAbortMsg", LabelValue.OfNode(ctx.Self));
                break;
        }
    }

    private void Become(INodeContext ctx, string state)
    {
        State = state;
        if (!(forgetPreparedOnRestart && state == "prepared")) ctx.Persist(state);
    }
}
