namespace Verification.Tla.Values;

/// <summary>
/// A set. Finite sets compare and fingerprint by their elements whatever their representation
/// (an interval equals the enumerated set of the same integers). Infinite sets (Nat, Int, STRING,
/// Seq(S), SUBSET Nat...) support membership only; enumerating them is an evaluation error.
/// </summary>
public abstract class SetValue : Value
{
    protected SetValue() : base(ValueKind.Set) { }

    /// <summary>Membership test; never enumerates a lazily represented set.</summary>
    public abstract bool Contains(Value element);

    public abstract bool IsFinite { get; }

    /// <summary>Number of elements; an evaluation error for an infinite set or one past 2^63.</summary>
    public abstract long Count { get; }

    public virtual bool IsEmpty => Count == 0;

    /// <summary>Elements in canonical order, streamed; an evaluation error for an infinite set.</summary>
    public abstract IEnumerable<Value> Enumerate();

    /// <summary>The enumerated form; an evaluation error for an infinite set.</summary>
    public abstract FiniteSetValue ToFinite();

    protected override int CompareSameKind(Value other)
    {
        var o = (SetValue)other;
        if (IsFinite != o.IsFinite) return IsFinite ? -1 : 1;
        if (!IsFinite)
        {
            // Infinite sets have no element-wise order; order them by their printed form, which is
            // canonical for the lazily represented sets (and equal sets print alike).
            return string.CompareOrdinal(ValuePrinter.Print(this), ValuePrinter.Print(o));
        }
        // Sizes first (cheap for lazily represented sets), so only same-size sets get enumerated.
        var bySize = Count.CompareTo(o.Count);
        return bySize != 0 ? bySize : FiniteSetValue.CompareCanonical(ToFinite().Elements, o.ToFinite().Elements);
    }

    protected override bool EqualsSameKind(Value other)
    {
        var o = (SetValue)other;
        if (IsFinite != o.IsFinite) return false;
        if (IsFinite && Count != o.Count) return false;
        return Fingerprint == o.Fingerprint && CompareSameKind(o) == 0;
    }

    /// <summary>TLC's error for testing a value of the wrong kind for membership (a string in Nat, a set in [S -&gt; T]).</summary>
    protected static EvalException NotMemberKind(Value element, SetValue set) =>
        new($"Attempted to check if the value:\n{ValuePrinter.Print(element)}\nis an element of {ValuePrinter.Print(set)}.");

    /// <summary>TLC-style error for enumerating an infinite set.</summary>
    protected EvalException NotEnumerable() =>
        new($"Attempted to enumerate a set of the form {ValuePrinter.Print(this)}, but it is infinite or not enumerable.");

    /// <summary>Number of elements as an int, for operations that must materialize.</summary>
    public int CountAsInt()
    {
        var n = Count;
        if (n > int.MaxValue) throw new EvalException($"The set {ValuePrinter.Print(this)} has too many elements ({n}) to enumerate.");
        return (int)n;
    }
}

/// <summary>
/// A lazily represented set (a..b, SUBSET S, [S -&gt; T], ...): its enumerated form and fingerprint
/// are computed on first use and cached. Enumerated sets do not carry these caches, which keeps
/// the many small sets in states compact.
/// </summary>
public abstract class LazySetValue : SetValue
{
    private FiniteSetValue? _materialized;
    private ulong _fingerprint;
    private bool _fingerprintKnown;

    public override FiniteSetValue ToFinite()
    {
        if (_materialized is not null) return _materialized;
        if (!IsFinite) throw NotEnumerable();
        var elements = Enumerate().ToArray();
        var built = FiniteSetValue.FromCanonical(elements);
        Interlocked.CompareExchange(ref _materialized, built, null);
        return _materialized!;
    }

    // How often a quantifier or CHOOSE ranged over this set; negative: never keep its enumerated form.
    private int _enumerations;
    private const int LargestKeptEnumeration = 1 << 16;

    /// <summary>
    /// The form to range over: from its second enumeration on, a finite set of moderate size is
    /// materialized once and kept, so a constant <c>SUBSET Node</c> or <c>[S -&gt; T]</c> that a
    /// quantifier ranges over in every state is not enumerated (allocating each subset) again
    /// and again. A set built afresh in each evaluation is enumerated once and stays streamed.
    /// </summary>
    public SetValue ForRepeatedEnumeration()
    {
        if (_materialized is not null) return _materialized;
        // Benign race: the counter only decides when to materialize, which any thread may do.
        if (_enumerations < 0 || ++_enumerations < 2 || this is IntervalValue) return this;
        try
        {
            if (!IsFinite || Count > LargestKeptEnumeration)
            {
                _enumerations = -1;
                return this;
            }
        }
        catch (EvalException)
        {
            _enumerations = -1;
            return this;
        }
        return ToFinite();
    }

