using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// Causal order: if the broadcast of m1 happened before the broadcast of m2 (m1's sender broadcast
/// m1 earlier, or m2's sender had delivered m1, or transitively so), then no node delivers m2
/// unless it has already delivered m1.
/// </summary>
/// <remarks>
/// The monitor computes happens-before from the run itself (who had delivered or broadcast what
/// when each broadcast was issued), never from the vector clocks the algorithm attaches: a bug in
/// the clocks must not be able to hide from the check.
/// </remarks>
public sealed class CausalOrderMonitor : BroadcastMonitor
{
    private readonly Dictionary<MessageId, HashSet<MessageId>> causalPast = [];

    public override string Name => "CausalOrder";

    protected override void BeforeBroadcast(int node, BroadcastIssued broadcast, IWorldView world)
    {
        var past = new HashSet<MessageId>();
        foreach (var earlier in History.Broadcasts)
            if (earlier.Id.Sender == node) AddWithPast(past, earlier.Id);
        foreach (var delivered in History.DeliveredBy(node)) AddWithPast(past, delivered);
        causalPast[broadcast.Id] = past;
    }

    protected override void BeforeDelivery(int node, Delivery delivery, IWorldView world)
    {
        if (!causalPast.TryGetValue(delivery.Id, out var past)) return; // NoCreation reports it
        foreach (var earlier in past.Order())
            Assert(History.HasDelivered(node, earlier),
                $"{SpecNames.Node(node)} delivered {delivery.Id} before {earlier}, which causally precedes it");
    }

    private void AddWithPast(HashSet<MessageId> past, MessageId id)
    {
        if (!past.Add(id)) return;
        if (causalPast.TryGetValue(id, out var earlier)) past.UnionWith(earlier);
    }
}
