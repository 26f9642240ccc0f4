using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

public class SetOperationTests
{
    private static readonly Arbitrary<int[]> IntLists = Arb.From(Gen.ArrayOf(Gen.Choose(-6, 9)));

    private static FiniteSetValue ToSet(IEnumerable<int> items) => FiniteSetValue.Of(items.Select(i => (Value)IntValue.Of(i)).ToArray());

    private static int[] ToInts(SetValue set) => set.Enumerate().Select(v => ((IntValue)v).Value).ToArray();

    private static bool Agrees(SetValue actual, SortedSet<int> expected) =>
        ToInts(actual).SequenceEqual(expected) && actual.Count == expected.Count
        && actual.Equals(ToSet(expected)) && actual.Fingerprint == ToSet(expected).Fingerprint;

    [Fact]
    public void Union_intersection_and_difference_agree_with_SortedSet() =>
        ValueGenerators.Check(Prop.ForAll(IntLists, IntLists, (xs, ys) =>
        {
            var s = ToSet(xs);
            var t = ToSet(ys);
            var union = new SortedSet<int>(xs);
            union.UnionWith(ys);
            var intersection = new SortedSet<int>(xs);
            intersection.IntersectWith(ys);
            var difference = new SortedSet<int>(xs);
            difference.ExceptWith(ys);
            return Agrees(ValueOps.Union(s, t), union)
                && Agrees(ValueOps.Intersect(s, t), intersection)
                && Agrees(ValueOps.Difference(s, t), difference)
                && ValueOps.IsSubset(s, t) == new SortedSet<int>(xs).IsSubsetOf(ys)
                && ValueOps.Cardinality(s).Value == new SortedSet<int>(xs).Count;
        }), maxTest: 500);

