using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

public class StandardModuleTests
{
    private static IntValue I(int n) => IntValue.Of(n);
    private static StringValue S(string s) => StringValue.Of(s);
    private static FunctionValue T(params int[] xs) => FunctionValue.Tuple(xs.Select(x => (Value)I(x)).ToArray());

    [Theory]
    [InlineData(-7, 2, -4, 1)]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 3, -3, 2)]
    [InlineData(7, -2, -4, -1)]
    [InlineData(6, 3, 2, 0)]
    public void Div_floors_and_mod_stays_in_range(int a, int b, int quotient, int remainder)
    {
        Assert.Equal(quotient, ValueOps.Div(I(a), I(b)).Value);
        if (b > 0) Assert.Equal(remainder, ValueOps.Mod(I(a), I(b)).Value);
    }

    [Fact]
    public void Arithmetic_leaving_the_32_bit_range_is_an_evaluation_error()
    {
        Assert.Equal(int.MaxValue, ValueOps.Add(I(int.MaxValue - 1), I(1)).Value);
        Assert.Equal("Overflow when computing 2147483647+1.", Assert.Throws<EvalException>(() => ValueOps.Add(I(int.MaxValue), I(1))).Message);
        Assert.Throws<EvalException>(() => ValueOps.Subtract(I(int.MinValue), I(1)));
        Assert.Throws<EvalException>(() => ValueOps.Multiply(I(65536), I(65536)));
        Assert.Throws<EvalException>(() => ValueOps.Negate(I(int.MinValue)));
        Assert.Throws<EvalException>(() => ValueOps.Div(I(int.MinValue), I(-1)));
        Assert.Equal("Overflow when computing 2^31.", Assert.Throws<EvalException>(() => ValueOps.Power(I(2), I(31))).Message);
        Assert.Equal(1 << 30, ValueOps.Power(I(2), I(30)).Value);
        Assert.Equal(-8, ValueOps.Power(I(-2), I(3)).Value);
        Assert.Equal(1, ValueOps.Power(I(-1), I(int.MaxValue - 1)).Value);
        Assert.Equal("The second argument of \\div is 0.", Assert.Throws<EvalException>(() => ValueOps.Div(I(1), I(0))).Message);
        Assert.Throws<EvalException>(() => ValueOps.Mod(I(1), I(0)));
        Assert.Throws<EvalException>(() => ValueOps.Power(I(0), I(0)));
        Assert.StartsWith("The first argument of + should be an integer", Assert.Throws<EvalException>(() => ValueOps.Add(S("a"), I(1))).Message);
    }

    [Fact]
    public void Equality_of_different_kinds_is_an_error_except_for_model_values()
    {
        Assert.Equal("Attempted to check equality of integer 1 with non-integer:\n\"nobody\"",
            Assert.Throws<EvalException>(() => ValueOps.CheckedEquals(I(1), S("nobody"))).Message);
        Assert.Throws<EvalException>(() => ValueOps.CheckedEquals(S("a"), BoolValue.True));
        Assert.Throws<EvalException>(() => ValueOps.CheckedEquals(T(1), T(2).Domain));
        Assert.Throws<EvalException>(() => ValueOps.CheckedEquals(T(1), FunctionValue.Tuple(S("a"))));
        var none = new ModelValue("None", 0);
        Assert.False(ValueOps.CheckedEquals(none, I(1)));
        Assert.False(ValueOps.CheckedEquals(S("None"), none));
        Assert.False(ValueOps.CheckedEquals(none, new ModelValue("Other", 1)));
        Assert.True(ValueOps.CheckedEquals(none, new ModelValue("None", 0)));
        // Records with different fields are simply unequal (heterogeneous message sets).
        Assert.False(ValueOps.CheckedEquals(FunctionValue.Record(("type", S("1a"))), FunctionValue.Record(("type", S("1a")), ("bal", I(1)))));
        Assert.False(ValueOps.CheckedEquals(FiniteSetValue.Of(I(1)), FiniteSetValue.Of(I(1), I(2))));
    }

    [Fact]
    public void Checked_equality_agrees_with_value_equality_or_fails_as_an_evaluation_error()
    {
        var values = Arb.From(ValueGenerators.AnyValue);
        ValueGenerators.Check(Prop.ForAll(values, values, (a, b) =>
        {
            try
            {
                return ValueOps.CheckedEquals(a, b) == a.Equals(b);
            }
            catch (EvalException)
            {
                return !a.Equals(b) && a is not ModelValue && b is not ModelValue;
            }
        }), maxTest: 1000);
    }

    [Fact]
    public void Tuples_equal_functions_on_one_to_n()
    {
        var merged = ValueOps.MergeFunctions(ValueOps.SingletonFunction(I(2), I(20)), ValueOps.SingletonFunction(I(1), I(10)));
        Assert.True(merged.IsTuple);
        Assert.Equal(T(10, 20), merged);
        Assert.Equal(T(10, 20).Fingerprint, merged.Fingerprint);
        Assert.Equal("<<10, 20>>", merged.ToString());
        Assert.Equal(new IntervalValue(1, 2), ValueOps.Domain(merged));
        var leftWins = ValueOps.MergeFunctions(ValueOps.SingletonFunction(I(1), I(5)), T(10, 20));
        Assert.Equal(T(5, 20), leftWins);
        Assert.Equal(FunctionValue.EmptyTuple, FunctionValue.FromPairs([]));
    }

    [Fact]
    public void Except_applies_paths_left_to_right_and_sees_the_earlier_update()
    {
        // [<<1, 2>> EXCEPT ![1] = 5, ![1] = @ + 1] = <<6, 2>>
        Value f = T(1, 2);
        f = ValueOps.Except(f, [I(1)], _ => I(5));
        f = ValueOps.Except(f, [I(1)], old => ValueOps.Add(old, I(1)));
        Assert.Equal(T(6, 2), f);

        var nested = FunctionValue.Record(("a", T(1, 2)), ("b", S("x")));
        var updated = ValueOps.Except(nested, [S("a"), I(2)], old => ValueOps.Multiply(old, I(10)));
        Assert.Equal("[a |-> <<1, 20>>, b |-> \"x\"]", updated.ToString());
        Assert.Same(nested, ValueOps.Except(nested, [S("zzz")], _ => I(0)));
        Assert.Equal(I(20), ValueOps.Apply(ValueOps.Select(updated, "a"), I(2)));
    }

    [Fact]
    public void Applying_outside_the_domain_uses_TLCs_message()
    {
        var error = Assert.Throws<EvalException>(() => ValueOps.Apply(T(10, 20, 30, 40), I(5)));
        Assert.Equal("Attempted to apply function:\n<<10, 20, 30, 40>>\nto argument 5, which is not in the domain of the function.", error.Message);
        Assert.Throws<EvalException>(() => ValueOps.Apply(I(3), I(1)));
    }

    [Fact]
    public void Sequence_operators()
    {
        var s = T(1, 2, 3);
        Assert.Equal(3, ValueOps.Len(s).Value);
        Assert.Equal(I(1), ValueOps.Head(s));
        Assert.Equal(T(2, 3), ValueOps.Tail(s));
        Assert.Equal(T(1, 2, 3, 4), ValueOps.Append(s, I(4)));
        Assert.Equal<Value>(T(1, 2, 3, 1, 2, 3), ValueOps.Concat(s, s));
        Assert.Equal<Value>(T(2, 3), ValueOps.SubSeq(s, I(2), I(3)));
        Assert.Equal<Value>(FunctionValue.EmptyTuple, ValueOps.SubSeq(s, I(3), I(2)));
        Assert.Throws<EvalException>(() => ValueOps.SubSeq(s, I(0), I(2)));
        Assert.Equal(T(1, 3), ValueOps.SelectSeq(s, v => ((IntValue)v).Value % 2 == 1));
        Assert.Throws<EvalException>(() => ValueOps.Head(FunctionValue.EmptyTuple));
        Assert.Throws<EvalException>(() => ValueOps.Len(FunctionValue.Record(("a", I(1)))));
        Assert.Equal(0, ValueOps.Len(FunctionValue.EmptyTuple).Value);
        Assert.Equal(S("abcd"), ValueOps.Concat(S("ab"), S("cd")));
        Assert.Equal(3, ValueOps.Len(S("abc")).Value);
        Assert.Equal(S("bc"), ValueOps.SubSeq(S("abcd"), I(2), I(3)));
        Assert.Equal(T(3, 2, 1), ValueOps.SortSeq(T(2, 3, 1), (a, b) => ((IntValue)a).Value > ((IntValue)b).Value));
    }

    [Fact]
    public void Bag_operators()
    {
        var a = S("a");
        var b = S("b");
        var bag = ValueOps.BagAdd(ValueOps.SetToBag(FiniteSetValue.Of(a, b)), ValueOps.SetToBag(FiniteSetValue.Of(a)));
        Assert.Equal("[a |-> 2, b |-> 1]", bag.ToString());
        Assert.Equal(2, ValueOps.CopiesIn(a, bag).Value);
        Assert.Equal(0, ValueOps.CopiesIn(S("c"), bag).Value);
        Assert.True(ValueOps.BagIn(b, bag).Value);
        Assert.Equal(3, ValueOps.BagCardinality(bag).Value);
        Assert.Equal(FiniteSetValue.Of(a, b), ValueOps.BagToSet(bag));
        var less = ValueOps.BagSubtract(bag, ValueOps.SetToBag(FiniteSetValue.Of(a, b)));
        Assert.Equal("[a |-> 1]", less.ToString());
        Assert.True(ValueOps.BagIsSubBag(less, bag).Value);
        Assert.False(ValueOps.BagIsSubBag(bag, less).Value);
        Assert.Equal(6, ValueOps.SubBag(bag).Count);
        Assert.Equal(bag, ValueOps.BagUnion(FiniteSetValue.Of(less, ValueOps.SetToBag(FiniteSetValue.Of(a, b)))));
        Assert.Equal(ValueOps.EmptyBag, ValueOps.BagSubtract(less, bag));
        Assert.True(ValueOps.IsABag(bag).Value);
        Assert.Equal("[x |-> 3]", ValueOps.BagOfAll(_ => S("x"), bag).ToString());
    }

    [Fact]
    public void Permutations_and_ToString()
    {
        var perms = ValueOps.Permutations(FiniteSetValue.Of(I(1), I(2), I(3)));
        Assert.Equal(6, perms.Count);
        Assert.Contains("<<1, 2, 3>>", perms.ToString());
        Assert.Equal("\"<<1, \\\"a\\\">>\"", ValueOps.ToTlaString(FunctionValue.Tuple(I(1), S("a"))).ToString());
        var failed = Assert.Throws<AssertionFailedException>(() => ValueOps.Assert(BoolValue.False, S("boom")));
        Assert.Equal("The first argument of Assert evaluated to FALSE; the second argument was:\n\"boom\"", failed.Message);
        Assert.Equal(I(2), ValueOps.RandomElement(FiniteSetValue.Of(I(1), I(2), I(3)), n => n - 2));
    }

    [Fact]
    public void Choose_order_matches_TLC()
    {
        var registry = new ModelValueRegistry();
        var green = registry.Get("green");
        var red = registry.Get("red");
        var blue = registry.Get("blue");
        Assert.Same(green, registry.Get("green"));
        Assert.Equal(new Value[] { green, red, blue }, FiniteSetValue.Of(blue, red, green).Elements.ToArray());
        Assert.Equal(new Value[] { S("a"), S("ab"), S("b") }, FiniteSetValue.Of(S("b"), S("ab"), S("a")).Elements.ToArray());
        Assert.Equal(I(-3), FiniteSetValue.Of(I(4), I(-3), I(0))[0]);
        // Sets: smaller first, then element-wise.
        Assert.Equal("{{}, {3}, {1, 2}}", FiniteSetValue.Of(FiniteSetValue.Of(I(1), I(2)), FiniteSetValue.Of(I(3)), FiniteSetValue.Empty).ToString());
    }

    [Fact]
    public void Records_are_ordered_field_by_field_as_TLC_orders_them()
    {
        // Same number of fields: TLC compares name 1, value 1, name 2, ... so the value of the
        // shared first field decides before the differing second field names do.
        var first = FunctionValue.Record(("mdest", S("n1")), ("msuccess", BoolValue.True));
        var second = FunctionValue.Record(("mdest", S("n2")), ("mlastLogTerm", I(0)));
        Assert.True(first.CompareTo(second) < 0);
        Assert.Equal<Value>(first, FiniteSetValue.Of(second, first)[0]);
        // Fewer fields first, whatever the names.
        Assert.True(FunctionValue.Record(("z", I(9))).CompareTo(first) < 0);
    }

    [Fact]
    public void Lazy_functions_apply_on_demand_and_equal_their_finite_form()
    {
        var calls = 0;
        var factorial = default(LazyFunctionValue)!;
        factorial = new LazyFunctionValue(InfiniteBuiltinSet.Nat, n =>
        {
            calls++;
            var k = ((IntValue)n).Value;
            return k == 0 ? I(1) : ValueOps.Multiply(n, factorial.Apply(I(k - 1)));
        });
        Assert.Equal(I(120), ValueOps.Apply(factorial, I(5)));
        Assert.Equal(I(720), ValueOps.Apply(factorial, I(6)));
        Assert.Equal(7, calls);
        Assert.Throws<EvalException>(() => factorial.Apply(I(-1)));
        Assert.Throws<EvalException>(() => factorial.Fingerprint);

        var doubled = new LazyFunctionValue(new IntervalValue(1, 3), n => ValueOps.Multiply(n, I(2)));
        Assert.Equal<Value>(T(2, 4, 6), doubled);
        Assert.Equal(T(2, 4, 6).Fingerprint, doubled.Fingerprint);
        Assert.Equal("<<2, 4, 6>>", doubled.ToString());
    }
}
