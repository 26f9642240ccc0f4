using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>
/// The total order broadcast service the participants vote through: the sequencer of
/// <see cref="SequencerTotalOrderNode"/>, unchanged, as an extra node that does not crash (it stands
/// for a fault-tolerant service, a consensus group in practice). Of its steps only the numbering of a
/// vote is an action of the commit spec (Sequence(v): the vote joins log); taking a submission and
/// its own copies of the numbered votes change none of the spec's variables.
/// </summary>
public sealed class TotalOrderSequencer : INode
{
    private readonly SequencerTotalOrderNode broadcast;
    private CommitVote? sequenced;

    public TotalOrderSequencer(int self) => broadcast = new SequencerTotalOrderNode(self);

    public void OnStart(INodeContext ctx) => broadcast.OnStart(Component(ctx));

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("the total order broadcast service must not be crashable");

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("the total order broadcast service takes no client requests");

    public void OnMessage(INodeContext ctx, int from, object message) => broadcast.OnMessage(Component(ctx), from, message);

    public void OnTimer(INodeContext ctx, string timer)
    {
        sequenced = null;
        broadcast.OnTimer(Component(ctx), timer);
        if (sequenced is not null) ctx.Label("Sequence", sequenced);
    }

    // The service's own copies of the votes are no participant's: it delivers them to nobody.
    private ComponentContext Component(INodeContext ctx) => new(ctx, deliver: static _ => { }, sent: message =>
    {
        if (message is Sequenced numbered) sequenced = CommitVote.FromBody(numbered.Body);
    });
}
