using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.Common;

namespace Verification.Protocols.Tests.Crdt;

public class ConvergenceCheckerTests
{
    private static readonly MessageId A = new(0, 1), B = new(1, 1);

    private static ReplicaSnapshot At(long step, int node, string state, params MessageId[] applied) => new(step, node, applied, state);

    [Fact]
    public void Replicas_that_applied_the_same_updates_at_different_times_must_hold_the_same_state()
    {
        // n1 and n2 never hold {A, B} at the same moment, so a check of each moment alone passes.
        var history = new[] { At(0, 0, "0"), At(0, 1, "0"), At(3, 0, "1", A, B), At(4, 0, "2", A, B, new MessageId(0, 2)), At(5, 1, "-1", A, B) };
        Assert.Equal("the same updates {<<n1, 1>>, <<n2, 1>>} gave two states: n1 held 1 after step 3, n2 held -1 after step 5", ConvergenceChecker.Check(history, quiescent: false));
    }

    [Fact]
    public void A_quiet_run_must_end_with_equal_replicas()
    {
        var history = new[] { At(0, 0, "0"), At(0, 1, "0"), At(2, 0, "1", A) };
        Assert.Null(ConvergenceChecker.Check(history, quiescent: false));
        Assert.Equal("the replicas did not converge once the network was quiet: n1 after step 2: applied {<<n1, 1>>}, holds 1; n2 after step 0: applied {}, holds 0",
            ConvergenceChecker.Check(history, quiescent: true));
    }

    [Fact]
    public void A_convergent_history_passes()
    {
        var history = new[] { At(0, 0, "0"), At(0, 1, "0"), At(2, 0, "1", A), At(3, 1, "-1", B), At(5, 1, "0", A, B), At(6, 0, "0", A, B) };
        Assert.Null(ConvergenceChecker.Check(history, quiescent: true));
    }
}
