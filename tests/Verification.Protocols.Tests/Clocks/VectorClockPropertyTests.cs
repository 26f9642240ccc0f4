using FsCheck.Fluent;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Tests.Clocks;

public class VectorClockPropertyTests
{
    [Fact]
    public void The_order_is_reflexive() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, a => a.LessOrEqual(a) && a.Compare(a) == CausalRelation.Equal));

    [Fact]
    public void The_order_is_antisymmetric() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, (a, b) =>
            !(a.LessOrEqual(b) && b.LessOrEqual(a)) || a == b), maxTest: 1_000);

    [Fact]
    public void The_order_is_transitive() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Chains, chain =>
            chain.A.LessOrEqual(chain.B) && chain.B.LessOrEqual(chain.C) && chain.A.LessOrEqual(chain.C)));

    [Fact]
    public void The_order_is_transitive_on_arbitrary_triples() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, ClockProperties.Clocks, (a, b, c) =>
            !(a.LessOrEqual(b) && b.LessOrEqual(c)) || a.LessOrEqual(c)), maxTest: 1_000);

    [Fact]
    public void Compare_agrees_with_the_order_and_is_symmetric() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, (a, b) =>
        {
            var relation = a.Compare(b);
            var expected = (a.LessOrEqual(b), b.LessOrEqual(a)) switch
            {
                (true, true) => CausalRelation.Equal,
                (true, false) => CausalRelation.Before,
                (false, true) => CausalRelation.After,
                _ => CausalRelation.Concurrent,
            };
            var mirrored = relation switch
            {
                CausalRelation.Before => CausalRelation.After,
                CausalRelation.After => CausalRelation.Before,
                _ => relation,
            };
            return relation == expected && b.Compare(a) == mirrored && a.StrictlyLess(b) == (relation == CausalRelation.Before);
        }), maxTest: 1_000);

    [Fact]
    public void Merge_is_commutative() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, (a, b) => a.Merge(b) == b.Merge(a)));

    [Fact]
    public void Merge_is_associative() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, ClockProperties.Clocks, (a, b, c) =>
            a.Merge(b).Merge(c) == a.Merge(b.Merge(c))));

    [Fact]
    public void Merge_is_idempotent() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, a => a.Merge(a) == a));

    [Fact]
    public void Merge_is_the_least_upper_bound() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, ClockProperties.Clocks, ClockProperties.Clocks, (a, b, c) =>
        {
            var join = a.Merge(b);
            var upperBound = a.LessOrEqual(join) && b.LessOrEqual(join);
            // c ⊔ join is an upper bound of a and b; the join must lie below it, and below c itself whenever c bounds both.
            var least = join.LessOrEqual(c.Merge(join)) && (!(a.LessOrEqual(c) && b.LessOrEqual(c)) || join.LessOrEqual(c));
            return upperBound && least;
        }), maxTest: 1_000);

    [Fact]
    public void Equal_clocks_have_equal_hashes() =>
        ClockProperties.Check(Prop.ForAll(ClockProperties.Clocks, a =>
        {
            var copy = VectorClock.Of([.. a.Entries]);
            return copy == a && copy.GetHashCode() == a.GetHashCode() && copy.ToString() == a.ToString();
        }));

    [Fact]
    public void Increment_moves_strictly_forward_in_one_entry_only()
    {
        var clock = VectorClock.Of(1, 0, 2).Increment(1);
        Assert.Equal([1, 1, 2], clock.Entries);
        Assert.Equal(CausalRelation.Before, VectorClock.Of(1, 0, 2).Compare(clock));
        Assert.Equal(CausalRelation.Concurrent, VectorClock.Of(2, 0, 0).Compare(VectorClock.Of(0, 0, 1)));
    }

    [Fact]
    public void Clocks_of_different_sizes_are_rejected() =>
        Assert.Throws<ArgumentException>(() => VectorClock.Zero(2).LessOrEqual(VectorClock.Zero(3)));
}