    public override ulong Fingerprint
    {
        get
        {
            if (_fingerprintKnown) return _fingerprint;
            var fp = IsFinite
                ? ToFinite().Fingerprint
                : Fingerprints.Combine(Fingerprints.SetSeed ^ 0xA5A5A5A5UL, Fingerprints.OfString(ValuePrinter.Print(this)));
            _fingerprint = fp;
            Volatile.Write(ref _fingerprintKnown, true);
            return fp;
        }
    }
}

/// <summary>
/// An enumerated finite set, kept canonical: elements sorted by <see cref="Value.CompareTo"/>
/// with no duplicates. Membership is a binary search.
/// </summary>
public sealed class FiniteSetValue : SetValue
{
    public static readonly FiniteSetValue Empty = new([]);

    /// <summary>BOOLEAN.</summary>
    public static readonly FiniteSetValue Boolean = new([BoolValue.False, BoolValue.True]);

    private readonly Value[] _elements;
    // Computed on first use (0: not yet), as for functions: intermediate sets are rarely hashed.
    private ulong _fingerprint;

    private FiniteSetValue(Value[] canonicalElements) => _elements = canonicalElements;

    /// <summary>Elements in canonical order.</summary>
    public ReadOnlySpan<Value> Elements => _elements;

    public Value this[int index] => _elements[index];

    public int Length => _elements.Length;

    /// <summary>Builds a set from elements in any order, with duplicates allowed.</summary>
    public static FiniteSetValue Of(IEnumerable<Value> elements)
    {
        var array = elements as Value[] ?? elements.ToArray();
        if (array.Length == 0) return Empty;
        if (ReferenceEquals(array, elements)) array = (Value[])array.Clone();
        return FromCanonical(Canonicalize(array));
    }

    public static FiniteSetValue Of(params Value[] elements) => Of((IEnumerable<Value>)elements);

    /// <summary>Builds a set from an array the caller gives up (it is sorted in place).</summary>
    public static FiniteSetValue FromUnsortedArray(Value[] takenOver) =>
        takenOver.Length == 0 ? Empty : FromCanonical(Canonicalize(takenOver));

    /// <summary>Sorts elements the caller guarantees to be distinct (a permutation's images of a set's elements); the array is taken over.</summary>
    internal static FiniteSetValue FromUnsortedDistinctArray(Value[] distinct)
    {
        if (distinct.Length == 0) return Empty;
        var sorted = true;
        for (var i = 1; i < distinct.Length && sorted; i++) sorted = distinct[i - 1].CompareTo(distinct[i]) < 0;
        if (!sorted) Array.Sort(distinct);
        return new FiniteSetValue(distinct);
    }

    /// <summary>Wraps elements the caller guarantees to be sorted and distinct; the array is taken over.</summary>
    public static FiniteSetValue FromCanonical(Value[] sortedDistinct) =>
        sortedDistinct.Length == 0 ? Empty : new FiniteSetValue(sortedDistinct);

    /// <summary>Sorts in place and removes duplicates; returns the (possibly shorter) canonical array.</summary>
    internal static Value[] Canonicalize(Value[] array)
    {
        if (array.Length <= 1) return array;
        var sorted = true;
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i - 1].CompareTo(array[i]) >= 0) { sorted = false; break; }
        }
        if (sorted) return array;
        Array.Sort(array);
        var write = 1;
        for (var read = 1; read < array.Length; read++)
        {
            if (array[read].CompareTo(array[write - 1]) != 0) array[write++] = array[read];
        }
        if (write < array.Length) Array.Resize(ref array, write);
        return array;
    }

    public override bool IsFinite => true;
    public override long Count => _elements.Length;
    public override bool IsEmpty => _elements.Length == 0;
    public override ulong Fingerprint
    {
        get
        {
            var fingerprint = _fingerprint;
            if (fingerprint == 0) _fingerprint = fingerprint = Fingerprints.OfSetElements(_elements);
            return fingerprint;
        }
    }

    /// <summary>Whether the fingerprint has been computed (for tests of the lazy computation).</summary>
    internal bool HasFingerprint => _fingerprint != 0;

    public override bool Contains(Value element) => IndexOf(element) >= 0;

    /// <summary>Position of the element in canonical order, or a negative number.</summary>
    public int IndexOf(Value element)
    {
        int lo = 0, hi = _elements.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _elements[mid].CompareTo(element);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    public override IEnumerable<Value> Enumerate() => _elements;

    public override FiniteSetValue ToFinite() => this;

    protected override bool EqualsSameKind(Value other)
    {
        if (other is FiniteSetValue f)
        {
            if (f._elements.Length != _elements.Length) return false;
            if (_fingerprint != 0 && f._fingerprint != 0 && _fingerprint != f._fingerprint) return false;
            for (var i = 0; i < _elements.Length; i++)
                if (!_elements[i].Equals(f._elements[i])) return false;
            return true;
        }
        return base.EqualsSameKind(other);
    }

    /// <summary>TLC's set order: by size, then element by element in canonical order.</summary>
    internal static int CompareCanonical(ReadOnlySpan<Value> a, ReadOnlySpan<Value> b)
    {
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
