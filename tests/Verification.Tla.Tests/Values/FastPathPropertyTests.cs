using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

/// <summary>
/// The checker's fast paths on values against the plain way of computing the same thing: lazy
/// fingerprints against a from-scratch fingerprint, EXCEPT on a known position against the general
/// EXCEPT, symmetry images (same-domain placement, per-thread image cache) against a naive rebuild,
/// the reference scan of small domains, and kept enumerations of lazily represented sets.
/// </summary>
public class FastPathPropertyTests
{
    private static readonly Arbitrary<Value> Values = Arb.From(ValueGenerators.AnyValue);
    private static readonly Arbitrary<int> Salts = Arb.From(Gen.Choose(0, 5));
    private static readonly ModelValue[] M = ValueGenerators.ModelValues;

    // m1 -> m2 -> m3 -> m1 and m1 <-> m2: a 3-cycle and a transposition generate all of Permutations({m1, m2, m3}).
    private static readonly ModelValuePermutation Cycle = new(new Dictionary<ModelValue, ModelValue> { [M[0]] = M[1], [M[1]] = M[2], [M[2]] = M[0] });
    private static readonly ModelValuePermutation Swap = new(new Dictionary<ModelValue, ModelValue> { [M[0]] = M[1], [M[1]] = M[0] });

    /// <summary>The fingerprint computed from scratch, child by child, with nothing cached.</summary>
    private static ulong EagerFingerprint(Value v)
    {
        switch (v)
        {
            case FunctionValue f:
            {
                var h = Fingerprints.Start(Fingerprints.FunctionSeed, f.Count);
                for (var i = 0; i < f.Count; i++)
                {
                    h = Fingerprints.Combine(h, EagerFingerprint(f.DomainElements[i]));
                    h = Fingerprints.Combine(h, EagerFingerprint(f.Values[i]));
                }
                return Fingerprints.Avalanche(h);
            }
            case FiniteSetValue s:
            {
                var h = Fingerprints.Start(Fingerprints.SetSeed, s.Length);
                foreach (var e in s.Elements) h = Fingerprints.Combine(h, EagerFingerprint(e));
                return Fingerprints.Avalanche(h);
            }
            case SetValue { IsFinite: true } lazy:
                return EagerFingerprint(FiniteSetValue.Of(lazy.Enumerate().ToArray()));
            case LazyFunctionValue lazy:
                return EagerFingerprint(lazy.ToFinite());
            default:
                return v.Fingerprint;
        }
    }

    [Fact]
    public void A_lazily_computed_fingerprint_equals_the_one_computed_from_scratch() =>
        ValueGenerators.Check(Prop.ForAll(Values, Salts, (v, salt) =>
        {
            // A rebuilt value has never been fingerprinted; comparing it first must not need (or change) the fingerprint.
            var rebuilt = ValueGenerators.Rebuild(v, salt);
            var equal = rebuilt.Equals(v);
            return equal && rebuilt.Fingerprint == EagerFingerprint(v) && v.Fingerprint == EagerFingerprint(rebuilt);
        }), maxTest: 500);

    [Fact]
    public void Building_comparing_and_applying_functions_does_not_compute_fingerprints()
    {
        var record = FunctionValue.Record(("type", StringValue.Of("VoteRequest")), ("term", IntValue.Of(2)), ("dest", M[1]));
        var other = FunctionValue.Record(("type", StringValue.Of("VoteRequest")), ("term", IntValue.Of(3)), ("dest", M[1]));
        var set = FiniteSetValue.Of(record, other);
        var updated = record.With(StringValue.Of("term"), IntValue.Of(3));
        Assert.True(updated.Equals(other));
        Assert.True(set.Contains(updated));
        Assert.Equal(IntValue.Of(3), updated.Apply(StringValue.Of("term")));
        Assert.False(record.HasFingerprint || other.HasFingerprint || updated.HasFingerprint || set.HasFingerprint);
        Assert.Equal(other.Fingerprint, updated.Fingerprint);
        Assert.True(updated.HasFingerprint);
    }

    [Fact]
    public void Except_at_a_known_position_equals_the_general_except() =>
        ValueGenerators.Check(Prop.ForAll(Values, Values, Values, (function, argument, replacement) =>
        {
            if (function is not FunctionValue f) return true;
            // Half the time an argument of the domain (rebuilt: an equal but distinct object).
            var key = f.Count > 0 && argument.Fingerprint % 2 == 0
                ? ValueGenerators.Rebuild(f.DomainElements[(int)(argument.Fingerprint % (ulong)f.Count)], 1)
                : argument;
            var general = ValueOps.Except(f, [key], _ => replacement);
            var index = f.IndexOf(key);
            var fast = index < 0 ? f : f.WithAt(index, replacement);
            var viaWith = f.With(key, replacement);
            return general.Equals(fast) && fast.Equals(viaWith) && general.Fingerprint == EagerFingerprint(fast)
                && (index < 0) == !f.TryApply(key, out _);
        }), maxTest: 1000);

