using Verification.Protocols.Crdt.CrdtCounter;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Crdt;

public class CrdtCounterTests
{
    private static readonly CrdtCounterSystem System = new();

    [Fact]
    public void Non_commutative_merge_is_found_by_each_check_of_strong_eventual_consistency() =>
        CrdtTestKit.EachCheckFinds(System, CrdtCounterSystem.NonCommutativeMerge, iterations: 200);

    [Fact]
    public void The_correct_counter_survives_pct_and_every_run_converges_after_the_heal() =>
        CrdtTestKit.AssertConvergesEveryRun(System, CrdtTestKit.Budget(100, "pct"));

    [Theory]
    [InlineData(1, 1, "1 1")]
    [InlineData(-1, -3, "-1 -3")]
    public void An_operation_travels_as_the_body_of_a_broadcast(int delta, int val, string body)
    {
        Assert.Equal(body, new CounterOp(delta, val).Encode());
        Assert.Equal(new CounterOp(delta, val), CounterOp.Decode(body));
    }

    [Fact]
    public void A_body_that_is_no_operation_is_refused() =>
        Assert.Throws<FormatException>(() => CounterOp.Decode("m1"));
}
