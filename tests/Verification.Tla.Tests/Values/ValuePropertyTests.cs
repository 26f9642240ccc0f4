using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

public class ValuePropertyTests
{
    private static readonly Arbitrary<Value> Values = Arb.From(ValueGenerators.AnyValue);
    private static readonly Arbitrary<int> Salts = Arb.From(Gen.Choose(0, 5));

    [Fact]
    public void A_value_rebuilt_another_way_is_equal_with_the_same_fingerprint() =>
        ValueGenerators.Check(Prop.ForAll(Values, Salts, (v, salt) =>
        {
            var rebuilt = ValueGenerators.Rebuild(v, salt);
            return rebuilt.Equals(v) && v.Equals(rebuilt)
                && rebuilt.Fingerprint == v.Fingerprint
                && rebuilt.CompareTo(v) == 0
                && rebuilt.GetHashCode() == v.GetHashCode();
        }), maxTest: 500);

    [Fact]
    public void Equal_values_have_equal_fingerprints_and_compare_as_zero() =>
        ValueGenerators.Check(Prop.ForAll(Values, Values, (a, b) =>
        {
            var equal = a.Equals(b);
            return equal == b.Equals(a)
                && equal == (a.CompareTo(b) == 0)
                && (!equal || a.Fingerprint == b.Fingerprint);
        }), maxTest: 1000);

    [Fact]
    public void The_order_is_antisymmetric_and_transitive() =>
        ValueGenerators.Check(Prop.ForAll(Values, Values, Values, (a, b, c) =>
        {
            var antisymmetric = Math.Sign(a.CompareTo(b)) == -Math.Sign(b.CompareTo(a));
            var sorted = new[] { a, b, c }.Order().ToArray();
            var transitive = sorted[0].CompareTo(sorted[1]) <= 0 && sorted[1].CompareTo(sorted[2]) <= 0
                && sorted[0].CompareTo(sorted[2]) <= 0;
            return antisymmetric && transitive;
        }), maxTest: 1000);

    [Fact]
    public void Distinct_generated_values_have_distinct_fingerprints()
    {
        var samples = Gen.Sample(ValueGenerators.AnyValue, 5000, new Rnd(7UL, 0x9E3779B97F4A7C15UL), 10);
        var byFingerprint = new Dictionary<ulong, Value>();
        foreach (var v in samples)
        {
            if (byFingerprint.TryGetValue(v.Fingerprint, out var seen))
                Assert.True(seen.Equals(v), $"collision: {seen} and {v}");
            else
                byFingerprint[v.Fingerprint] = v;
        }
        Assert.True(byFingerprint.Count > 1000, $"only {byFingerprint.Count} distinct samples");
    }

    [Fact]
    public void A_canonical_set_is_sorted_without_duplicates() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(Gen.ArrayOf(ValueGenerators.AnyValue)), items =>
        {
            var set = FiniteSetValue.Of(items);
            var elements = set.Elements.ToArray();
            for (var i = 1; i < elements.Length; i++)
                if (elements[i - 1].CompareTo(elements[i]) >= 0) return false;
            return items.All(set.Contains) && elements.Length == items.Distinct().Count();
        }));
}
