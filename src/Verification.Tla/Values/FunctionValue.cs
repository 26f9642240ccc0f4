namespace Verification.Tla.Values;

/// <summary>
/// A function with a finite domain, stored as the domain in canonical order and the matching values.
/// Tuples and sequences are functions with domain 1..n, records are functions from strings: one
/// representation, so <c>&lt;&lt;10, 20&gt;&gt; = (1 :&gt; 10 @@ 2 :&gt; 20)</c> holds and both print as
/// a tuple. Order (TLC's): by domain size, then domain elements, then values; records field by field.
/// </summary>
public sealed class FunctionValue : Value
{
    // Declared before EmptyTuple: static initializers run in textual order.
    private static readonly Value[][] SharedTupleDomains = BuildTupleDomains(64);

    public static readonly FunctionValue EmptyTuple = new(TupleDomain(0), [], isTuple: true);

    private readonly Value[] _domain;
    private readonly Value[] _values;
    // Computed on first use (0: not yet): most functions built while evaluating (EXCEPT results
    // a guard rejects, images under a symmetry permutation, invariants' intermediate values) are
    // never stored nor hashed. A fingerprint that happens to be 0 is just recomputed each time.
    private ulong _fingerprint;
    private SetValue? _domainSet;

    private FunctionValue(Value[] canonicalDomain, Value[] values, bool isTuple) : base(ValueKind.Function)
    {
        _domain = canonicalDomain;
        _values = values;
        IsTuple = isTuple;
    }

    /// <summary>True when the domain is 1..n (including the empty function): a tuple or sequence.</summary>
    public bool IsTuple { get; }

    /// <summary>True when the domain is a non-empty set of strings: prints as a record.</summary>
    public bool IsRecord => !IsTuple && _domain.Length > 0 && HasStringDomain;

    // Whether every domain element is a string, found on first use: comparisons of records ask it
    // on every call (0: not known yet, 1: yes, 2: no).
    private byte _stringDomain;

    private bool HasStringDomain
    {
        get
        {
            if (_stringDomain == 0) _stringDomain = AllStrings(_domain) ? (byte)1 : (byte)2;
            return _stringDomain == 1;
        }
    }

    /// <summary>Domain in canonical order.</summary>
    public ReadOnlySpan<Value> DomainElements => _domain;

    /// <summary>Values, matching <see cref="DomainElements"/> position by position (for a tuple: its elements).</summary>
    public ReadOnlySpan<Value> Values => _values;

    public int Count => _domain.Length;

    public override ulong Fingerprint
    {
        get
        {
            var fingerprint = _fingerprint;
            if (fingerprint == 0) _fingerprint = fingerprint = Fingerprints.OfFunction(_domain, _values);
            return fingerprint;
        }
    }

    /// <summary>Whether the fingerprint has been computed (for tests of the lazy computation).</summary>
    internal bool HasFingerprint => _fingerprint != 0;

    /// <summary>DOMAIN f.</summary>
    public SetValue Domain => _domainSet ??= IsTuple
        ? new IntervalValue(1, _domain.Length)
        : FiniteSetValue.FromCanonical(_domain);

    // ---- construction -------------------------------------------------------------------------

    /// <summary>A tuple / sequence &lt;&lt;e1, ..., en&gt;&gt;. The array is taken over.</summary>
    public static FunctionValue Tuple(params Value[] elements) =>
        elements.Length == 0 ? EmptyTuple : new FunctionValue(TupleDomain(elements.Length), elements, isTuple: true);

    public static FunctionValue Tuple(IEnumerable<Value> elements) => Tuple(elements.ToArray());

    /// <summary>A record [name |-> value, ...]; duplicate field names are an error.</summary>
    public static FunctionValue Record(IEnumerable<KeyValuePair<string, Value>> fields)
    {
        var list = fields as IReadOnlyCollection<KeyValuePair<string, Value>> ?? fields.ToArray();
        var domain = new Value[list.Count];
        var values = new Value[list.Count];
        var i = 0;
        foreach (var (name, value) in list)
        {
            domain[i] = StringValue.Of(name);
            values[i++] = value;
        }
        return FromUnsortedArrays(domain, values);
    }

    public static FunctionValue Record(params (string Name, Value Value)[] fields)
    {
        var domain = new Value[fields.Length];
        var values = new Value[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            domain[i] = StringValue.Of(fields[i].Name);
            values[i] = fields[i].Value;
        }
        return FromUnsortedArrays(domain, values);
    }

