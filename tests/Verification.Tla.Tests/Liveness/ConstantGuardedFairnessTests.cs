using Verification.Tla.Checking;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// `c => WF(A)` with a constant c in the SPECIFICATION (InnerSerial's `\A oi, oj : oi # oj => WF(...)`)
/// is fairness where c holds and nothing where it does not, taken as fairness conditions rather than
/// as an assumption in every property's tableau: each counter is fair except the one the guard leaves out.
/// </summary>
public sealed class ConstantGuardedFairnessTests : ScratchSpecTests
{
    private const string Spec = """
        ---- MODULE Guarded ----
        EXTENDS Naturals
        VARIABLE c
        Init == c = [i \in 1..3 |-> 0]
        Tick(i) == c[i] < 2 /\ c' = [c EXCEPT ![i] = @ + 1]
        Next == \E i \in 1..3 : Tick(i)
        Spec == Init /\ [][Next]_c /\ \A i \in 1..3 : i # 1 => WF_c(Tick(i))
        FairOnesFinish == \A i \in 2..3 : <>(c[i] = 2)
        FirstFinishes == <>(c[1] = 2)
        ====
        """;

    [Theory]
    [InlineData("FairOnesFinish", CheckOutcome.Success)]
    [InlineData("FirstFinishes", CheckOutcome.PropertyViolated)]
    public void Fairness_applies_where_its_constant_guard_holds(string property, CheckOutcome expected)
    {
        var spec = Write("Guarded", Spec, $"SPECIFICATION Spec\nPROPERTY {property}\nCHECK_DEADLOCK FALSE\n");
        var result = ModelChecker.Run(spec, null, new CheckOptions(), TextWriter.Null);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(27, result.DistinctStates);
    }
}
