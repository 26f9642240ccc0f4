namespace Verification.Tla.Values;

/// <summary>a..b; empty when b &lt; a.</summary>
public sealed class IntervalValue : LazySetValue
{
    public IntervalValue(int low, int high)
    {
        Low = low;
        High = high;
    }

    public int Low { get; }
    public int High { get; }

    public override bool IsFinite => true;
    public override long Count => High < Low ? 0 : (long)High - Low + 1;
    public override bool IsEmpty => High < Low;

    public override bool Contains(Value element)
    {
        if (element is IntValue i) return i.Value >= Low && i.Value <= High;
        if (element is ModelValue || High < Low) return false;
        throw new EvalException($"Attempted to check if the value:\n{ValuePrinter.Print(element)}\nis in the integer interval {ValuePrinter.Print(this)}");
    }

    public override IEnumerable<Value> Enumerate()
    {
        for (long i = Low; i <= High; i++) yield return IntValue.Of((int)i);
    }

    private ulong _fingerprint;

    /// <summary>Same as the enumerated set's, computed without materializing the elements.</summary>
    public override ulong Fingerprint
    {
        get
        {
            if (_fingerprint != 0) return _fingerprint;
            var count = Count;
            if (count > int.MaxValue) return base.Fingerprint;
            var h = Fingerprints.Start(Fingerprints.SetSeed, (int)count);
            for (long i = Low; i <= High; i++) h = Fingerprints.Combine(h, Fingerprints.OfInt((int)i));
            var fp = Fingerprints.Avalanche(h);
            _fingerprint = fp; // a zero fingerprint is just recomputed next time
            return fp;
        }
    }

    protected override int CompareSameKind(Value other)
    {
        // Two intervals of the same size compare by their first element; sizes first otherwise.
        if (other is IntervalValue o)
        {
            var bySize = Count.CompareTo(o.Count);
            return bySize != 0 || Count == 0 ? bySize : Low.CompareTo(o.Low);
        }
        return base.CompareSameKind(other);
    }

    protected override bool EqualsSameKind(Value other) =>
        other is IntervalValue o ? CompareSameKind(o) == 0 : base.EqualsSameKind(other);
}

/// <summary>Nat, Int and STRING: infinite sets that only answer membership.</summary>
public sealed class InfiniteBuiltinSet : LazySetValue
{
    public static readonly InfiniteBuiltinSet Nat = new("Nat", static v => v is IntValue { Value: >= 0 });
    public static readonly InfiniteBuiltinSet Int = new("Int", static v => v is IntValue);
    public static readonly InfiniteBuiltinSet String = new("STRING", static v => v is StringValue);

    /// <summary>TLC's Any: every value is in it (TLC prints it as Any).</summary>
    public static readonly InfiniteBuiltinSet Any = new("Any", static _ => true);

    private readonly Func<Value, bool> _contains;

    private InfiniteBuiltinSet(string name, Func<Value, bool> contains)
    {
        Name = name;
        _contains = contains;
    }

    public string Name { get; }

    public override bool IsFinite => false;
    public override long Count => throw new EvalException($"Attempted to compute the number of elements in the infinite set {Name}.");
    public override bool IsEmpty => false;
    public override bool Contains(Value element)
    {
        if (_contains(element)) return true;
        // TLC compares only values of the set's kind; a model value is simply not a member.
        if (element is ModelValue || (this != String ? element is IntValue : element is StringValue)) return false;
        throw NotMemberKind(element, this);
    }
    public override IEnumerable<Value> Enumerate() => throw NotEnumerable();
}

/// <summary>SUBSET S. Enumerates by size, then lexicographically: that is the canonical set order.</summary>
public sealed class PowerSetValue : LazySetValue
{
    public PowerSetValue(SetValue baseSet) => BaseSet = baseSet;

    public SetValue BaseSet { get; }

    public override bool IsFinite => BaseSet.IsFinite;
    public override bool IsEmpty => false;

    public override long Count
    {
        get
        {
            var n = BaseSet.Count;
            if (n >= 63) throw new EvalException($"The set SUBSET {ValuePrinter.Print(BaseSet)} has 2^{n} elements, too many to count.");
            return 1L << (int)n;
        }
    }

