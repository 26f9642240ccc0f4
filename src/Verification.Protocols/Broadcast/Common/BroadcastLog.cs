using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// A broadcast node's durable record: how many messages it broadcast (spec: sent[p]) and what it
/// handed to its application, in order (spec: delivered[p]). These are history rather than
/// protocol state — the crash-stop algorithms never read them back — but they outlive the node,
/// as they do in the specs, so a refinement mapping can still read a crashed node's sent[p] and
/// delivered[p] through IWorldView.Durable. Immutable, with value equality.
/// </summary>
public sealed class BroadcastLog : IEquatable<BroadcastLog>, IStateHash
{
    private readonly MessageId[] delivered;

    public static BroadcastLog Empty { get; } = new(0, []);

    private BroadcastLog(int sent, MessageId[] delivered)
    {
        Sent = sent;
        this.delivered = delivered;
    }

    public int Sent { get; }

    public IReadOnlyList<MessageId> Delivered => delivered;

    public BroadcastLog WithBroadcast() => new(Sent + 1, delivered);

    public BroadcastLog WithDelivery(MessageId id) => new(Sent, [.. delivered, id]);

    public bool Equals(BroadcastLog? other) =>
        other is not null && Sent == other.Sent && delivered.AsSpan().SequenceEqual(other.delivered);

    public override bool Equals(object? obj) => Equals(obj as BroadcastLog);

    public override int GetHashCode() => StateHasher.Fold(StateHash());

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Sent);
        hasher.Add(delivered.Length);
        foreach (var id in delivered) hasher.Add(id);
        return hasher.Value;
    }
}