    /// <summary>
    /// A function from (argument, value) pairs in any order. A repeated argument is an error here;
    /// callers that give one side priority (<c>@@</c>) resolve it first.
    /// </summary>
    public static FunctionValue FromPairs(IEnumerable<KeyValuePair<Value, Value>> pairs)
    {
        var list = pairs as IReadOnlyCollection<KeyValuePair<Value, Value>> ?? pairs.ToArray();
        var domain = new Value[list.Count];
        var values = new Value[list.Count];
        var i = 0;
        foreach (var (key, value) in list)
        {
            domain[i] = key;
            values[i++] = value;
        }
        return FromUnsortedArrays(domain, values);
    }

    /// <summary>Sorts the domain (moving the values along), rejects repeated arguments, and wraps the arrays.</summary>
    internal static FunctionValue FromUnsortedArrays(Value[] domain, Value[] values)
    {
        SortByDomain(domain, values);
        for (var i = 1; i < domain.Length; i++)
        {
            if (domain[i].CompareTo(domain[i - 1]) == 0)
                throw new EvalException($"The function being built has the argument {ValuePrinter.Print(domain[i])} twice.");
        }
        return FromCanonical(domain, values);
    }

    /// <summary>Sorts a domain the caller guarantees to be distinct (moving the values along) and wraps the arrays.</summary>
    internal static FunctionValue FromUnsortedDistinctArrays(Value[] domain, Value[] values)
    {
        SortByDomain(domain, values);
        return FromCanonical(domain, values);
    }

    /// <summary>
    /// Wraps a domain the caller guarantees to be sorted and distinct, and its values; the arrays are
    /// taken over. Recognizes a 1..n domain and stores it as a tuple.
    /// </summary>
    public static FunctionValue FromCanonical(Value[] sortedDomain, Value[] values)
    {
        if (sortedDomain.Length != values.Length) throw new ArgumentException("Domain and values differ in length.");
        if (sortedDomain.Length == 0) return EmptyTuple;
        return IsOneToN(sortedDomain)
            ? new FunctionValue(TupleDomain(sortedDomain.Length), values, isTuple: true)
            : new FunctionValue(sortedDomain, values, isTuple: false);
    }

