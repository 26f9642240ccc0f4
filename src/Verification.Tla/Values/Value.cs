namespace Verification.Tla.Values;

/// <summary>
/// A TLA+ value as TLC computes with it.
///
/// Design:
/// - Values are immutable and shared freely between states, threads and traces.
/// - Every value has a 64-bit <see cref="Fingerprint"/> that depends only on the mathematical value,
///   never on how it was built: a tuple and the equal function <c>1 :&gt; a @@ 2 :&gt; b</c>, a set
///   written in any order, an interval and the enumerated set of the same integers all fingerprint
///   alike. Compound values compute it on first use and keep it (TLC, too, fingerprints only what it stores or compares); scalars compute it without allocation.
/// - <see cref="CompareTo"/> is a total order consistent with <see cref="Equals(Value)"/>. Within one
///   kind it is TLC's order (integers numerically, strings ordinally, model values by their index =
///   order of first appearance in the cfg, sets by size then elements, functions by size then domain
///   then values, records field by field), which is what makes CHOOSE pick what TLC picks. Across kinds the order is fixed by <see cref="ValueKind"/>, so
///   sets can always be kept canonical (sorted, deduplicated). Comparisons that TLC rejects
///   (<c>1 = "a"</c>) are rejected by <see cref="ValueOps.CheckedEquals"/>, not by this order.
/// - Records, tuples and sequences are all <see cref="FunctionValue"/>s, as in TLA+.
/// - Sets are <see cref="SetValue"/>s: either an enumerated <see cref="FiniteSetValue"/> or a lazily
///   represented one (Nat, Int, a..b, SUBSET S, [S -&gt; T], Seq(S), [a : S], S \X T) that answers
///   membership without enumerating and enumerates in canonical order when finite.
/// - A problem TLC reports as an evaluation error is thrown as <see cref="EvalException"/>; the
///   evaluator adds the source location.
/// </summary>
public abstract class Value : IComparable<Value>, IEquatable<Value>
{
    protected Value(ValueKind kind) => Kind = kind;

    /// <summary>The kind, which also orders values of different kinds (a field: it is read on every comparison).</summary>
    public ValueKind Kind { get; }

    // A hash of the object's identity for caches keyed by reference (the symmetry images), given
    // out on first use. It fits in the padding after Kind, so values do not grow; unlike
    // RuntimeHelpers.GetHashCode it needs no write to the object header. Not unique: a hash only.
    private int _identityHash;
    private static int _nextIdentityHash;

    internal int IdentityHash
    {
        get
        {
            var hash = _identityHash;
            if (hash != 0) return hash;
            // A racy increment is fine: two values sharing a hash only share a cache slot.
            hash = ++_nextIdentityHash;
            if (hash == 0) hash = 1;
            _identityHash = hash;
            return hash;
        }
    }

    /// <summary>64-bit fingerprint: equal values have equal fingerprints.</summary>
    public abstract ulong Fingerprint { get; }

    /// <summary>Total canonical order; 0 exactly when the values are equal.</summary>
    public int CompareTo(Value? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        if (Kind != other.Kind) return Kind < other.Kind ? -1 : 1;
        return CompareSameKind(other);
    }

    /// <summary>Compares with a value of the same <see cref="Kind"/>.</summary>
    protected abstract int CompareSameKind(Value other);

    public bool Equals(Value? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Kind != other.Kind) return false;
        return EqualsSameKind(other);
    }

    /// <summary>Equality with a value of the same kind; overridden where cheaper than comparing.</summary>
    protected virtual bool EqualsSameKind(Value other) =>
        Fingerprint == other.Fingerprint && CompareSameKind(other) == 0;

    public sealed override bool Equals(object? obj) => obj is Value v && Equals(v);

    public sealed override int GetHashCode() => (int)(Fingerprint ^ (Fingerprint >> 32));

    /// <summary>TLC's printed form (as in error traces and Print).</summary>
    public sealed override string ToString() => ValuePrinter.Print(this);

    public static bool operator ==(Value? a, Value? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Value? a, Value? b) => !(a == b);
}

/// <summary>
/// The kinds of values, in the order that sorts values of different kinds. Model values come first
/// because TLC treats an (untyped) model value as less than any other value.
/// </summary>
public enum ValueKind
{
    ModelValue = 0,
    Bool = 1,
    Int = 2,
    String = 3,
    Set = 4,
    Function = 5,
}

/// <summary>
/// An evaluation error with TLC's wording. The evaluator attaches the source location of the
/// expression being evaluated; values do not know where they came from.
/// </summary>
public class EvalException : Exception
{
    public EvalException(string message) : base(message) { }
    public EvalException(string message, Exception inner) : base(message, inner) { }
}
