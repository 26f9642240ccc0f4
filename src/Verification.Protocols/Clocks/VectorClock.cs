using System.Collections.Immutable;

namespace Verification.Protocols.Clocks;

/// <summary>How two vector clocks relate under the happens-before partial order.</summary>
public enum CausalRelation
{
    Equal,
    Before,
    After,
    Concurrent,
}

/// <summary>
/// An immutable vector clock over a fixed set of nodes 0..Count-1 (Fidge/Mattern): entry i counts
/// the events of node i that are in the causal past. Equality and hashing are structural, so a
/// clock can be a field of a message record or a key in a set.
/// </summary>
public sealed class VectorClock : IEquatable<VectorClock>
{
    private readonly ImmutableArray<int> entries;

    private VectorClock(ImmutableArray<int> entries) => this.entries = entries;

    /// <summary>The clock of a system of <paramref name="nodeCount"/> nodes before any event.</summary>
    public static VectorClock Zero(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodeCount);
        return new VectorClock(ImmutableArray.Create(new int[nodeCount]));
    }

    public static VectorClock Of(params int[] entries)
    {
        if (entries.Length == 0) throw new ArgumentException("A vector clock needs at least one entry.", nameof(entries));
        if (entries.Any(e => e < 0)) throw new ArgumentException("Vector clock entries are counts and cannot be negative.", nameof(entries));
        return new VectorClock(ImmutableArray.Create(entries));
    }

    public int Count => entries.Length;

    public int this[int node] => entries[node];

    public IReadOnlyList<int> Entries => entries;

    /// <summary>The clock after one more event of <paramref name="node"/>.</summary>
    public VectorClock Increment(int node) => new(entries.SetItem(node, entries[node] + 1));

    /// <summary>The clock with entry <paramref name="node"/> replaced.</summary>
    public VectorClock With(int node, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new VectorClock(entries.SetItem(node, value));
    }

    /// <summary>The pointwise maximum: the least clock that is at least both (the join of the lattice).</summary>
    public VectorClock Merge(VectorClock other)
    {
        RequireSameSize(other);
        var merged = new int[entries.Length];
        for (var i = 0; i < merged.Length; i++) merged[i] = Math.Max(entries[i], other.entries[i]);
        return new VectorClock(ImmutableArray.Create(merged));
    }

    /// <summary>Pointwise ≤: everything this clock has seen, <paramref name="other"/> has seen too.</summary>
    public bool LessOrEqual(VectorClock other)
    {
        RequireSameSize(other);
        for (var i = 0; i < entries.Length; i++)
            if (entries[i] > other.entries[i]) return false;
        return true;
    }

    /// <summary>Pointwise ≤ and different somewhere: this clock happened strictly before <paramref name="other"/>.</summary>
    public bool StrictlyLess(VectorClock other) => LessOrEqual(other) && !Equals(other);

    public CausalRelation Compare(VectorClock other)
    {
        var lessOrEqual = LessOrEqual(other);
        var greaterOrEqual = other.LessOrEqual(this);
        return (lessOrEqual, greaterOrEqual) switch
        {
            (true, true) => CausalRelation.Equal,
            (true, false) => CausalRelation.Before,
            (false, true) => CausalRelation.After,
            _ => CausalRelation.Concurrent,
        };
    }

    public bool Equals(VectorClock? other) =>
        other is not null && entries.AsSpan().SequenceEqual(other.entries.AsSpan());

    public override bool Equals(object? obj) => obj is VectorClock other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in entries) hash.Add(entry);
        return hash.ToHashCode();
    }

    public static bool operator ==(VectorClock? left, VectorClock? right) => Equals(left, right);

    public static bool operator !=(VectorClock? left, VectorClock? right) => !Equals(left, right);

    /// <summary>Written as a TLA+ tuple, e.g. &lt;&lt;1, 0, 2&gt;&gt;.</summary>
    public override string ToString() => "<<" + string.Join(", ", entries) + ">>";

    private void RequireSameSize(VectorClock other)
    {
        if (other.entries.Length != entries.Length)
            throw new ArgumentException($"Vector clocks of different sizes ({entries.Length} and {other.entries.Length}) cannot be compared.");
    }
}
