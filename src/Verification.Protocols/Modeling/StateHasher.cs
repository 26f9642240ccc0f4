namespace Verification.Protocols.Modeling;

/// <summary>
/// A 64-bit FNV-1a accumulator for nodes' and messages' <c>IStateHash</c>: 64 real bits, because
/// the explorer's exhaustive search prunes a run on a hash match, and a 32-bit
/// <see cref="HashCode"/> would make wrong merges likely over millions of states. Strings are
/// hashed by their characters. Protocol values add themselves through extension methods next to
/// them (a broadcast's message id, a clock).
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

    public void Add(ulong value) => Add((long)value);

    public void Add(bool value) => Add(value ? 1 : 0);

    public void Add(string? value)
    {
        if (value is null)
        {
            Add(long.MinValue + 1);
            return;
        }
        Add(value.Length);
        foreach (var c in value) Add((long)c);
    }

    /// <summary>
    /// A value of a node's state of no type known here (a message, a payload): its own 64-bit hash
    /// when it has one, else its <see cref="object.GetHashCode"/>. (Not an overload of Add: a
    /// protocol value's Add extension must win over it.)
    /// </summary>
    public void AddValue(object? value)
    {
        switch (value)
        {
            case null: Add(long.MinValue + 2); break;
            case string s: Add(s); break;
            case int i: Add(i); break;
            case long l: Add(l); break;
            case bool b: Add(b); break;
            case Verification.Systematic.Runtime.IStateHash hashable: Add(hashable.StateHash()); break;
            default: Add(value.GetHashCode()); break;
        }
    }

    /// <summary>
    /// The items of an immutable array, by content: a record's generated equality and hash compare
    /// an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> by reference, so records that
    /// hold one hash (and compare) through here.
    /// </summary>
    public void AddAll<T>(System.Collections.Immutable.ImmutableArray<T> items)
    {
        Add(items.Length);
        foreach (var item in items) AddValue(item);
    }

    /// <summary>A 64-bit hash folded into a <see cref="object.GetHashCode"/>.</summary>
    public static int Fold(ulong hash) => (int)(hash ^ (hash >> 32));

    /// <summary>Marks the end of a variable-length part, so that [a, b] + [] and [a] + [b] differ.</summary>
    public void Separator() => Add(-1L);

    public readonly ulong Value => hash;
}