    public override bool Contains(Value element)
    {
        if (element is not SetValue s) return element is ModelValue ? false : throw NotMemberKind(element, this);
        if (!s.IsFinite) return BaseSet.IsFinite ? false : throw new EvalException($"Attempted to check whether the infinite set {ValuePrinter.Print(s)} is in SUBSET {ValuePrinter.Print(BaseSet)}.");
        foreach (var e in s.Enumerate())
            if (!ValueOps.Member(BaseSet, e)) return false;
        return true;
    }

    public override IEnumerable<Value> Enumerate()
    {
        if (!IsFinite) throw NotEnumerable();
        var items = BaseSet.ToFinite().Elements.ToArray();
        var n = items.Length;
        for (var size = 0; size <= n; size++)
        {
            var picks = new int[size];
            for (var i = 0; i < size; i++) picks[i] = i;
            while (true)
            {
                var subset = new Value[size];
                for (var i = 0; i < size; i++) subset[i] = items[picks[i]];
                yield return FiniteSetValue.FromCanonical(subset);
                // next combination in lexicographic order
                var k = size - 1;
                while (k >= 0 && picks[k] == n - size + k) k--;
                if (k < 0) break;
                picks[k]++;
                for (var j = k + 1; j < size; j++) picks[j] = picks[j - 1] + 1;
            }
        }
    }
}

/// <summary>[S -&gt; T]: all functions from S to T. Enumerates with the last argument varying fastest.</summary>
public sealed class FunctionSetValue : LazySetValue
{
    public FunctionSetValue(SetValue domain, SetValue range)
    {
        DomainSet = domain;
        RangeSet = range;
    }

    public SetValue DomainSet { get; }
    public SetValue RangeSet { get; }

    public override bool IsFinite => DomainSet.IsFinite && (RangeSet.IsFinite || DomainSet.IsEmpty);
    public override bool IsEmpty => !DomainSet.IsEmpty && RangeSet.IsEmpty;

    public override long Count => CountProduct(Enumerable.Repeat(RangeSet, DomainSet.CountAsInt()), this);

    public override bool Contains(Value element)
    {
        if (element.Kind != ValueKind.Function) return element is ModelValue ? false : throw NotMemberKind(element, this);
        var f = FunctionValue.AsFinite(element);
        if (!HasDomain(f)) return false;
        foreach (var v in f.Values)
            if (!ValueOps.Member(RangeSet, v)) return false;
        return true;
    }

    // DOMAIN f = DomainSet, without building DOMAIN f when both are enumerated (TypeOK asks it of every state).
    private bool HasDomain(FunctionValue f)
    {
        if (f.IsTuple || DomainSet is not FiniteSetValue expected) return f.Domain.Equals(DomainSet);
        var actual = f.DomainElements;
        if (actual.Length != expected.Length) return false;
        for (var i = 0; i < actual.Length; i++)
            if (!actual[i].Equals(expected[i])) return false;
        return true;
    }

    public override IEnumerable<Value> Enumerate()
    {
        if (!IsFinite) throw NotEnumerable();
        var domain = DomainSet.ToFinite().Elements.ToArray();
        // With an empty domain the only function is <<>>, even when the range is infinite.
        var range = domain.Length == 0 || RangeSet.IsEmpty ? [] : RangeSet.ToFinite().Elements.ToArray();
        var ranges = new Value[domain.Length][];
        Array.Fill(ranges, range);
        foreach (var values in Odometer(ranges))
            yield return FunctionValue.FromCanonical(domain, values);
    }

    /// <summary>Every choice of one element per position, in lexicographic order (last position fastest).</summary>
    internal static IEnumerable<Value[]> Odometer(Value[][] choices)
    {
        foreach (var c in choices)
            if (c.Length == 0) yield break;
        var digits = new int[choices.Length];
        while (true)
        {
            var current = new Value[choices.Length];
            for (var i = 0; i < choices.Length; i++) current[i] = choices[i][digits[i]];
            yield return current;
            var k = choices.Length - 1;
            while (k >= 0 && digits[k] == choices[k].Length - 1)
            {
                digits[k] = 0;
                k--;
            }
            if (k < 0) yield break;
            digits[k]++;
        }
    }

    internal static long CountProduct(IEnumerable<SetValue> factors, SetValue whole)
    {
        long product = 1;
        foreach (var f in factors)
        {
            var n = f.Count;
            if (n == 0) return 0;
            if (product > long.MaxValue / n)
                throw new EvalException($"The set {ValuePrinter.Print(whole)} has too many elements to count.");
            product *= n;
        }
        return product;
    }
}

