namespace Verification.Tla.Values;

/// <summary>
/// The Sequences module. A sequence is a function with domain 1..n. Like TLC, Len, \o, SubSeq,
/// Head, Tail and Append also accept strings (as sequences of characters) and return strings.
/// </summary>
public static partial class ValueOps
{
    public static IntValue Len(Value s) =>
        s is StringValue text ? IntValue.Of(text.Value.Length) : IntValue.Of(AsSequence(s, "Len").Count);

    public static Value Head(Value s)
    {
        if (s is StringValue text)
        {
            if (text.Value.Length == 0) throw new EvalException("The argument of Head should be a non-empty sequence, but instead it is:\n\"\"");
            return StringValue.Of(text.Value[..1]);
        }
        var seq = AsSequence(s, "Head");
        if (seq.Count == 0) throw new EvalException("The argument of Head should be a non-empty sequence, but instead it is:\n<<>>");
        return seq.Values[0];
    }

    public static Value Tail(Value s)
    {
        if (s is StringValue text)
        {
            if (text.Value.Length == 0) throw new EvalException("The argument of Tail should be a non-empty sequence, but instead it is:\n\"\"");
            return StringValue.Of(text.Value[1..]);
        }
        var seq = AsSequence(s, "Tail");
        if (seq.Count == 0) throw new EvalException("The argument of Tail should be a non-empty sequence, but instead it is:\n<<>>");
        return FunctionValue.Tuple(seq.Values[1..].ToArray());
    }

    /// <summary><c>Append(s, e)</c>; TLC appends a string to a string by concatenation.</summary>
    public static Value Append(Value s, Value element)
    {
        if (s is StringValue text)
        {
            if (element is not StringValue suffix)
                throw new EvalException($"The second argument of Append should be a string, since the first is a string, but instead it is:\n{ValuePrinter.Print(element)}");
            return StringValue.Of(text.Value + suffix.Value);
        }
        var seq = AsSequence(s, "Append");
        var items = new Value[seq.Count + 1];
        seq.Values.CopyTo(items);
        items[^1] = element;
        return FunctionValue.Tuple(items);
    }

    /// <summary><c>s \o t</c>.</summary>
    public static Value Concat(Value s, Value t)
    {
        if (s is StringValue left && t is StringValue right) return StringValue.Of(left.Value + right.Value);
        var a = AsSequence(s, "\\o", 1);
        var b = AsSequence(t, "\\o", 2);
        if (b.Count == 0) return a;
        if (a.Count == 0) return b;
        var items = new Value[a.Count + b.Count];
        a.Values.CopyTo(items);
        b.Values.CopyTo(items.AsSpan(a.Count));
        return FunctionValue.Tuple(items);
    }

    /// <summary><c>SubSeq(s, m, n)</c>: &lt;&lt;s[m], ..., s[n]&gt;&gt;, empty when m &gt; n.</summary>
    public static Value SubSeq(Value s, Value from, Value to)
    {
        int m = AsInt(from, "SubSeq", 2), n = AsInt(to, "SubSeq", 3);
        if (s is StringValue text)
        {
            if (m > n) return StringValue.Of("");
            if (m < 1 || n > text.Value.Length)
                throw new EvalException($"The second and third arguments of SubSeq must be in the domain of its first argument:\n{ValuePrinter.Print(text)}\n, but instead they are\n{m} and {n}");
            return StringValue.Of(text.Value.Substring(m - 1, n - m + 1));
        }
        var seq = AsSequence(s, "SubSeq", 1);
        if (m > n) return FunctionValue.EmptyTuple;
        if (m < 1 || m > seq.Count)
            throw new EvalException($"The second argument of SubSeq must be in the domain of its first argument:\n{ValuePrinter.Print(seq)}\n, but instead it is\n{m}");
        if (n > seq.Count)
            throw new EvalException($"The third argument of SubSeq must be in the domain of its first argument:\n{ValuePrinter.Print(seq)}\n, but instead it is\n{n}");
        return FunctionValue.Tuple(seq.Values[(m - 1)..n].ToArray());
    }

    /// <summary><c>SelectSeq(s, Test)</c>: the elements satisfying the test, in order.</summary>
    public static FunctionValue SelectSeq(Value s, Func<Value, bool> test)
    {
        var seq = AsSequence(s, "SelectSeq", 1);
        var kept = new List<Value>(seq.Count);
        foreach (var e in seq.Values)
            if (test(e)) kept.Add(e);
        return kept.Count == seq.Count ? seq : FunctionValue.Tuple(kept.ToArray());
    }

    /// <summary><c>Seq(S)</c>.</summary>
    public static SeqSetValue SeqSet(Value set) => new(AsSet(set, "Seq", 1));
}
