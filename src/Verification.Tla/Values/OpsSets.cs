namespace Verification.Tla.Values;

/// <summary>Set operators (core TLA+ and FiniteSets). Finite operands give enumerated results by merging canonical arrays.</summary>
public static partial class ValueOps
{
    /// <summary><c>e \in S</c>.</summary>
    public static bool In(Value element, Value set) => Member(AsSet(set, "\\in", 2), element);

    /// <summary>
    /// Membership as TLC decides it: an error where TLC would compare the element with a value of
    /// another kind (<c>1 \in {"a", "b"}</c>, <c>"a" \in Nat</c>); model values are unequal to
    /// everything else without error. For an enumerated set TLC compares the element with the
    /// members it meets while searching: here, when the element is absent, with the members of
    /// another kind (a mixed set) or with the two it would sit between.
    /// </summary>
    public static bool Member(SetValue set, Value element)
    {
        if (set is not FiniteSetValue finite) return set.Contains(element);
        var index = finite.IndexOf(element);
        if (index >= 0) return true;
        var elements = finite.Elements;
        if (element is ModelValue || elements.Length == 0) return false;
        if (elements[0].Kind != elements[^1].Kind)
        {
            foreach (var member in elements) CheckComparable(member, element);
            return false;
        }
        var at = ~index;
        if (at > 0) CheckComparable(elements[at - 1], element);
        if (at < elements.Length) CheckComparable(elements[at], element);
        return false;
    }

    /// <summary><c>S \cup T</c>.</summary>
    public static SetValue Union(Value a, Value b)
    {
        SetValue s = AsSet(a, "\\cup", 1), t = AsSet(b, "\\cup", 2);
        if (!s.IsFinite || !t.IsFinite) return new CombinedSetValue(s, "\\cup", t);
        return UnionFinite(s.ToFinite(), t.ToFinite());
    }

    /// <summary>Merge of two canonical arrays: linear, no re-sorting.</summary>
    public static FiniteSetValue UnionFinite(FiniteSetValue s, FiniteSetValue t)
    {
        if (t.IsEmpty) return s;
        if (s.IsEmpty) return t;
        if (t.Length <= SmallSide && s.Length > 4 * SmallSide) return InsertFew(s, t);
        if (s.Length <= SmallSide && t.Length > 4 * SmallSide) return InsertFew(t, s);
        var x = s.Elements;
        var y = t.Elements;
        var merged = new Value[x.Length + y.Length];
        int i = 0, j = 0, k = 0;
        while (i < x.Length && j < y.Length)
        {
            var c = x[i].CompareTo(y[j]);
            if (c < 0) merged[k++] = x[i++];
            else if (c > 0) merged[k++] = y[j++];
            else
            {
                merged[k++] = x[i++];
                j++;
            }
        }
        while (i < x.Length) merged[k++] = x[i++];
        while (j < y.Length) merged[k++] = y[j++];
        if (k == x.Length) return s;
        if (k == y.Length) return t;
        if (k < merged.Length) Array.Resize(ref merged, k);
        return FiniteSetValue.FromCanonical(merged);
    }

    /// <summary>Up to this many elements on one side, union and difference binary-search the other side instead of merging.</summary>
    private const int SmallSide = 4;

    /// <summary>
    /// <c>large \cup few</c> by binary search and block copies: <c>msgs \cup {m}</c> costs log n
    /// comparisons of (possibly deep) elements instead of n.
    /// </summary>
    private static FiniteSetValue InsertFew(FiniteSetValue large, FiniteSetValue few)
    {
        Span<int> positions = stackalloc int[few.Length];
        var missing = 0;
        for (var j = 0; j < few.Length; j++)
        {
            var index = large.IndexOf(few[j]);
            positions[j] = index;
            if (index < 0) missing++;
        }
        if (missing == 0) return large;
        var source = large.Elements;
        var result = new Value[source.Length + missing];
        int read = 0, write = 0;
        for (var j = 0; j < few.Length; j++)
        {
            if (positions[j] >= 0) continue;
            var insertAt = ~positions[j];
            source[read..insertAt].CopyTo(result.AsSpan(write));
            write += insertAt - read;
            read = insertAt;
            result[write++] = few[j];
        }
        source[read..].CopyTo(result.AsSpan(write));
        return FiniteSetValue.FromCanonical(result);
    }

    /// <summary><c>large \ few</c> by binary search and block copies.</summary>
    private static FiniteSetValue RemoveFew(FiniteSetValue large, FiniteSetValue few)
    {
        Span<int> positions = stackalloc int[few.Length];
        var present = 0;
        for (var j = 0; j < few.Length; j++)
        {
            var index = large.IndexOf(few[j]);
            positions[j] = index;
            if (index >= 0) present++;
        }
        if (present == 0) return large;
        var source = large.Elements;
        var result = new Value[source.Length - present];
        int read = 0, write = 0;
        for (var j = 0; j < few.Length; j++)
        {
            if (positions[j] < 0) continue;
            source[read..positions[j]].CopyTo(result.AsSpan(write));
            write += positions[j] - read;
            read = positions[j] + 1;
        }
        source[read..].CopyTo(result.AsSpan(write));
        return FiniteSetValue.FromCanonical(result);
    }

    /// <summary><c>S \cap T</c>.</summary>
    public static SetValue Intersect(Value a, Value b)
    {
        SetValue s = AsSet(a, "\\cap", 1), t = AsSet(b, "\\cap", 2);
        if (s.IsFinite && t.IsFinite) return IntersectFinite(s.ToFinite(), t.ToFinite());
        if (s.IsFinite) return Filter(s, t.Contains);
        if (t.IsFinite) return Filter(t, s.Contains);
        return new CombinedSetValue(s, "\\cap", t);
    }

