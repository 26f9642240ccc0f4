using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// Total order: if one node delivers m1 before m2, every node that delivers both delivers m1
/// before m2. Checked at every node, crashed or not, since a crashed node's deliveries reached its
/// application too.
/// </summary>
/// <remarks>
/// Each delivery is compared against the deliveries of every other node. A violation is a pair
/// delivered in opposite orders at two nodes; whichever of the four deliveries comes last sees the
/// other three already recorded, so checking only the delivery being made finds every violation.
/// </remarks>
public sealed class TotalOrderMonitor : BroadcastMonitor
{
    private readonly List<Dictionary<MessageId, int>> positions = [];

    public override string Name => "TotalOrder";

    protected override void BeforeDelivery(int node, Delivery delivery, IWorldView world)
    {
        var mine = PositionsOf(node);
        if (mine.ContainsKey(delivery.Id)) return; // NoDuplication reports it
        for (var other = 0; other < positions.Count; other++)
        {
            if (other == node || !positions[other].TryGetValue(delivery.Id, out var laterThere)) continue;
            foreach (var (earlierHere, _) in mine.OrderBy(p => p.Value))
            {
                if (positions[other].TryGetValue(earlierHere, out var there))
                    Assert(there < laterThere,
                        $"{SpecNames.Node(node)} delivers {delivery.Id} after {earlierHere}, but {SpecNames.Node(other)} delivered {delivery.Id} before {earlierHere}");
            }
        }
        mine[delivery.Id] = mine.Count;
    }

    private Dictionary<MessageId, int> PositionsOf(int node)
    {
        while (positions.Count <= node) positions.Add([]);
        return positions[node];
    }
}
