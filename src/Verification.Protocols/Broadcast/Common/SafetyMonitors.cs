using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// No creation: a node delivers only messages that were broadcast, with the body they were
/// broadcast with. Also rejects a node broadcasting two messages under one id.
/// </summary>
public sealed class NoCreationMonitor : BroadcastMonitor
{
    public override string Name => "NoCreation";

    protected override void BeforeBroadcast(int node, BroadcastIssued broadcast, IWorldView world)
    {
        Assert(broadcast.Id.Sender == node,
            $"{SpecNames.Node(node)} broadcast {broadcast.Id}, an id that belongs to {SpecNames.Node(broadcast.Id.Sender)}");
        Assert(!History.WasBroadcast(broadcast.Id), $"{SpecNames.Node(node)} broadcast {broadcast.Id} twice");
    }

    protected override void BeforeDelivery(int node, Delivery delivery, IWorldView world)
    {
        var body = History.BodyOf(delivery.Id);
        Assert(body is not null, $"{SpecNames.Node(node)} delivered {delivery.Id}, which was never broadcast");
        Assert(body == delivery.Body,
            $"{SpecNames.Node(node)} delivered {delivery.Id} with body \"{delivery.Body}\", but it was broadcast as \"{body}\"");
    }
}

/// <summary>No duplication: no node delivers the same message twice.</summary>
public sealed class NoDuplicationMonitor : BroadcastMonitor
{
    public override string Name => "NoDuplication";

    protected override void BeforeDelivery(int node, Delivery delivery, IWorldView world) =>
        Assert(!History.HasDelivered(node, delivery.Id), $"{SpecNames.Node(node)} delivered {delivery.Id} twice");
}

/// <summary>
/// FIFO order: if a node broadcast m1 before m2, no node delivers m2 unless it has already
/// delivered m1. Checked at every node, crashed or not: what a node delivered before crashing
/// was handed to its application in that order.
/// </summary>
public sealed class FifoOrderMonitor : BroadcastMonitor
{
    public override string Name => "FifoOrder";

    protected override void BeforeDelivery(int node, Delivery delivery, IWorldView world)
    {
        foreach (var earlier in History.Broadcasts)
        {
            if (earlier.Id.Sender != delivery.Id.Sender) continue;
            if (earlier.Id == delivery.Id) return;
            Assert(History.HasDelivered(node, earlier.Id),
                $"{SpecNames.Node(node)} delivered {delivery.Id} before {earlier.Id}, which {SpecNames.Node(delivery.Id.Sender)} broadcast earlier");
        }
    }
}