    [Fact]
    public void Application_finds_an_argument_that_is_an_equal_but_distinct_object()
    {
        // Integers beyond the small-integer cache are distinct objects for equal numbers.
        var f = FunctionValue.FromPairs([new(IntValue.Of(100_000), StringValue.Of("a")), new(IntValue.Of(200_000), StringValue.Of("b"))]);
        var key = IntValue.Checked(200_000L, "test");
        Assert.False(ReferenceEquals(key, f.DomainElements[1]));
        Assert.Equal(StringValue.Of("b"), f.Apply(key));
        Assert.False(f.TryApply(IntValue.Checked(300_000L, "test"), out _));
    }

    /// <summary>The image under a permutation, rebuilt from scratch: every set and function made anew from its permuted parts.</summary>
    private static Value NaiveImage(ModelValuePermutation permutation, Value v) => v switch
    {
        ModelValue => permutation.Apply(v),
        LazyFunctionValue lazy => NaiveImage(permutation, lazy.ToFinite()),
        FunctionValue f => FunctionValue.FromPairs(Enumerable.Range(0, f.Count)
            .Select(i => new KeyValuePair<Value, Value>(NaiveImage(permutation, f.DomainElements[i]), NaiveImage(permutation, f.Values[i])))),
        SetValue { IsFinite: true } s => FiniteSetValue.Of(s.Enumerate().Select(e => NaiveImage(permutation, e)).ToArray()),
        _ => v,
    };

    [Fact]
    public void A_permuted_value_equals_its_naive_rebuild() =>
        ValueGenerators.Check(Prop.ForAll(Values, v =>
        {
            foreach (var permutation in new[] { Cycle, Swap })
            {
                var image = permutation.Apply(v);
                if (!image.Equals(NaiveImage(permutation, v)) || image.Fingerprint != EagerFingerprint(NaiveImage(permutation, v))) return false;
            }
            return true;
        }), maxTest: 1000);

    [Fact]
    public void A_function_of_model_values_keeps_its_domain_under_a_permutation()
    {
        var f = FunctionValue.FromPairs([new(M[0], IntValue.Of(1)), new(M[1], IntValue.Of(2)), new(M[2], M[0])]);
        var image = (FunctionValue)Cycle.Apply(f);
        // m1 -> m2 -> m3 -> m1: the value 1 moves to m2, 2 to m3, and m1 (now a value) to m3's image m1's position.
        Assert.Equal(IntValue.Of(1), image.Apply(M[1]));
        Assert.Equal(IntValue.Of(2), image.Apply(M[2]));
        Assert.Equal(M[1], image.Apply(M[0]));
        Assert.Equal(image, NaiveImage(Cycle, f));
        // A function on part of the model values: arguments leave the domain, the general path sorts them.
        var partial = FunctionValue.FromPairs([new(M[0], IntValue.Of(1)), new(M[1], IntValue.Of(2))]);
        Assert.Equal(NaiveImage(Cycle, partial), Cycle.Apply(partial));
    }

    /// <summary>The least image of the state under every element of the group, by the checker's order: variable by variable.</summary>
    private static Value[] NaiveRepresentative(IEnumerable<ModelValuePermutation> group, Value[] state)
    {
        var best = state;
        foreach (var permutation in group)
        {
            var image = state.Select(v => NaiveImage(permutation, v)).ToArray();
            for (var j = 0; j < image.Length; j++)
            {
                var order = image[j].CompareTo(best[j]);
                if (order < 0) best = image;
                if (order != 0) break;
            }
        }
        return best;
    }

    [Fact]
    public void The_representative_with_cached_images_is_the_naive_least_image() =>
        ValueGenerators.Check(Prop.ForAll(Values, Values, Salts, (a, b, salt) =>
        {
            var group = SymmetryGroup.FromSet(ValueOps.Permutations(FiniteSetValue.Of(M)));
            var state = new[] { a, b, a };
            var expected = NaiveRepresentative(group.Permutations, state);
            // Twice the same objects (the second time from the cache), then equal values built anew.
            var first = group.Canonicalize(state);
            var second = group.Canonicalize(state);
            var rebuilt = group.Canonicalize([ValueGenerators.Rebuild(a, salt), ValueGenerators.Rebuild(b, salt), ValueGenerators.Rebuild(a, salt + 1)]);
            // The class fingerprint is the same for every member of the orbit, and for equal states built anew.
            var fingerprint = group.CanonicalFingerprint(state);
            var orbitAgrees = group.Permutations.All(q => group.CanonicalFingerprint(state.Select(v => NaiveImage(q, v)).ToArray()) == fingerprint);
            return expected.SequenceEqual(first) && expected.SequenceEqual(second) && expected.SequenceEqual(rebuilt)
                && orbitAgrees && group.CanonicalFingerprint([ValueGenerators.Rebuild(a, salt), ValueGenerators.Rebuild(b, salt), a]) == fingerprint;
        }), maxTest: 300);

