using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Clocks;

/// <summary>
/// A 64-bit FNV-1a accumulator for the <c>IStateHash</c> of the broadcast nodes built on these
/// clocks: 64 bits, because the explorer's exhaustive search prunes a run on a hash match, and a
/// 32-bit <see cref="HashCode"/> would make wrong merges likely over millions of states.
/// Strings go through <see cref="string.GetHashCode()"/>, which is stable within a process — all
/// the explorer needs.
/// </summary>
internal struct StateHasher()
{
    private ulong hash = 14695981039346656037UL;

    public void Add(long value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash ^= (byte)(value >> (8 * i));
            hash *= 1099511628211UL;
        }
    }

    public void Add(bool value) => Add(value ? 1 : 0);

    public void Add(string value) => Add(value.GetHashCode());

    public void Add(MessageId id)
    {
        Add(id.Sender);
        Add(id.Seq);
    }

    public void Add(LamportTimestamp ts)
    {
        Add(ts.Time);
        Add(ts.Node);
    }

    public void Add(VectorClock clock)
    {
        Add(clock.Count);
        for (var i = 0; i < clock.Count; i++) Add(clock[i]);
    }

    /// <summary>Marks the end of a variable-length part, so that [a, b] + [] and [a] + [b] differ.</summary>
    public void Separator() => Add(-1L);

    public readonly ulong Value => hash;
}