    /// <summary>The function [x \in domain |-> compute(x)] over a finite domain.</summary>
    public static FunctionValue Build(SetValue domain, Func<Value, Value> compute)
    {
        var finite = domain.ToFinite();
        var keys = finite.Elements.ToArray();
        var values = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++) values[i] = compute(keys[i]);
        return FromCanonical(keys, values);
    }

    // ---- application --------------------------------------------------------------------------

    /// <summary>f[arg]; an evaluation error with TLC's wording outside the domain.</summary>
    public Value Apply(Value argument)
    {
        if (TryApply(argument, out var result)) return result;
        throw new EvalException($"Attempted to apply function:\n{ValuePrinter.Print(this)}\nto argument {ValuePrinter.Print(argument)}, which is not in the domain of the function.");
    }

    public bool TryApply(Value argument, out Value result)
    {
        var index = IndexOf(argument);
        if (index < 0)
        {
            result = null!;
            return false;
        }
        result = _values[index];
        return true;
    }

    /// <summary>Position of the argument in the domain, or a negative number.</summary>
    public int IndexOf(Value argument)
    {
        if (IsTuple)
        {
            if (argument is IntValue i && i.Value >= 1 && i.Value <= _values.Length) return i.Value - 1;
            return -1;
        }
        var domain = _domain;
        // Model values, strings and small integers are shared objects: on the small domains of
        // records and of functions of processes a reference scan finds the argument without a
        // single comparison; a miss still ends in the binary search (equal but distinct objects).
        if (domain.Length <= 8)
        {
            for (var i = 0; i < domain.Length; i++)
                if (ReferenceEquals(domain[i], argument)) return i;
        }
        int lo = 0, hi = domain.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = domain[mid].CompareTo(argument);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>[f EXCEPT ![arg] = value]; an argument outside the domain leaves f unchanged, as in TLA+.</summary>
    public FunctionValue With(Value argument, Value value)
    {
        var index = IndexOf(argument);
        return index < 0 ? this : WithAt(index, value);
    }

    /// <summary>The function with the value at a position of <see cref="DomainElements"/> replaced (EXCEPT on a known argument).</summary>
    public FunctionValue WithAt(int index, Value value)
    {
        if (ReferenceEquals(_values[index], value)) return this;
        var values = new Value[_values.Length];
        _values.AsSpan().CopyTo(values);
        ValueArrays.Store(values, index, value);
        return new FunctionValue(_domain, values, IsTuple);
    }

    /// <summary>The function on the same domain with other values (position by position); the array is taken over.</summary>
    internal FunctionValue WithValues(Value[] values)
    {
        if (values.Length != _values.Length) throw new ArgumentException("The values do not match the domain.");
        return new FunctionValue(_domain, values, IsTuple);
    }

    /// <summary>Value at a position of <see cref="DomainElements"/>.</summary>
    public Value ValueAt(int index) => _values[index];

    // ---- order and equality -------------------------------------------------------------------

    protected override int CompareSameKind(Value other)
    {
        var o = AsFinite(other);
        if (_domain.Length != o._domain.Length) return _domain.Length.CompareTo(o._domain.Length);
        // The same domain array (records of one constructor, EXCEPT, symmetry images): whichever
        // order applies, equal arguments leave the values to decide, position by position.
        if (ReferenceEquals(_domain, o._domain)) return CompareValues(o);
        if (!IsTuple && !o.IsTuple && HasStringDomain && o.HasStringDomain)
        {
            // TLC orders records field by field (name, then value), unlike other functions; it
            // decides which record CHOOSE picks from a set of records with different fields.
            for (var i = 0; i < _domain.Length; i++)
            {
                var c = _domain[i].CompareTo(o._domain[i]);
                if (c != 0) return c;
                c = _values[i].CompareTo(o._values[i]);
                if (c != 0) return c;
            }
            return 0;
        }
        if (!(IsTuple && o.IsTuple))
        {
            for (var i = 0; i < _domain.Length; i++)
            {
                var c = _domain[i].CompareTo(o._domain[i]);
                if (c != 0) return c;
            }
        }
        return CompareValues(o);
    }

    private int CompareValues(FunctionValue o)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var c = _values[i].CompareTo(o._values[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    protected override bool EqualsSameKind(Value other)
    {
        var o = AsFinite(other);
        if (o._domain.Length != _domain.Length) return false;
        // Fingerprints decide only when both are known already; computing them would cost more than comparing.
        if (_fingerprint != 0 && o._fingerprint != 0 && _fingerprint != o._fingerprint) return false;
        if (!(IsTuple && o.IsTuple) && !ReferenceEquals(_domain, o._domain))
        {
            for (var i = 0; i < _domain.Length; i++)
                if (!_domain[i].Equals(o._domain[i])) return false;
        }
        for (var i = 0; i < _values.Length; i++)
            if (!_values[i].Equals(o._values[i])) return false;
        return true;
    }

    /// <summary>The finite-function form of any function value (materializing a lazy one).</summary>
    public static FunctionValue AsFinite(Value function) => function switch
    {
        FunctionValue f => f,
        LazyFunctionValue lazy => lazy.ToFinite(),
        _ => throw new EvalException($"A function was expected, but got {ValuePrinter.Print(function)}."),
    };

    // ---- helpers ------------------------------------------------------------------------------

    /// <summary>True for a record's domain.</summary>
    private static bool AllStrings(Value[] domain)
    {
        foreach (var d in domain)
            if (d.Kind != ValueKind.String) return false;
        return true;
    }

    private static void SortByDomain(Value[] domain, Value[] values)
    {
        if (domain.Length <= 16)
        {
            // Insertion sort: records and small functions are the common case, and it allocates nothing.
            for (var i = 1; i < domain.Length; i++)
            {
                var key = domain[i];
                var value = values[i];
                var j = i - 1;
                while (j >= 0 && domain[j].CompareTo(key) > 0)
                {
                    domain[j + 1] = domain[j];
                    values[j + 1] = values[j];
                    j--;
                }
                domain[j + 1] = key;
                values[j + 1] = value;
            }
        }
        else
        {
            Array.Sort(domain, values);
        }
    }

    private static bool IsOneToN(Value[] sortedDomain)
    {
        for (var i = 0; i < sortedDomain.Length; i++)
        {
            if (sortedDomain[i] is not IntValue n || n.Value != i + 1) return false;
        }
        return true;
    }

    internal static Value[] TupleDomain(int length)
    {
        if (length < SharedTupleDomains.Length) return SharedTupleDomains[length];
        var domain = new Value[length];
        for (var i = 0; i < length; i++) domain[i] = IntValue.Of(i + 1);
        return domain;
    }

    private static Value[][] BuildTupleDomains(int count)
    {
        var result = new Value[count][];
        for (var n = 0; n < count; n++)
        {
            result[n] = new Value[n];
            for (var i = 0; i < n; i++) result[n][i] = IntValue.Of(i + 1);
        }
        return result;
    }
}
