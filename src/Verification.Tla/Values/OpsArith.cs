namespace Verification.Tla.Values;

/// <summary>Naturals and Integers, on TLC's 32-bit integers (leaving the range is an evaluation error).</summary>
public static partial class ValueOps
{
    public static IntValue Add(Value a, Value b)
    {
        int x = AsInt(a, "+", 1), y = AsInt(b, "+", 2);
        return IntValue.Checked((long)x + y, x, "+", y);
    }

    public static IntValue Subtract(Value a, Value b)
    {
        int x = AsInt(a, "-", 1), y = AsInt(b, "-", 2);
        return IntValue.Checked((long)x - y, x, "-", y);
    }

    public static IntValue Multiply(Value a, Value b)
    {
        int x = AsInt(a, "*", 1), y = AsInt(b, "*", 2);
        return IntValue.Checked((long)x * y, x, "*", y);
    }

    /// <summary>Prefix minus.</summary>
    public static IntValue Negate(Value a)
    {
        var x = AsInt(a, "-", 1);
        if (x == int.MinValue) throw new EvalException($"Overflow when computing -({x}).");
        return IntValue.Of(-x);
    }

    /// <summary><c>a \div b</c>: rounds toward negative infinity, as TLC does ((-7) \div 2 = -4).</summary>
    public static IntValue Div(Value a, Value b)
    {
        int x = AsInt(a, "\\div", 1), y = AsInt(b, "\\div", 2);
        if (y == 0) throw new EvalException("The second argument of \\div is 0.");
        return IntValue.Checked(FloorDiv(x, y), x, " \\div ", y);
    }

    /// <summary><c>a % b</c>: always in 0..b-1 ((-7) % 3 = 2); b must be positive.</summary>
    public static IntValue Mod(Value a, Value b)
    {
        int x = AsInt(a, "%", 1), y = AsInt(b, "%", 2);
        if (y <= 0) throw new EvalException($"The second argument of % should be a positive number, but instead it is:\n{y}");
        var r = (long)x % y;
        if (r < 0) r += y;
        return IntValue.Of((int)r);
    }

    /// <summary><c>a ^ b</c> for a natural exponent; 0^0 is undefined in TLC.</summary>
    public static IntValue Power(Value a, Value b)
    {
        int x = AsInt(a, "^", 1), y = AsInt(b, "^", 2);
        if (y < 0) throw new EvalException($"The second argument of ^ should be a natural number, but instead it is:\n{y}");
        if (x == 0 && y == 0) throw new EvalException("0^0 is undefined.");
        long result = 1;
        for (var i = 0; i < y; i++)
        {
            result *= x;
            if (result is > int.MaxValue or < int.MinValue) throw new EvalException($"Overflow when computing {x}^{y}.");
            // |x| <= 1 never grows, so stop early instead of looping up to 2^31 times.
            if (x is 0 or 1) break;
            if (x == -1)
            {
                result = (y % 2 == 0) ? 1 : -1;
                break;
            }
        }
        return IntValue.Of((int)result);
    }

    public static BoolValue Less(Value a, Value b) => BoolValue.Of(AsInt(a, "<", 1) < AsInt(b, "<", 2));
    public static BoolValue LessOrEqual(Value a, Value b) => BoolValue.Of(AsInt(a, "=<", 1) <= AsInt(b, "=<", 2));
    public static BoolValue Greater(Value a, Value b) => BoolValue.Of(AsInt(a, ">", 1) > AsInt(b, ">", 2));
    public static BoolValue GreaterOrEqual(Value a, Value b) => BoolValue.Of(AsInt(a, ">=", 1) >= AsInt(b, ">=", 2));

    /// <summary><c>a .. b</c>.</summary>
    public static IntervalValue Range(Value a, Value b) => new(AsInt(a, "..", 1), AsInt(b, "..", 2));

    private static long FloorDiv(long x, long y)
    {
        var q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
        return q;
    }
}