/// <summary>Seq(S): all finite sequences over S. Infinite unless S is empty (then it is {&lt;&lt;&gt;&gt;}).</summary>
public sealed class SeqSetValue : LazySetValue
{
    public SeqSetValue(SetValue elementSet) => ElementSet = elementSet;

    public SetValue ElementSet { get; }

    public override bool IsFinite => ElementSet.IsEmpty;
    public override bool IsEmpty => false;
    public override long Count => IsFinite ? 1 : throw new EvalException($"Attempted to compute the number of elements in the infinite set {ValuePrinter.Print(this)}.");

    public override bool Contains(Value element)
    {
        // TLC 2.19 takes a string for the sequence of its one-character strings here too.
        if (element is StringValue text) return text.Value.All(c => ElementSet.Contains(StringValue.Of(c.ToString())));
        if (element.Kind != ValueKind.Function) return element is ModelValue ? false : throw NotMemberKind(element, this);
        var f = FunctionValue.AsFinite(element);
        if (!f.IsTuple) throw NotMemberKind(element, this);
        foreach (var v in f.Values)
            if (!ValueOps.Member(ElementSet, v)) return false;
        return true;
    }

    public override IEnumerable<Value> Enumerate()
    {
        if (!IsFinite) throw NotEnumerable();
        yield return FunctionValue.EmptyTuple;
    }
}

/// <summary>[a : S, b : T]: all records with exactly these fields, each in its set.</summary>
public sealed class RecordSetValue : LazySetValue
{
    private readonly StringValue[] _names;
    private readonly SetValue[] _fieldSets;

    /// <summary>Fields in any order; a repeated name is an error.</summary>
    public RecordSetValue(IEnumerable<KeyValuePair<string, SetValue>> fields)
    {
        var sorted = fields.Select(f => (Name: StringValue.Of(f.Key), Set: f.Value)).ToArray();
        Array.Sort(sorted, static (a, b) => a.Name.CompareTo(b.Name));
        for (var i = 1; i < sorted.Length; i++)
            if (ReferenceEquals(sorted[i].Name, sorted[i - 1].Name))
                throw new EvalException($"The record set has the field {sorted[i].Name.Value} twice.");
        _names = sorted.Select(f => f.Name).ToArray();
        _fieldSets = sorted.Select(f => f.Set).ToArray();
    }

    public ReadOnlySpan<StringValue> FieldNames => _names;
    public ReadOnlySpan<SetValue> FieldSets => _fieldSets;

    public override bool IsFinite => _fieldSets.All(static s => s.IsFinite) || IsEmpty;
    public override bool IsEmpty => _fieldSets.Any(static s => s.IsEmpty);
    public override long Count => FunctionSetValue.CountProduct(_fieldSets, this);

    public override bool Contains(Value element)
    {
        if (element.Kind != ValueKind.Function) return element is ModelValue ? false : throw NotMemberKind(element, this);
        var f = FunctionValue.AsFinite(element);
        if (f.Count != _names.Length) return false;
        for (var i = 0; i < _names.Length; i++)
        {
            if (!ReferenceEquals(f.DomainElements[i], _names[i])) return false;
            if (!ValueOps.Member(_fieldSets[i], f.Values[i])) return false;
        }
        return true;
    }

    // Made on the first enumeration and kept (the set is immutable; a racing second copy is harmless):
    // every record shares one domain array, which is also what lets records compare on their values alone.
    private Value[]? _domain;
    private Value[][]? _choices;

    public override IEnumerable<Value> Enumerate()
    {
        if (!IsFinite) throw NotEnumerable();
        var choices = _choices ??= _fieldSets.Select(static s => s.IsEmpty ? [] : s.ToFinite().Elements.ToArray()).ToArray();
        var domain = _domain ??= _names.ToArray<Value>();
        foreach (var values in FunctionSetValue.Odometer(choices))
            yield return FunctionValue.FromCanonical(domain, values);
    }
}

/// <summary>S1 \X S2 \X ...: tuples, enumerated with the last component varying fastest.</summary>
public sealed class CartesianProductValue : LazySetValue
{
    private readonly SetValue[] _factors;

    public CartesianProductValue(params SetValue[] factors) => _factors = factors;

