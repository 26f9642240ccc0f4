namespace Verification.Tla.Tests.FrontEnd;

/// <summary>
/// SANY's level checking (issue 17): what SANY reports is exit 150 with a location before any
/// state is explored; what SANY accepts still checks.
/// </summary>
public sealed class LevelCheckingTests
{
    private static string Spec(string definitions) => SpecRunner.TogglingSpec("Levels", definitions);

    [Theory]
    [InlineData("Twice == x' = x /\\ x'' = x", "'")]
    [InlineData("Again == UNCHANGED UNCHANGED x", "UNCHANGED")]
    [InlineData("Primed == UNCHANGED (x' + 1)", "UNCHANGED")]
    [InlineData("Action == (x' = x)'", "'")]
    [InlineData("Box == ENABLED [](x = 0)", "ENABLED")]
    [InlineData("Cmp == ([](x = 0)) = TRUE", "=")]
    [InlineData("Member == x \\in {<>(x = 1)}", "$SetEnumerate")]
    [InlineData("Sub == [Next]_(x')", "$SquareAct")]
    [InlineData("Fair == WF_(x')(Next)", "$WF")]
    [InlineData("Op(a) == a'\nUse == Op(x')", "Op")]
    [InlineData("Op(a) == (a + 1)'\nUse == Op(x')", "Op")]
    [InlineData("Op(a) == LET b == a IN b'\nUse == Op(x')", "Op")]
    public void A_level_error_is_a_located_semantic_error(string definitions, string op)
    {
        var result = SpecRunner.Check("Levels", Spec(definitions));
        Assert.Equal(150, result.ExitCode);
        Assert.Contains("Levels.tla:", result.Message);
        Assert.Contains($"Level error in applying operator {op}:", result.Message);
        Assert.Null(result.DistinctStates);
    }

    [Fact]
    public void An_assumption_that_is_not_constant_is_a_level_error()
    {
        var result = SpecRunner.Check("Levels", Spec("ASSUME x = 0"));
        Assert.Equal(150, result.ExitCode);
        Assert.Contains("Levels.tla:6:8: Level error: assumptions must be level 0 (Constant), but this one has level 1.", result.Message);
    }

    [Fact]
    public void Levels_SANY_accepts_still_check()
    {
        var result = SpecRunner.Check("Levels", Spec("""
            Op(a) == a + 1
            Prime(a) == a'
            Act(A) == A /\ UNCHANGED <<x>>
            Gate == ENABLED Next /\ ENABLED (x' = 1)
            Spec == Init /\ [][Next]_x /\ WF_x(Next) /\ []<>(x = 0) /\ (x = 0 ~> x = 1)
            Uses == Op(x') = 2 /\ Prime(x) = 1 /\ \E y \in {x} : y' = y
            Enabled == ENABLED (Prime(x) = 1)
            ASSUME Op(1) = 2
            """));
        Assert.True(result.ExitCode == 0, result.Message);
        Assert.Equal(2, result.DistinctStates);
    }
}