    [Fact]
    public void Adding_or_removing_a_few_elements_of_a_large_set_agrees_with_SortedSet() =>
        ValueGenerators.Check(Prop.ForAll(
            Arb.From(Gen.Choose(17, 60).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 80), n))),
            Arb.From(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(-2, 82), n))), (xs, ys) =>
        {
            var large = ToSet(xs);
            var few = ToSet(ys);
            var union = new SortedSet<int>(xs);
            union.UnionWith(ys);
            var difference = new SortedSet<int>(xs);
            difference.ExceptWith(ys);
            return large.Length <= 16
                || Agrees(ValueOps.Union(large, few), union)
                && Agrees(ValueOps.Union(few, large), union)
                && Agrees(ValueOps.Difference(large, few), difference);
        }), maxTest: 500);

    [Fact]
    public void Operations_on_intervals_agree_with_SortedSet() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(Gen.Choose(-5, 5)), Arb.From(Gen.Choose(-5, 8)), IntLists, (lo, hi, ys) =>
        {
            var interval = ValueOps.Range(IntValue.Of(lo), IntValue.Of(hi));
            var range = new SortedSet<int>(Enumerable.Range(lo, Math.Max(0, hi - lo + 1)));
            var union = new SortedSet<int>(range);
            union.UnionWith(ys);
            var difference = new SortedSet<int>(range);
            difference.ExceptWith(ys);
            return Agrees(interval, range)
                && Agrees(ValueOps.Union(interval, ToSet(ys)), union)
                && Agrees(ValueOps.Difference(interval, ToSet(ys)), difference)
                && ys.All(y => interval.Contains(IntValue.Of(y)) == range.Contains(y));
        }), maxTest: 300);

    [Fact]
    public void Intervals_compare_and_fingerprint_like_the_enumerated_sets() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(-4, 5), 4)), bounds =>
        {
            var (a, b, c, d) = (bounds[0], bounds[1], bounds[2], bounds[3]);
            var first = new IntervalValue(a, b);
            var second = new IntervalValue(c, d);
            var firstSet = ToSet(Enumerable.Range(a, Math.Max(0, b - a + 1)));
            var secondSet = ToSet(Enumerable.Range(c, Math.Max(0, d - c + 1)));
            return first.Fingerprint == firstSet.Fingerprint
                && Math.Sign(first.CompareTo(second)) == Math.Sign(firstSet.CompareTo(secondSet))
                && first.Equals(second) == firstSet.Equals(secondSet)
                && first.Equals(firstSet) && firstSet.Equals(first);
        }), maxTest: 300);

    [Fact]
    public void Powerset_enumerates_every_subset_once_in_canonical_order() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 5), 5)), xs =>
        {
            var baseSet = ToSet(xs);
            var power = ValueOps.PowerSet(baseSet);
            var subsets = power.Enumerate().ToArray();
            var canonical = FiniteSetValue.Of(subsets);
            return subsets.Length == 1 << baseSet.Length
                && power.Count == subsets.Length
                && canonical.Elements.ToArray().SequenceEqual(subsets)
                && subsets.All(power.Contains)
                && !power.Contains(ToSet([42]));
        }), maxTest: 100);

    [Fact]
    public void Lazy_finite_sets_enumerate_in_canonical_order_and_count_what_they_contain()
    {
        var ab = FiniteSetValue.Of(StringValue.Of("a"), StringValue.Of("b"));
        var bits = new IntervalValue(0, 1);
        SetValue[] sets =
        [
            new FunctionSetValue(ab, bits),
            new FunctionSetValue(new IntervalValue(1, 3), ab),
            new FunctionSetValue(FiniteSetValue.Empty, bits),
            new FunctionSetValue(FiniteSetValue.Empty, InfiniteBuiltinSet.Nat),
            new RecordSetValue([new("x", bits), new("a", ab)]),
            new CartesianProductValue(bits, ab, bits),
            new PowerSetValue(new PowerSetValue(bits)),
            new SeqSetValue(FiniteSetValue.Empty),
            FiniteSetValue.Boolean,
        ];
        foreach (var set in sets)
        {
            var items = set.Enumerate().ToArray();
            Assert.Equal(set.Count, items.Length);
            Assert.Equal(FiniteSetValue.Of(items).Elements.ToArray(), items);
            Assert.All(items, item => Assert.True(set.Contains(item), $"{set} should contain {item}"));
            Assert.Equal(set.ToFinite(), set);
            Assert.Equal(set.ToFinite().Fingerprint, set.Fingerprint);
        }
        Assert.Equal(4, sets[0].Count);
        Assert.Equal(8, sets[1].Count);
        Assert.Equal([FunctionValue.EmptyTuple], sets[2].Enumerate());
        Assert.Equal(16, sets[6].Count);
    }

    [Fact]
    public void Membership_in_infinite_sets_does_not_enumerate()
    {
        var nat = InfiniteBuiltinSet.Nat;
        Assert.True(nat.Contains(IntValue.Of(0)));
        Assert.False(nat.Contains(IntValue.Of(-1)));
        Assert.True(InfiniteBuiltinSet.Int.Contains(IntValue.Of(-1)));
        // TLC does not compare a string with the integers of Nat: an evaluation error, not FALSE.
        Assert.Throws<EvalException>(() => nat.Contains(StringValue.Of("0")));
        Assert.True(InfiniteBuiltinSet.String.Contains(StringValue.Of("0")));

        var seqs = ValueOps.SeqSet(new IntervalValue(1, 2));
        Assert.True(seqs.Contains(FunctionValue.Tuple(IntValue.Of(1), IntValue.Of(2), IntValue.Of(1))));
        Assert.True(seqs.Contains(FunctionValue.EmptyTuple));
        Assert.False(seqs.Contains(FunctionValue.Tuple(IntValue.Of(3))));
        Assert.Throws<EvalException>(() => seqs.Contains(FunctionValue.Record(("a", IntValue.Of(1)))));

        var positive = ValueOps.Difference(nat, FiniteSetValue.Of(IntValue.Zero));
        Assert.False(positive.IsFinite);
        Assert.True(positive.Contains(IntValue.Of(5)));
        Assert.False(positive.Contains(IntValue.Zero));
        Assert.Equal("Nat \\ {0}", positive.ToString());
        Assert.Equal(FiniteSetValue.Of(IntValue.Of(3)), ValueOps.Intersect(nat, FiniteSetValue.Of(IntValue.Of(-3), IntValue.Of(3))));

        Assert.True(new FunctionSetValue(new IntervalValue(1, 2), nat).Contains(FunctionValue.Tuple(IntValue.Of(7), IntValue.Zero)));
        Assert.True(new PowerSetValue(nat).Contains(FiniteSetValue.Of(IntValue.Of(7))));

        var error = Assert.Throws<EvalException>(() => nat.Enumerate().ToArray());
        Assert.Contains("Nat", error.Message);
        Assert.Throws<EvalException>(() => ValueOps.Cardinality(nat));
        Assert.False(ValueOps.IsFiniteSet(seqs).Value);
    }

    [Fact]
    public void Union_of_a_set_of_sets_and_products()
    {
        var sets = FiniteSetValue.Of(ToSet([1, 2]), ToSet([2, 3]), FiniteSetValue.Empty);
        Assert.Equal(ToSet([1, 2, 3]), ValueOps.BigUnion(sets));
        var product = ValueOps.Product(ToSet([1, 2]), ToSet([3]));
        Assert.Equal("{<<1, 3>>, <<2, 3>>}", product.ToFinite().ToString());
        Assert.Equal(0, ValueOps.Product(ToSet([1]), FiniteSetValue.Empty).Count);
    }
}
