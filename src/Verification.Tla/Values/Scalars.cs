using System.Collections.Concurrent;

namespace Verification.Tla.Values;

/// <summary>TRUE and FALSE; only the two singletons exist.</summary>
public sealed class BoolValue : Value
{
    public static readonly BoolValue False = new(false);
    public static readonly BoolValue True = new(true);

    private readonly ulong _fingerprint;

    private BoolValue(bool value) : base(ValueKind.Bool)
    {
        Value = value;
        _fingerprint = Fingerprints.Avalanche(Fingerprints.BoolSeed ^ (value ? 1UL : 0UL));
    }

    public bool Value { get; }

    public static BoolValue Of(bool value) => value ? True : False;

    public override ulong Fingerprint => _fingerprint;

    protected override int CompareSameKind(Value other) => Value.CompareTo(((BoolValue)other).Value);
    protected override bool EqualsSameKind(Value other) => ReferenceEquals(this, other);
}

/// <summary>
/// An integer in TLC's range (32-bit signed). Arithmetic that leaves the range is an evaluation
/// error (see <see cref="ValueOps"/>). Small integers are cached so common arithmetic does not allocate.
/// </summary>
public sealed class IntValue : Value
{
    private const int CacheMin = -256;
    private const int CacheMax = 1024;
    private static readonly IntValue[] Cache = BuildCache();

    private IntValue(int value) : base(ValueKind.Int) => Value = value;

    public int Value { get; }

    public static readonly IntValue Zero = Of(0);
    public static readonly IntValue One = Of(1);

    public static IntValue Of(int value) =>
        value is >= CacheMin and <= CacheMax ? Cache[value - CacheMin] : new IntValue(value);

    /// <summary>
    /// Converts a mathematically exact result, failing as TLC does when it leaves the range. The
    /// description of the computation (e.g. "2147483647+1") is only built on failure: operands and
    /// operator are passed separately so the common path allocates nothing.
    /// </summary>
    public static IntValue Checked(long value, long left, string operatorSymbol, long right)
    {
        if (value is < int.MinValue or > int.MaxValue) throw Overflow($"{left}{operatorSymbol}{right}");
        return Of((int)value);
    }

    /// <summary>Converts a result, failing with "Overflow when computing {computation}." outside the range.</summary>
    public static IntValue Checked(long value, string computation)
    {
        if (value is < int.MinValue or > int.MaxValue) throw Overflow(computation);
        return Of((int)value);
    }

    private static EvalException Overflow(string computation) => new($"Overflow when computing {computation}.");

    public override ulong Fingerprint => Fingerprints.OfInt(Value);

    protected override int CompareSameKind(Value other) => Value.CompareTo(((IntValue)other).Value);
    protected override bool EqualsSameKind(Value other) => Value == ((IntValue)other).Value;

    private static IntValue[] BuildCache()
    {
        var cache = new IntValue[CacheMax - CacheMin + 1];
        for (var i = 0; i < cache.Length; i++) cache[i] = new IntValue(i + CacheMin);
        return cache;
    }
}

/// <summary>
/// A string. Interned: equal strings are the same object, so equality is a reference test and the
/// fingerprint is computed once. Ordered ordinally (UTF-16 code units), as TLC orders strings.
/// </summary>
public sealed class StringValue : Value
{
    private static readonly ConcurrentDictionary<string, StringValue> Interned = new(StringComparer.Ordinal);

    private readonly ulong _fingerprint;

    private StringValue(string value) : base(ValueKind.String)
    {
        Value = value;
        _fingerprint = Fingerprints.OfString(value);
    }

    public string Value { get; }

    public static StringValue Of(string value)
    {
        if (Interned.TryGetValue(value, out var existing)) return existing;
        return Interned.GetOrAdd(value, static s => new StringValue(s));
    }

    public override ulong Fingerprint => _fingerprint;

    protected override int CompareSameKind(Value other) =>
        string.CompareOrdinal(Value, ((StringValue)other).Value);

    protected override bool EqualsSameKind(Value other) => ReferenceEquals(this, other);
}

/// <summary>
/// A model value from the cfg (<c>CONSTANT Procs = {p1, p2}</c>, <c>None = None</c>). It equals only
/// itself (same name) and is unequal to every string, number and other model value. Model values are
/// ordered by <see cref="Index"/>, the order of first appearance in the cfg, which is TLC's CHOOSE order.
/// Create them through a <see cref="ModelValueRegistry"/> so that indices follow that rule.
/// </summary>
public sealed class ModelValue : Value
{
    private readonly ulong _fingerprint;

    public ModelValue(string name, int index) : base(ValueKind.ModelValue)
    {
        Name = name;
        Index = index;
        NameString = StringValue.Of(name);
        _fingerprint = Fingerprints.Avalanche(Fingerprints.ModelValueSeed ^ NameString.Fingerprint);
    }

    public string Name { get; }

    /// <summary>
    /// The name as a TLA+ string, which is what ToString gives: trace specs look model values up by
    /// name (CHOOSE x \in S : ToString(x) = name) once per logged value, so it is made once.
    /// </summary>
    public StringValue NameString { get; }
    public int Index { get; }

    public override ulong Fingerprint => _fingerprint;

    protected override int CompareSameKind(Value other)
    {
        var m = (ModelValue)other;
        var byIndex = Index.CompareTo(m.Index);
        return byIndex != 0 ? byIndex : string.CompareOrdinal(Name, m.Name);
    }

    protected override bool EqualsSameKind(Value other) => Name == ((ModelValue)other).Name;
}

/// <summary>
/// Hands out model values in order of first request, so that the cfg reader or checker that asks
/// for them while reading the cfg top to bottom gets TLC's ordering. Asking twice for a name returns
/// the same object. Thread-safe.
/// </summary>
public sealed class ModelValueRegistry
{
    private readonly Dictionary<string, ModelValue> _byName = new(StringComparer.Ordinal);
    private readonly List<ModelValue> _inOrder = [];
    private readonly Lock _lock = new();

    public ModelValue Get(string name)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var existing)) return existing;
            var created = new ModelValue(name, _inOrder.Count);
            _byName.Add(name, created);
            _inOrder.Add(created);
            return created;
        }
    }

    public bool TryFind(string name, out ModelValue? value)
    {
        lock (_lock) return _byName.TryGetValue(name, out value);
    }

    public IReadOnlyList<ModelValue> All
    {
        get { lock (_lock) return _inOrder.ToArray(); }
    }
}
