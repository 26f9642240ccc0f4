using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>
/// Long chains of infix operators and junction lists (issue 17): flat trees, checked with the right
/// answer; what is still too deep is a located error, never a stack overflow.
/// </summary>
public sealed class LongChainTests
{
    private const int Terms = 20_000;

    private static string Spec(string name, string definitions, string extends = "Naturals") => $"""
        ---- MODULE {name} ----
        EXTENDS {extends}
        VARIABLE x
        Init == x = 0
        Next == x' = 1 - x
        {definitions}
        ====
        """;

    private static string Chain(string op, string term, int count = Terms) => string.Join($" {op} ", Enumerable.Repeat(term, count));

    [Theory]
    [InlineData("+", "1", "= 20000")]
    [InlineData("-", "1", "= 2 - 20000")]
    [InlineData("*", "1", "= 1")]
    [InlineData("\\cup", "{x}", "= {x}")]
    [InlineData("/\\", "x < 2", "")]
    [InlineData("\\/", "x = 5", "\\/ x < 2")]
    public void A_chain_of_twenty_thousand_terms_is_checked(string op, string term, string rest)
    {
        var result = SpecRunner.Check("Chain", Spec("Chain", $"Inv == {Chain(op, term)} {rest}"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.True(result.ExitCode == 0, result.Message);
        Assert.Equal(2, result.DistinctStates);
    }

    [Fact]
    public void A_violated_long_chain_is_reported_as_a_violation()
    {
        var result = SpecRunner.Check("Chain", Spec("Chain", $"Inv == {Chain("+", "x")} = 0"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(12, result.ExitCode);
        Assert.Equal("Inv", result.Violated);
        Assert.Equal(2, result.DistinctStates);
    }

    [Theory]
    [InlineData("/\\")]
    [InlineData("\\/")]
    public void Junction_lists_of_twenty_thousand_items_are_checked(string bullet)
    {
        var items = string.Join("\n", Enumerable.Repeat($"      {bullet} x < 2", Terms));
        var result = SpecRunner.Check("Junction", Spec("Junction", "Inv ==\n" + items), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.True(result.ExitCode == 0, result.Message);
        Assert.Equal(2, result.DistinctStates);
    }

    [Fact]
    public void A_long_disjunction_of_actions_gives_every_successor()
    {
        var next = "Next2 == " + string.Join(" \\/ ", Enumerable.Range(0, 3000).Select(i => $"x' = {i % 7}"));
        var result = SpecRunner.Check("Actions", Spec("Actions", next), "INIT Init\nNEXT Next2\n");
        Assert.True(result.ExitCode == 0, result.Message);
        Assert.Equal(7, result.DistinctStates);
    }

    [Fact]
    public void A_chain_is_one_flat_node_but_parentheses_still_group()
    {
        var flat = Assert.IsType<OperatorApplication>(TlaParser.ParseExpression(Chain("+", "a", 5)));
        Assert.Equal(5, flat.Operands.Count);
        var grouped = Assert.IsType<OperatorApplication>(TlaParser.ParseExpression("(a + b) + c"));
        Assert.Equal(2, grouped.Operands.Count);
        Assert.Equal("((a + b) + c)", TlaPrinter.Print(grouped));
    }

    [Fact]
    public void A_chain_of_a_user_defined_operator_too_deep_to_compile_is_a_located_error()
    {
        var result = SpecRunner.Check("Deep", Spec("Deep", $"a ++ b == a + b\nInv == {Chain("++", "x", 60_000)} >= 0"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        // Whether 60,000 nested calls fit depends on the thread's stack and the JIT tier's frame sizes: the
        // checker either evaluates the chain (and then gives the right answer) or stops with a located error.
        if (result.ExitCode == 0)
        {
            Assert.Equal(2, result.DistinctStates);
            return;
        }
        Assert.Equal(150, result.ExitCode);
        Assert.Contains("Deep.tla:7:", result.Message);
    }

    [Theory]
    [InlineData("~", "")]
    [InlineData("", "'")]
    public void Thousands_of_prefix_or_postfix_operators_are_a_located_error(string prefix, string postfix)
    {
        var text = string.Concat(Enumerable.Repeat(prefix, 5000)) + "x" + string.Concat(Enumerable.Repeat(postfix, 5000));
        var error = Assert.Throws<TlaSyntaxException>(() => TlaParser.ParseExpression(text));
        Assert.Contains("nested too deeply", error.Message);
    }
}
