using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.SequencerTotalOrder;

/// <summary>
/// Total order broadcast through a fixed sequencer (Kleppmann), the C# twin of
/// specs/broadcast/SequencerTotalOrder.tla: same variables, messages (Submit, Sequenced) and
/// actions (Broadcast, ReceiveSubmit, Sequence, Receive, Deliver). The spec's Sequence and Deliver
/// are steps of their own, so the node arms a zero-delay timer of that name when one is enabled and
/// performs one action per firing.
/// </summary>
/// <param name="noFifoDelivery">Seeded bug: deliver numbered messages as they arrive instead of in number order.</param>
public sealed class SequencerTotalOrderNode(int sequencer, bool noFifoDelivery = false) : INode, IStateHash
{
    public const string SequenceTimer = "Sequence";
    public const string DeliverTimer = "Deliver";

    // The sequencer's state (unused on other nodes).
    private readonly List<Submit> submitBuffer = [];
    private int[] sequencedFrom = [];
    private int nextSeq = 1;

    // Every node's state.
    private readonly List<Sequenced> buffer = [];
    private int sendSeq;
    private int delivered;

    // History, never read by the algorithm: the spec's deliveredLog[n], for the refinement mapping.
    private readonly List<MessageId> deliveredLog = [];

    public int Sequencer => sequencer;
    public int SendSeq => sendSeq;
    public int Delivered => delivered;
    public IReadOnlyList<Sequenced> Buffer => buffer;
    public IReadOnlyList<Submit> SubmitBuffer => submitBuffer;
    public IReadOnlyList<int> SequencedFrom => sequencedFrom;
    public int NextSeq => nextSeq;
    public IReadOnlyList<MessageId> DeliveredLog => deliveredLog;

    public void OnStart(INodeContext ctx) => sequencedFrom = new int[ctx.NodeCount];

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("Sequencer total order is modelled without crashes: the sequencer is a single point of failure.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not BroadcastRequest broadcast)
            throw new ArgumentException($"SequencerTotalOrder expects BroadcastRequest payloads, got {request.Payload}");
        var id = new MessageId(ctx.Self, sendSeq + 1);
        ctx.Label("Broadcast", LabelValue.OfNode(ctx.Self));
        ctx.Notify(new BroadcastIssued(id, broadcast.Body));
        ctx.Send(sequencer, new Submit(id, broadcast.Body));
        sendSeq++;
        ctx.Reply(request, id);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Submit submit when ctx.Self == sequencer:
                ctx.Label("ReceiveSubmit", submit.Id);
                submitBuffer.Add(submit);
                if (NextToSequence() is not null && !ctx.IsTimerSet(SequenceTimer)) ctx.SetTimer(SequenceTimer);
                break;
            case Sequenced sequenced:
                ctx.Label("Receive", LabelValue.OfNode(ctx.Self), sequenced.Seq, sequenced.Id);
                buffer.Add(sequenced);
                if (NextToDeliver() is not null && !ctx.IsTimerSet(DeliverTimer)) ctx.SetTimer(DeliverTimer);
                break;
            default:
                throw new ArgumentException($"SequencerTotalOrder {SpecNames.Node(ctx.Self)} got an unexpected message {message}");
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case SequenceTimer:
                SequenceOne(ctx);
                break;
            case DeliverTimer:
                DeliverOne(ctx);
                break;
            default:
                throw new ArgumentException($"SequencerTotalOrder has no timer {timer}");
        }
    }

    private void SequenceOne(INodeContext ctx)
    {
        var submit = NextToSequence();
        if (submit is null) return;
        ctx.Label("Sequence", submit.Id);
        var sequenced = new Sequenced(nextSeq, submit.Id, submit.Body);
        for (var to = 0; to < ctx.NodeCount; to++) ctx.Send(to, sequenced);
        submitBuffer.Remove(submit);
        sequencedFrom[submit.Id.Sender]++;
        nextSeq++;
        if (NextToSequence() is not null) ctx.SetTimer(SequenceTimer);
    }

    private void DeliverOne(INodeContext ctx)
    {
        var next = NextToDeliver();
        if (next is null) return;
        ctx.Label("Deliver", LabelValue.OfNode(ctx.Self), next.Seq, next.Id);
        buffer.Remove(next);
        delivered++;
        deliveredLog.Add(next.Id);
        ctx.Deliver(new Delivery(next.Id, next.Body));
        if (NextToDeliver() is not null) ctx.SetTimer(DeliverTimer);
    }

    /// <summary>The held-back submission whose sender's earlier messages are all numbered (FIFO link), if any.</summary>
    private Submit? NextToSequence()
    {
        Submit? best = null;
        foreach (var submit in submitBuffer)
            if (submit.Id.Seq == sequencedFrom[submit.Id.Sender] + 1 && (best is null || submit.Id.CompareTo(best.Id) < 0))
                best = submit;
        return best;
    }

    /// <summary>The buffered message carrying the next number (FIFO broadcast); with the bug, the oldest arrival.</summary>
    private Sequenced? NextToDeliver()
    {
        if (noFifoDelivery) return buffer.Count > 0 ? buffer[0] : null;
        foreach (var sequenced in buffer)
            if (sequenced.Seq == delivered + 1) return sequenced;
        return null;
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(sendSeq);
        hasher.Add(delivered);
        hasher.Add(nextSeq);
        foreach (var count in sequencedFrom) hasher.Add(count);
        hasher.Separator();
        foreach (var submit in submitBuffer)
        {
            hasher.Add(submit.Id);
            hasher.Add(submit.Body);
        }
        hasher.Separator();
        foreach (var sequenced in buffer)
        {
            hasher.Add(sequenced.Seq);
            hasher.Add(sequenced.Id);
            hasher.Add(sequenced.Body);
        }
        hasher.Separator();
        foreach (var id in deliveredLog) hasher.Add(id);
        return hasher.Value;
    }
}
