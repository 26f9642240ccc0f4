using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.OrSet;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Crdt;

public class OrSetTests
{
    private static readonly OrSetSystem System = new();

    [Fact]
    public void Remove_wins_is_found_by_each_check_of_strong_eventual_consistency() =>
        CrdtTestKit.EachCheckFinds(System, OrSetSystem.RemoveWins, iterations: 200);

    [Fact]
    public void The_correct_set_survives_pct_and_every_run_converges_after_the_heal() =>
        CrdtTestKit.AssertConvergesEveryRun(System, CrdtTestKit.Budget(100, "pct"));

    [Fact]
    public void An_operation_travels_as_the_body_of_a_broadcast()
    {
        var remove = new OrSetOp(OrSetOperation.Remove, "e1", [new MessageId(0, 1), new MessageId(2, 3)]);
        Assert.Equal("remove e1 0:1 2:3", remove.Encode());
        Assert.Equal(remove.Tags, OrSetOp.Decode(remove.Encode()).Tags);
        Assert.Equal(new OrSetOp(OrSetOperation.Add, "e2", []).Encode(), OrSetOp.Decode("add e2").Encode());
        Assert.Throws<FormatException>(() => OrSetOp.Decode("remove e1 n1"));
    }
}
