namespace Verification.Tla.Values;

/// <summary>
/// The TLC module. Print, PrintT, Assert and RandomElement need the evaluator's output and random
/// source; these helpers give their value semantics and TLC's messages.
/// </summary>
public static partial class ValueOps
{
    /// <summary><c>ToString(v)</c>: TLC's printed form as a string.</summary>
    public static StringValue ToTlaString(Value v) => v is ModelValue m ? m.NameString : StringValue.Of(ValuePrinter.Print(v));

    /// <summary>
    /// What <c>Print(out, val)</c> and <c>PrintT(out)</c> write for out: TLC's pretty-printed form,
    /// broken across lines past 80 columns as in its traces (ToString does not break lines).
    /// </summary>
    public static string PrintLine(Value output) => Traces.TlcTracePrinter.FormatValue(output);

    /// <summary><c>Assert(condition, output)</c>: TRUE, or an evaluation error with TLC's message.</summary>
    public static BoolValue Assert(Value condition, Value output)
    {
        if (AsBool(condition, "Assert", 1)) return BoolValue.True;
        throw new AssertionFailedException(output);
    }

    /// <summary>
    /// <c>SortSeq(s, Op)</c>: the sequence sorted so that <paramref name="before"/>(a, b) holds for
    /// consecutive elements a, b. Stable, so elements the order does not separate keep their order.
    /// </summary>
    public static FunctionValue SortSeq(Value s, Func<Value, Value, bool> before)
    {
        var seq = AsSequence(s, "SortSeq", 1);
        var items = seq.Values.ToArray();
        var indexed = items.Select((v, i) => (Value: v, Index: i)).ToArray();
        Array.Sort(indexed, (x, y) =>
        {
            if (before(x.Value, y.Value) && !before(y.Value, x.Value)) return -1;
            if (before(y.Value, x.Value) && !before(x.Value, y.Value)) return 1;
            return x.Index.CompareTo(y.Index);
        });
        return FunctionValue.Tuple(indexed.Select(p => p.Value).ToArray());
    }

    /// <summary>
    /// <c>RandomElement(S)</c>: the element at a position the caller draws from its own seeded
    /// source with <paramref name="pickBelow"/>(count), so runs stay reproducible.
    /// </summary>
    public static Value RandomElement(Value set, Func<int, int> pickBelow)
    {
        var s = AsSet(set, "RandomElement", 1);
        var finite = s.ToFinite();
        if (finite.IsEmpty) throw new EvalException("Attempted to apply RandomElement to the empty set.");
        return finite[pickBelow(finite.Length)];
    }
}

/// <summary>
/// A failed <c>Assert</c>: TLC reports it as its own kind of error (exit code 14), so the checker
/// can tell it apart from other evaluation errors.
/// </summary>
public sealed class AssertionFailedException : EvalException
{
    public AssertionFailedException(Value output)
        : base($"The first argument of Assert evaluated to FALSE; the second argument was:\n{ValuePrinter.Print(output)}") =>
        Output = output;

    /// <summary>The second argument of Assert.</summary>
    public Value Output { get; }
}
