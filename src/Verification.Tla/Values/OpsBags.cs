namespace Verification.Tla.Values;

/// <summary>The Bags module. A bag is a function from its elements to positive copy counts.</summary>
public static partial class ValueOps
{
    public static FunctionValue EmptyBag => FunctionValue.EmptyTuple;

    public static BoolValue IsABag(Value b)
    {
        if (b.Kind != ValueKind.Function) return BoolValue.False;
        foreach (var count in FunctionValue.AsFinite(b).Values)
            if (count is not IntValue { Value: > 0 }) return BoolValue.False;
        return BoolValue.True;
    }

    public static FunctionValue SetToBag(Value set) =>
        FunctionValue.Build(AsSet(set, "SetToBag", 1), static _ => IntValue.One);

    public static SetValue BagToSet(Value bag) => AsBag(bag, "BagToSet").Domain;

    public static BoolValue BagIn(Value element, Value bag) => BoolValue.Of(AsBag(bag, "BagIn", 2).IndexOf(element) >= 0);

    public static IntValue CopiesIn(Value element, Value bag) =>
        AsBag(bag, "CopiesIn", 2).TryApply(element, out var n) ? (IntValue)n : IntValue.Zero;

    /// <summary><c>B1 (+) B2</c>.</summary>
    public static FunctionValue BagAdd(Value a, Value b) =>
        CombineBags(AsBag(a, "(+)", 1), AsBag(b, "(+)", 2), static (x, y) => (long)x + y, "(+)");

    /// <summary><c>B1 (-) B2</c>: copies below one disappear.</summary>
    public static FunctionValue BagSubtract(Value a, Value b) =>
        CombineBags(AsBag(a, "(-)", 1), AsBag(b, "(-)", 2), static (x, y) => (long)x - y, "(-)");

    /// <summary><c>BagUnion(S)</c>: the (+) of every bag in the finite set S.</summary>
    public static FunctionValue BagUnion(Value setOfBags)
    {
        var result = EmptyBag;
        foreach (var bag in AsSet(setOfBags, "BagUnion", 1).ToFinite().Elements)
            result = BagAdd(result, bag);
        return result;
    }

    /// <summary><c>B1 \sqsubseteq B2</c>: every element has at most as many copies in B1 as in B2.</summary>
    public static BoolValue BagIsSubBag(Value a, Value b)
    {
        var x = AsBag(a, "\\sqsubseteq", 1);
        var y = AsBag(b, "\\sqsubseteq", 2);
        for (var i = 0; i < x.Count; i++)
        {
            if (!y.TryApply(x.DomainElements[i], out var n) || ((IntValue)n).Value < ((IntValue)x.Values[i]).Value)
                return BoolValue.False;
        }
        return BoolValue.True;
    }

    /// <summary><c>SubBag(B)</c>: every bag B' with B' \sqsubseteq B, in canonical order.</summary>
    public static FiniteSetValue SubBag(Value bag)
    {
        var b = AsBag(bag, "SubBag", 1);
        var choices = new Value[b.Count][];
        for (var i = 0; i < b.Count; i++)
        {
            var copies = ((IntValue)b.Values[i]).Value;
            choices[i] = Enumerable.Range(0, copies + 1).Select(n => (Value)IntValue.Of(n)).ToArray();
        }
        var result = new List<Value>();
        foreach (var counts in FunctionSetValue.Odometer(choices))
        {
            var domain = new List<Value>();
            var values = new List<Value>();
            for (var i = 0; i < counts.Length; i++)
            {
                if (((IntValue)counts[i]).Value == 0) continue;
                domain.Add(b.DomainElements[i]);
                values.Add(counts[i]);
            }
            result.Add(FunctionValue.FromCanonical(domain.ToArray(), values.ToArray()));
        }
        return FiniteSetValue.Of(result);
    }

    /// <summary><c>BagOfAll(F, B)</c>: the bag of F(e), each with the copies of e (summed when F collides).</summary>
    public static FunctionValue BagOfAll(Func<Value, Value> map, Value bag)
    {
        var b = AsBag(bag, "BagOfAll", 2);
        var result = EmptyBag;
        for (var i = 0; i < b.Count; i++)
            result = BagAdd(result, SingletonFunction(map(b.DomainElements[i]), b.Values[i]));
        return result;
    }

    /// <summary><c>BagCardinality(B)</c>: the total number of copies.</summary>
    public static IntValue BagCardinality(Value bag)
    {
        var b = AsBag(bag, "BagCardinality", 1);
        long total = 0;
        foreach (var n in b.Values) total += ((IntValue)n).Value;
        return IntValue.Checked(total, "BagCardinality");
    }

    private static FunctionValue AsBag(Value v, string operatorName, int position = 1)
    {
        if (v.Kind == ValueKind.Function)
        {
            var f = FunctionValue.AsFinite(v);
            var isBag = true;
            foreach (var count in f.Values)
                if (count is not IntValue { Value: > 0 }) { isBag = false; break; }
            if (isBag) return f;
        }
        throw WrongArgument(operatorName, position, "a bag", v);
    }

    private static FunctionValue CombineBags(FunctionValue x, FunctionValue y, Func<int, int, long> combine, string operatorName)
    {
        var keys = new List<Value>(x.Count + y.Count);
        var counts = new List<Value>(x.Count + y.Count);
        int i = 0, j = 0;
        var xd = x.DomainElements;
        var yd = y.DomainElements;
        while (i < xd.Length || j < yd.Length)
        {
            var c = i == xd.Length ? 1 : j == yd.Length ? -1 : xd[i].CompareTo(yd[j]);
            Value key;
            int left = 0, right = 0;
            if (c <= 0)
            {
                key = xd[i];
                left = ((IntValue)x.Values[i]).Value;
                i++;
                if (c == 0)
                {
                    right = ((IntValue)y.Values[j]).Value;
                    j++;
                }
            }
            else
            {
                key = yd[j];
                right = ((IntValue)y.Values[j]).Value;
                j++;
            }
            var total = combine(left, right);
            if (total <= 0) continue;
            keys.Add(key);
            counts.Add(IntValue.Checked(total, $"{operatorName} of bags"));
        }
        return FunctionValue.FromCanonical(keys.ToArray(), counts.ToArray());
    }
}
