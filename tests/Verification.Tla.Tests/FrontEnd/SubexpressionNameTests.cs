using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>Positional subexpression names (`Def!2!1`, `Let!:`, `Op(a)!<<`, `Q!(e)`): parsed, resolved, checked.</summary>
public sealed class SubexpressionNameTests
{
    [Theory]
    [InlineData("Def!2!1", "Def!2!1")]
    [InlineData("Sum(3, 4)!<<", "Sum(3, 4)!<<")]
    [InlineData("Scaled!:", "Scaled!:")]
    [InlineData("Pos!(1, x)", "Pos!(1, x)")]
    [InlineData("M!Op!2", "M!Op!2")]
    public void Selectors_parse_and_print_back(string text, string printed)
    {
        var expression = Assert.IsType<SubexpressionReference>(TlaParser.ParseExpression(text));
        Assert.Equal(printed, TlaPrinter.Print(expression));
    }

    [Fact]
    public void Selected_parts_are_evaluated_with_the_arguments_and_bindings_of_the_definition()
    {
        var result = SpecRunner.Check("Sub", """
            ---- MODULE Sub ----
            EXTENDS Naturals
            VARIABLE x
            Limits == /\ x < 5
                      /\ x < 2
            Scaled(k) == LET z == k + 1 IN z * 2
            Pick == \E j \in {1, 2} : j > 1 /\ x < 9
            Choice == IF x > 0 THEN x - 1 ELSE 7
            ASSUME Scaled(4)!: = 10 /\ Pick!(2)!1 /\ ~Pick!(1)!1
            ASSUME Choice!3 = 7
            Init == x = 0
            Next == (Limits!2 /\ x' = x + 1) \/ (~Limits!2 /\ x' = 0)
            ====
            """);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.DistinctStates);
    }

    [Fact]
    public void A_selector_that_does_not_fit_is_a_located_error()
    {
        var result = SpecRunner.Check("Bad", """
            ---- MODULE Bad ----
            VARIABLE x
            One == 1
            Init == x = One!2
            Next == x' = x
            ====
            """);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Bad.tla:4:", result.Message);
    }

    [Fact]
    public void A_definition_of_an_EXTENDed_module_has_its_positional_subexpressions()
    {
        // Root uses Bounds!2 (x <= 3) of the extended module as its invariant and Step!1 as an
        // action: x counts 0 .. 3 (Step!2, the guard x < 3, is dropped, so 4 -> violation of Bounds!2
        // in the fourth step). Before the fix the derived name was looked up in Root and not found.
        var folder = Directory.CreateTempSubdirectory("verify-subexpr-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Base.tla"), """
                ---- MODULE Base ----
                EXTENDS Naturals
                VARIABLE x
                Bounds == /\ x >= 0
                          /\ x <= 3
                Step == /\ x' = x + 1
                        /\ x < 3
                ====
                """);
            File.WriteAllText(Path.Combine(folder, "Root.tla"), """
                ---- MODULE Root ----
                EXTENDS Base
                Init == x = 0
                Next == Step!1
                Inv == Bounds!2
                ====
                """);
            File.WriteAllText(Path.Combine(folder, "Root.cfg"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
            var result = Verification.Tla.Checking.ModelChecker.Run(Path.Combine(folder, "Root.tla"), null, new Verification.Tla.Checking.CheckOptions(), TextWriter.Null);
            Assert.Equal(Verification.Tla.Checking.CheckOutcome.InvariantViolated, result.Outcome);
            Assert.Equal(5, result.DistinctStates); // x = 0 .. 4
            Assert.Equal(5, result.Trace!.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
