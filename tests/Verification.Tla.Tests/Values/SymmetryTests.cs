using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

public class SymmetryTests
{
    private static readonly StringValue Idle = StringValue.Of("idle");
    private static readonly StringValue Wait = StringValue.Of("wait");
    private static readonly StringValue Crit = StringValue.Of("crit");

    /// <summary>
    /// The kit's Symmetry spec written out by hand over the value API (pc, queue; Wait/Enter/Exit),
    /// explored breadth-first: TLC finds 20 distinct states without SYMMETRY and 7 with Permutations(Procs).
    /// </summary>
    private static int CountDistinctStates(SymmetryGroup? symmetry)
    {
        var registry = new ModelValueRegistry();
        var procs = FiniteSetValue.Of(registry.Get("p1"), registry.Get("p2"), registry.Get("p3"));
        Value[] init = [FunctionValue.Build(procs, _ => Idle), FiniteSetValue.Empty];
        var seen = new HashSet<ulong>();
        var queue = new Queue<Value[]>();
        Visit(init);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            var pc = (FunctionValue)state[0];
            var waiting = state[1];
            foreach (var p in procs.Elements)
            {
                var at = pc.Apply(p);
                if (at.Equals(Idle))
                    Visit([pc.With(p, Wait), ValueOps.Union(waiting, FiniteSetValue.Of(p))]);
                if (at.Equals(Wait) && pc.Values.ToArray().All(v => !v.Equals(Crit)))
                    Visit([pc.With(p, Crit), ValueOps.Difference(waiting, FiniteSetValue.Of(p))]);
                if (at.Equals(Crit))
                    Visit([pc.With(p, Idle), waiting]);
            }
        }
        return seen.Count;

        void Visit(Value[] state)
        {
            var fingerprint = symmetry is null ? Fingerprints.OfState(state) : symmetry.CanonicalFingerprint(state);
            if (seen.Add(fingerprint)) queue.Enqueue(state);
        }
    }

    [Fact]
    public void The_kit_Symmetry_spec_has_20_states_without_symmetry_and_7_with_it()
    {
        Assert.Equal(20, CountDistinctStates(null));
        var registry = new ModelValueRegistry();
        var procs = FiniteSetValue.Of(registry.Get("p1"), registry.Get("p2"), registry.Get("p3"));
        var group = SymmetryGroup.FromSet(ValueOps.Permutations(procs));
        Assert.Equal(5, group.Permutations.Count);
        Assert.Equal(7, CountDistinctStates(group));
    }

    [Fact]
    public void Every_state_of_an_orbit_gets_the_same_fingerprint_whatever_the_sizes_of_its_variables()
    {
        // The canonical fingerprint compares small variables first; the order comes from the sizes
        // alone, which every image of a state shares, so the whole orbit still agrees. The message
        // set (declared first, largest) and the per-node functions exercise both orders.
        var registry = new ModelValueRegistry();
        var nodes = new[] { registry.Get("r1"), registry.Get("r2"), registry.Get("r3") };
        var values = new[] { registry.Get("v1"), registry.Get("v2") };
        var group = SymmetryGroup.FromSet(ValueOps.Union(ValueOps.Permutations(FiniteSetValue.Of(nodes)), ValueOps.Permutations(FiniteSetValue.Of(values))));
        Assert.Equal(11, group.Permutations.Count); // 3! * 2! - 1: the product of both groups, identity left out
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var messages = FiniteSetValue.Of(Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
                (Value)FunctionValue.Record(("from", nodes[random.Next(3)]), ("val", values[random.Next(2)]), ("bal", IntValue.Of(random.Next(3))))).ToArray());
            var ballot = FunctionValue.Build(FiniteSetValue.Of(nodes), _ => IntValue.Of(random.Next(3)));
            var chosen = FunctionValue.Build(FiniteSetValue.Of(nodes), _ => random.Next(3) == 0 ? values[random.Next(2)] : IntValue.Of(-1));
            Value[] state = [messages, ballot, chosen, IntValue.Of(trial % 2)];
            var fingerprint = group.CanonicalFingerprint(state);
            foreach (var permutation in group.Permutations)
            {
                var image = state.Select(permutation.Apply).ToArray();
                Assert.Equal(fingerprint, group.CanonicalFingerprint(image));
                // TLC's representative (declaration order) is also the same for the whole orbit.
                Assert.Equal(Fingerprints.OfState(group.Canonicalize(state)), Fingerprints.OfState(group.Canonicalize(image)));
            }
        }
    }

    [Fact]
    public void A_permutation_applies_deeply_and_shares_untouched_parts()
    {
        var registry = new ModelValueRegistry();
        var a = registry.Get("a");
        var b = registry.Get("b");
        var swap = new ModelValuePermutation(new Dictionary<ModelValue, ModelValue> { [a] = b, [b] = a });
        var untouched = FunctionValue.Tuple(IntValue.Of(1), StringValue.Of("a"));
        var value = FunctionValue.Record(("owner", a), ("set", FiniteSetValue.Of(a, IntValue.Of(3))), ("fn", FunctionValue.FromPairs([new(a, untouched), new(b, IntValue.Of(2))])));
        var image = swap.Apply(value);
        Assert.Equal("[fn |-> (a :> 2 @@ b :> <<1, \"a\">>), owner |-> b, set |-> {b, 3}]", image.ToString());
        Assert.Same(untouched, swap.Apply(untouched));
        Assert.Equal(value, swap.Apply(image));
        Assert.Throws<EvalException>(() => ModelValuePermutation.FromFunction(FunctionValue.Tuple(IntValue.Of(2), IntValue.Of(1))));
    }

    [Fact]
    public void The_representative_is_the_least_image_in_the_value_order()
    {
        var registry = new ModelValueRegistry();
        var p1 = registry.Get("p1");
        var p2 = registry.Get("p2");
        var group = SymmetryGroup.FromSet(ValueOps.Permutations(FiniteSetValue.Of(p1, p2)));
        Value[] state = [p2, FiniteSetValue.Of(p1)];
        Assert.Equal(new Value[] { p1, FiniteSetValue.Of(p2) }, group.Canonicalize(state));
        Value[] least = [p1, FiniteSetValue.Of(p1)];
        Assert.Same(least, group.Canonicalize(least));
        Assert.Equal(group.CanonicalFingerprint(state), group.CanonicalFingerprint([p1, FiniteSetValue.Of(p2)]));
    }

    [Fact]
    public void Permutations_of_two_sets_generate_their_product_as_TLC_closes_the_generators()
    {
        var registry = new ModelValueRegistry();
        var a = FiniteSetValue.Of(registry.Get("a1"), registry.Get("a2"));
        var b = FiniteSetValue.Of(registry.Get("b1"), registry.Get("b2"), registry.Get("b3"));
        var group = SymmetryGroup.FromSet(ValueOps.Union(ValueOps.Permutations(a), ValueOps.Permutations(b)));
        // 2! * 3! = 12 elements, the identity left out.
        Assert.Equal(11, group.Permutations.Count);
    }
}