    private static FiniteSetValue IntersectFinite(FiniteSetValue s, FiniteSetValue t)
    {
        var x = s.Elements;
        var y = t.Elements;
        var result = new Value[Math.Min(x.Length, y.Length)];
        int i = 0, j = 0, k = 0;
        while (i < x.Length && j < y.Length)
        {
            var c = x[i].CompareTo(y[j]);
            if (c < 0) i++;
            else if (c > 0) j++;
            else
            {
                result[k++] = x[i++];
                j++;
            }
        }
        if (k == x.Length) return s;
        if (k == y.Length) return t;
        Array.Resize(ref result, k);
        return FiniteSetValue.FromCanonical(result);
    }

    /// <summary><c>S \ T</c>.</summary>
    public static SetValue Difference(Value a, Value b)
    {
        SetValue s = AsSet(a, "\\", 1), t = AsSet(b, "\\", 2);
        if (!s.IsFinite) return new CombinedSetValue(s, "\\", t);
        if (t.IsFinite)
        {
            var left = s.ToFinite();
            var right = t.ToFinite();
            if (right.Length <= SmallSide && left.Length > 4 * SmallSide) return RemoveFew(left, right);
            var x = left.Elements;
            var y = right.Elements;
            var result = new Value[x.Length];
            int i = 0, j = 0, k = 0;
            while (i < x.Length)
            {
                var c = j < y.Length ? x[i].CompareTo(y[j]) : -1;
                if (c < 0) result[k++] = x[i++];
                else if (c > 0) j++;
                else
                {
                    i++;
                    j++;
                }
            }
            if (k == x.Length) return s.ToFinite();
            Array.Resize(ref result, k);
            return FiniteSetValue.FromCanonical(result);
        }
        return Filter(s, e => !t.Contains(e));
    }

    /// <summary>The elements of a finite set that satisfy the predicate (the order stays canonical).</summary>
    public static FiniteSetValue Filter(SetValue set, Func<Value, bool> keep)
    {
        var kept = new List<Value>();
        foreach (var e in set.ToFinite().Elements)
            if (keep(e)) kept.Add(e);
        return kept.Count == set.Count ? set.ToFinite() : FiniteSetValue.FromCanonical(kept.ToArray());
    }

    /// <summary>{f(x) : x \in S} for a finite S.</summary>
    public static FiniteSetValue Map(SetValue set, Func<Value, Value> map)
    {
        var finite = set.ToFinite();
        var images = new Value[finite.Length];
        for (var i = 0; i < images.Length; i++) images[i] = map(finite[i]);
        return FiniteSetValue.FromUnsortedArray(images);
    }

    /// <summary><c>S \subseteq T</c>.</summary>
    public static bool IsSubset(Value a, Value b)
    {
        SetValue s = AsSet(a, "\\subseteq", 1), t = AsSet(b, "\\subseteq", 2);
        if (!s.IsFinite)
        {
            if (s.Equals(t)) return true;
            if (s == InfiniteBuiltinSet.Nat && t == InfiniteBuiltinSet.Int) return true;
            throw new EvalException($"Attempted to check whether the infinite set {ValuePrinter.Print(s)} is a subset of {ValuePrinter.Print(t)}.");
        }
        foreach (var e in s.ToFinite().Elements)
            if (!Member(t, e)) return false;
        return true;
    }

    /// <summary><c>SUBSET S</c>.</summary>
    public static PowerSetValue PowerSet(Value a) => new(AsSet(a, "SUBSET", 1));

    /// <summary><c>UNION S</c> for a finite set of sets: enumerated when every member is finite, lazy otherwise.</summary>
    public static SetValue BigUnion(Value a)
    {
        var sets = AsSet(a, "UNION", 1).ToFinite();
        var all = new List<Value>();
        foreach (var s in sets.Elements)
        {
            var member = AsSet(s, "UNION", 1);
            if (!member.IsFinite) return new UnionOfSetsValue(sets);
            foreach (var e in member.ToFinite().Elements) all.Add(e);
        }
        return FiniteSetValue.Of(all);
    }

    /// <summary><c>S1 \X S2 \X ...</c>.</summary>
    public static CartesianProductValue Product(params Value[] factors)
    {
        var sets = new SetValue[factors.Length];
        for (var i = 0; i < factors.Length; i++) sets[i] = AsSet(factors[i], "\\X", i + 1);
        return new CartesianProductValue(sets);
    }

    /// <summary><c>Cardinality(S)</c>.</summary>
    public static IntValue Cardinality(Value a)
    {
        var s = AsSet(a, "Cardinality", 1);
        if (!s.IsFinite) throw new EvalException($"Attempted to compute cardinality of the infinite set {ValuePrinter.Print(s)}.");
        var n = s.Count;
        if (n > int.MaxValue) throw new EvalException($"Overflow when computing the cardinality of {ValuePrinter.Print(s)}.");
        return IntValue.Of((int)n);
    }

    /// <summary><c>IsFiniteSet(S)</c>.</summary>
    public static BoolValue IsFiniteSet(Value a) => BoolValue.Of(AsSet(a, "IsFiniteSet", 1).IsFinite);

    /// <summary><c>[S -&gt; T]</c>.</summary>
    public static FunctionSetValue FunctionSet(Value domain, Value range) =>
        new(AsSet(domain, "[S -> T]", 1), AsSet(range, "[S -> T]", 2));

    /// <summary><c>[a : S, b : T]</c>.</summary>
    public static RecordSetValue RecordSet(IEnumerable<KeyValuePair<string, Value>> fields) =>
        new(fields.Select(f => new KeyValuePair<string, SetValue>(f.Key, AsSet(f.Value, "[a : S]", 1))));
}