    public ReadOnlySpan<SetValue> Factors => _factors;

    public override bool IsFinite => _factors.All(static s => s.IsFinite) || IsEmpty;
    public override bool IsEmpty => _factors.Any(static s => s.IsEmpty);
    public override long Count => FunctionSetValue.CountProduct(_factors, this);

    public override bool Contains(Value element)
    {
        if (element.Kind != ValueKind.Function) return element is ModelValue ? false : throw NotMemberKind(element, this);
        var t = FunctionValue.AsFinite(element);
        if (!t.IsTuple || t.Count != _factors.Length) return false;
        for (var i = 0; i < _factors.Length; i++)
            if (!ValueOps.Member(_factors[i], t.Values[i])) return false;
        return true;
    }

    public override IEnumerable<Value> Enumerate()
    {
        if (!IsFinite) throw NotEnumerable();
        var choices = _factors.Select(static s => s.IsEmpty ? [] : s.ToFinite().Elements.ToArray()).ToArray();
        foreach (var values in FunctionSetValue.Odometer(choices))
            yield return FunctionValue.Tuple(values);
    }
}

/// <summary>
/// S \cup T, S \cap T or S \ T where the result is infinite (e.g. <c>Nat \ {0}</c>): kept lazy and
/// answering membership only. Finite results are always enumerated sets instead.
/// </summary>
public sealed class CombinedSetValue : LazySetValue
{
    public CombinedSetValue(SetValue left, string setOperator, SetValue right)
    {
        Left = left;
        Operator = setOperator;
        Right = right;
    }

    public SetValue Left { get; }

    /// <summary>The TLA+ operator: <c>\cup</c>, <c>\cap</c> or <c>\</c>.</summary>
    public string Operator { get; }

    public SetValue Right { get; }

    public override bool IsFinite => false;
    public override bool IsEmpty => false;
    public override long Count => throw new EvalException($"Attempted to compute the number of elements in the infinite set {ValuePrinter.Print(this)}.");

    public override bool Contains(Value element) => Operator switch
    {
        "\\cup" => ValueOps.Member(Left, element) || ValueOps.Member(Right, element),
        "\\cap" => ValueOps.Member(Left, element) && ValueOps.Member(Right, element),
        _ => ValueOps.Member(Left, element) && !ValueOps.Member(Right, element),
    };

    public override IEnumerable<Value> Enumerate() => throw NotEnumerable();
}

/// <summary>
/// UNION S where some member of S is infinite (<c>UNION {[D -&gt; Int \cup {NULL}]}</c>): answers
/// membership by asking each member, as TLC does, without enumerating any of them.
/// </summary>
public sealed class UnionOfSetsValue : LazySetValue
{
    public UnionOfSetsValue(FiniteSetValue sets) => Sets = sets;

    /// <summary>The sets whose union this is.</summary>
    public FiniteSetValue Sets { get; }

    public override bool IsFinite => false;
    public override bool IsEmpty => false;
    public override long Count => throw new EvalException($"Attempted to compute the number of elements in the infinite set {ValuePrinter.Print(this)}.");

    public override bool Contains(Value element)
    {
        foreach (var member in Sets.Elements)
            if (ValueOps.Member((SetValue)member, element)) return true;
        return false;
    }

    public override IEnumerable<Value> Enumerate() => throw NotEnumerable();
}

/// <summary>
/// <c>{x \in S : P}</c> over an infinite S (<c>{n \in Nat : n &gt; 0}</c>): membership is
/// membership in S and P, as TLC decides it without enumerating.
/// </summary>
public sealed class FilteredSetValue : LazySetValue
{
    private readonly Func<Value, bool> _predicate;

    public FilteredSetValue(SetValue domain, Func<Value, bool> predicate)
    {
        Domain = domain;
        _predicate = predicate;
    }

    public SetValue Domain { get; }

    public override bool IsFinite => false;
    // Deciding emptiness would mean enumerating; it only matters to the finiteness of products
    // built from this set, which stay infinite (not enumerable) as in TLC.
    public override bool IsEmpty => false;
    public override long Count => throw new EvalException($"Attempted to compute the number of elements in the infinite set {ValuePrinter.Print(this)}.");
    public override bool Contains(Value element) => ValueOps.Member(Domain, element) && _predicate(element);
    public override IEnumerable<Value> Enumerate() => throw NotEnumerable();
}
