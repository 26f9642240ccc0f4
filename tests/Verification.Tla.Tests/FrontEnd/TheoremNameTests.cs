using Verification.Tla.Checking;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>
/// `THEOREM Name == statement` defines Name as SANY does: an operator whose body is the statement,
/// usable as an expression (`ASSUME Name`, `Name!:`); TLC evaluates that body. The theorem itself
/// is never checked, and its proof is skipped.
/// </summary>
public sealed class TheoremNameTests
{
    private const string Spec = """
        ---- MODULE Thm ----
        EXTENDS Naturals
        CONSTANT Limit
        VARIABLE x
        Small == 0 .. Limit
        THEOREM Doubles == \A n \in Small : (n + n) % 2 = 0
        <1>1 TAKE n \in Small
        <1> QED BY DEF Small
        THEOREM Fails == \A n \in Small : n < 2
        PROOF OMITTED
        Init == x = 0
        Next == x < Limit /\ x' = x + 1
        TypeOK == x \in Small
        Spec == Init /\ [][Next]_x
        THEOREM Safe == Spec => []TypeOK
        ASSUME Doubles /\ Doubles!:
        ASSUME_LINE
        ====
        """;

    private static CheckResult Run(string assumption) =>
        SpecRunner.Check("Thm", Spec.Replace("ASSUME_LINE", assumption, StringComparison.Ordinal), "CONSTANT Limit = 3\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");

    [Fact]
    public void A_theorem_name_evaluates_its_statement_and_the_theorem_itself_is_not_checked()
    {
        // Doubles holds for 0 .. 3; Fails (3 < 2 is false) and the temporal Safe are never checked
        // as assumptions. x counts 0 .. 3: 4 states.
        var result = Run("");
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(4, result.DistinctStates);
    }

    [Fact]
    public void An_assumption_naming_a_false_theorem_fails()
    {
        var result = Run("ASSUME Fails");
        Assert.Equal(CheckOutcome.AssumptionViolated, result.Outcome);
        Assert.Contains("line 17, col 8", result.Message);
    }
}
