namespace Verification.Tla.Values;

/// <summary>
/// The standard modules' operators as pure functions on values, with TLC's error wording.
/// Split by module across Ops*.cs files. The evaluator calls these; they never see source
/// locations, so every failure is an <see cref="EvalException"/> the evaluator decorates.
/// This file: equality as TLC checks it, and the casts every operator uses.
/// </summary>
public static partial class ValueOps
{
    /// <summary>
    /// <c>a = b</c> as TLC evaluates it: a model value is unequal to anything but itself, but
    /// comparing values of different kinds (an integer with a string, a set with a number...) is
    /// an evaluation error, also inside sets, tuples and records at the point where TLC meets it.
    /// </summary>
    public static bool CheckedEquals(Value a, Value b)
    {
        if (a.Equals(b)) return true;
        CheckComparable(a, b);
        return false;
    }

    /// <summary>The walk TLC does when it finds two values unequal: throws where it would have failed.</summary>
    internal static void CheckComparable(Value a, Value b)
    {
        // Kind is a field and only ModelValue has the model-value kind: the common cases (two
        // scalars of one kind, a model value) are decided without type tests.
        var kind = a.Kind;
        if (kind != b.Kind)
        {
            if (kind == ValueKind.ModelValue || b.Kind == ValueKind.ModelValue) return;
            throw Incomparable(a, b);
        }
        if (kind < ValueKind.Set) return;
        switch (a)
        {
            case SetValue sa:
            {
                var sb = (SetValue)b;
                if (!sa.IsFinite || !sb.IsFinite || sa.Count != sb.Count) return;
                var ea = sa.ToFinite().Elements;
                var eb = sb.ToFinite().Elements;
                for (var i = 0; i < ea.Length; i++)
                {
                    if (ea[i].Equals(eb[i])) continue;
                    CheckComparable(ea[i], eb[i]);
                    return;
                }
                return;
            }
            case FunctionValue or LazyFunctionValue:
            {
                var fa = FunctionValue.AsFinite(a);
                var fb = FunctionValue.AsFinite(b);
                if (fa.Count != fb.Count) return;
                for (var i = 0; i < fa.Count; i++)
                {
                    if (!fa.DomainElements[i].Equals(fb.DomainElements[i]))
                    {
                        CheckComparable(fa.DomainElements[i], fb.DomainElements[i]);
                        return;
                    }
                    if (!fa.Values[i].Equals(fb.Values[i]))
                    {
                        CheckComparable(fa.Values[i], fb.Values[i]);
                        return;
                    }
                }
                return;
            }
            default:
                return;
        }
    }

    private static EvalException Incomparable(Value a, Value b)
    {
        var (what, notWhat) = a switch
        {
            IntValue => ("integer", "non-integer"),
            StringValue => ("string", "non-string"),
            BoolValue => ("boolean", "non-boolean"),
            SetValue => ("set", "non-set"),
            _ => ("function", "non-function"),
        };
        return new EvalException($"Attempted to check equality of {what} {ValuePrinter.Print(a)} with {notWhat}:\n{ValuePrinter.Print(b)}");
    }

    /// <summary><c>a # b</c>.</summary>
    public static bool CheckedNotEquals(Value a, Value b) => !CheckedEquals(a, b);

    // ---- casts ----------------------------------------------------------------------------------

    public static int AsInt(Value v, string operatorName, int argumentPosition = 1) =>
        v is IntValue i ? i.Value : throw WrongArgument(operatorName, argumentPosition, "an integer", v);

    public static bool AsBool(Value v, string operatorName, int argumentPosition = 1) =>
        v is BoolValue b ? b.Value : throw WrongArgument(operatorName, argumentPosition, "a boolean", v);

    public static SetValue AsSet(Value v, string operatorName, int argumentPosition = 1) =>
        v as SetValue ?? throw WrongArgument(operatorName, argumentPosition, "a set", v);

    public static string AsString(Value v, string operatorName, int argumentPosition = 1) =>
        v is StringValue s ? s.Value : throw WrongArgument(operatorName, argumentPosition, "a string", v);

    /// <summary>A function value (finite or lazy); anything else is an error.</summary>
    public static Value AsFunction(Value v, string operatorName, int argumentPosition = 1) =>
        v.Kind == ValueKind.Function ? v : throw WrongArgument(operatorName, argumentPosition, "a function", v);

    /// <summary>
    /// A sequence (a function with domain 1..n). Like TLC (2.19 converts a string to the tuple of
    /// its one-character strings wherever it asks for a tuple), a string is accepted as a sequence.
    /// </summary>
    public static FunctionValue AsSequence(Value v, string operatorName, int argumentPosition = 1)
    {
        if (v.Kind == ValueKind.Function)
        {
            var f = FunctionValue.AsFinite(v);
            if (f.IsTuple) return f;
        }
        if (v is StringValue text) return StringAsTuple(text.Value);
        throw WrongArgument(operatorName, argumentPosition, "a sequence", v);
    }

    /// <summary>The tuple of one-character strings TLC makes of a string.</summary>
    public static FunctionValue StringAsTuple(string text)
    {
        var characters = new Value[text.Length];
        for (var i = 0; i < text.Length; i++) characters[i] = StringValue.Of(text[i].ToString());
        return FunctionValue.Tuple(characters);
    }

    /// <summary>"The first argument of + should be an integer, but instead it is: ..." (TLC's wording).</summary>
    public static EvalException WrongArgument(string operatorName, int argumentPosition, string expected, Value actual)
    {
        var position = argumentPosition switch
        {
            1 => "first",
            2 => "second",
            3 => "third",
            _ => $"{argumentPosition}th",
        };
        return new EvalException($"The {position} argument of {operatorName} should be {expected}, but instead it is:\n{ValuePrinter.Print(actual)}");
    }
}
