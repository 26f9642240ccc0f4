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

    private static CheckResult RunWithInstance(string assumption)
    {
        var folder = Directory.CreateTempSubdirectory("verify-theorem-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Base.tla"), "---- MODULE Base ----\nCONSTANT S\nMember(n) == n \\in S\n====\n");
            File.WriteAllText(Path.Combine(folder, "Lemmas.tla"), """
                ---- MODULE Lemmas ----
                EXTENDS Base
                LEMMA Closed ==
                        \A n \in S :
                           Member(n)
                  <1> SUFFICES ASSUME NEW n \in S
                               PROVE  Member(n)
                    OBVIOUS
                  <1> QED OBVIOUS
                Has(k) == Member(k)
                ====
                """);
            File.WriteAllText(Path.Combine(folder, "Uses.tla"),
                "---- MODULE Uses ----\nEXTENDS Naturals\nP(T) == INSTANCE Lemmas WITH S <- T\n" + assumption + "\n====\n");
            File.WriteAllText(Path.Combine(folder, "Uses.cfg"), "");
            return ModelChecker.Run(Path.Combine(folder, "Uses.tla"), null, new CheckOptions(), TextWriter.Null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_lemma_and_a_definition_of_an_instance_whose_argument_is_a_bound_name_evaluate()
    {
        // P(T)!Closed holds for every T; Has(1) holds for {1} and {1, 2}: a constant-only model, no state.
        var result = RunWithInstance("ASSUME \\A T \\in {{1}, {1, 2}} : P(T)!Closed /\\ P(T)!Has(1)");
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(0, result.DistinctStates);
    }

    [Fact]
    public void A_definition_of_an_instance_whose_argument_is_a_bound_name_sees_each_binding()
    {
        // Has(1) is false for T = {2}: the assumption fails (it would hold if T were not substituted).
        var result = RunWithInstance("ASSUME \\A T \\in {{1}, {2}} : P(T)!Has(1)");
        Assert.Equal(CheckOutcome.AssumptionViolated, result.Outcome);
    }
}