    /// <summary>
    /// Values shaped like a spec's per-process variables and messages: functions of the model values
    /// (all of them, so that a permutation keeps the domain, or some) to model values, numbers,
    /// records or logs of them.
    /// </summary>
    private static Gen<Value> ProcessValue(int depth)
    {
        var leaf = Gen.Frequency((2, Gen.Elements(M).Select(m => (Value)m)), (1, Gen.Choose(0, 2).Select(i => (Value)IntValue.Of(i))));
        if (depth == 0) return leaf;
        var child = ProcessValue(depth - 1);
        var keys = Gen.Frequency((3, Gen.Constant(M.ToList())), (1, Gen.SubListOf(M)));
        return Gen.Frequency<Value>(
            (2, leaf),
            (3, keys.SelectMany(k => Gen.ArrayOf(child, k.Count)
                .Select(vals => (Value)FunctionValue.FromPairs(k.Select((key, i) => new KeyValuePair<Value, Value>(key, vals[i])))))),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(child, n)).Select(xs => (Value)FunctionValue.Tuple(xs))),
            (1, Gen.ArrayOf(child, 2).Select(vals => (Value)FunctionValue.Record(("from", vals[0]), ("term", vals[1])))));
    }

    [Fact]
    public void The_representative_with_cached_images_of_shared_parts_is_the_naive_least_image() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(ProcessValue(3)), Arb.From(ProcessValue(3)), Arb.From(ProcessValue(2)), (a, b, c) =>
        {
            var group = SymmetryGroup.FromSet(ValueOps.Permutations(FiniteSetValue.Of(M)));
            // A "message set" sharing its elements with the other variables, as a successor's shares its parent's messages.
            var messages = FiniteSetValue.Of(a, b, c);
            var parent = new Value[] { a, messages, b };
            var child = new Value[] { a, FiniteSetValue.Of(a, b, c, FunctionValue.Record(("from", c), ("term", a))), c };
            foreach (var state in new[] { parent, child, parent, child })
                if (!NaiveRepresentative(group.Permutations, state).SequenceEqual(group.Canonicalize(state))) return false;
            return group.Permutations.All(q => group.CanonicalFingerprint(child.Select(v => NaiveImage(q, v)).ToArray()) == group.CanonicalFingerprint(child));
        }), maxTest: 500);

    [Fact]
    public void A_lazy_set_enumerated_again_gives_the_same_elements_in_the_same_order()
    {
        var procs = FiniteSetValue.Of(M);
        foreach (var set in new LazySetValue[] { new PowerSetValue(procs), new FunctionSetValue(procs, FiniteSetValue.Boolean), new IntervalValue(1, 5) })
        {
            var streamed = set.Enumerate().ToArray();
            var first = set.ForRepeatedEnumeration();
            var second = set.ForRepeatedEnumeration();
            Assert.Equal(streamed, first.Enumerate());
            Assert.Equal(streamed, second.Enumerate());
            // From the second use on a finite set is kept enumerated; an interval stays an interval.
            Assert.Same(set, first);
            Assert.Equal(set is IntervalValue, ReferenceEquals(set, second));
        }
        // An infinite set is never materialized.
        Assert.Same(InfiniteBuiltinSet.Nat, InfiniteBuiltinSet.Nat.ForRepeatedEnumeration());
        Assert.Same(InfiniteBuiltinSet.Nat, InfiniteBuiltinSet.Nat.ForRepeatedEnumeration());
    }

    [Fact]
    public void Membership_in_a_function_set_equals_the_definition() =>
        ValueGenerators.Check(Prop.ForAll(Values, Values, Values, (candidate, domain, range) =>
        {
            if (domain is not SetValue { IsFinite: true } d || range is not SetValue { IsFinite: true } r) return true;
            var set = new FunctionSetValue(d, r);
            var expected = Outcome(() => candidate is FunctionValue f
                && f.Domain.Equals(d) && f.Values.ToArray().All(v => ValueOps.Member(r, v)));
            var actual = Outcome(() => set.Contains(candidate));
            return candidate is not FunctionValue || expected == actual;
        }), maxTest: 1000);

    private static string Outcome(Func<bool> test)
    {
        try
        {
            return test().ToString();
        }
        catch (EvalException)
        {
            return "error";
        }
    }
}
