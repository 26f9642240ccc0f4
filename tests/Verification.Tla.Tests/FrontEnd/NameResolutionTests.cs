using Verification.Tla.Semantics;
using Verification.Tla.Syntax;
using Verification.Tla.Tests.Syntax;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>
/// Every name of every definition is resolved before any state is explored, as SANY does (issue 17):
/// an unknown name, even in an unused definition or inside WF_/[]/&lt;&gt;/~&gt;, is exit 150 with its location.
/// </summary>
public sealed class NameResolutionTests
{
    private static string Spec(string definitions) => SpecRunner.TogglingSpec("Names", definitions);

    [Theory]
    [InlineData("Unused == x + Missing", 6, 15, "Missing")]
    [InlineData("Fair == WF_x(Next /\\ Missing)", 6, 22, "Missing")]
    [InlineData("Live == [](x = 0) ~> <>(Missing)", 6, 25, "Missing")]
    [InlineData("Box == [][Next /\\ x' # Missing]_x", 6, 24, "Missing")]
    [InlineData("Later == Earlier\nEarlier == 1", 6, 10, "Earlier")]
    [InlineData("Self == Self + 1", 6, 9, "Self")]
    [InlineData("Bound == \\E y \\in {1} : y + z", 6, 29, "z")]
    [InlineData("Seqs == Len(<<>>)", 6, 9, "Len")]
    public void An_unknown_name_anywhere_is_a_located_semantic_error(string definitions, int line, int column, string name)
    {
        var result = SpecRunner.Check("Names", Spec(definitions));
        Assert.Equal(150, result.ExitCode);
        Assert.EndsWith($"Names.tla:{line}:{column}: Unknown operator: `{name}'.", result.Message);
    }

    [Fact]
    public void A_missing_member_of_a_named_instance_is_a_located_error()
    {
        var result = SpecRunner.Check("Names", Spec("N == INSTANCE Naturals\nUse == N!Nat \\cup N!Missing"));
        Assert.Equal(150, result.ExitCode);
        Assert.EndsWith("Names.tla:7:21: Unknown operator: `N!Missing'.", result.Message);
    }

    [Fact]
    public void Recursive_operators_bound_names_and_standard_names_resolve()
    {
        var result = SpecRunner.Check("Names", Spec("""
            RECURSIVE Fact(_)
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            f[n \in Nat] == IF n = 0 THEN 0 ELSE f[n - 1]
            Op(F(_), v) == F(v) + LET g[k \in {1}] == k IN g[1]
            Uses == Op(LAMBDA a : a, 1) + Fact(3) + f[2] + Cardinality({})
            """).Replace("EXTENDS Naturals", "EXTENDS Naturals, FiniteSets"));
        Assert.True(result.ExitCode == 0, result.Message);
    }

    public static TheoryData<string> RepositorySpecs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SyntaxTestFiles.SpecsDirectory, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(SyntaxTestFiles.SpecsDirectory, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(RepositorySpecs))]
    public void Every_spec_of_the_repository_resolves(string relative)
    {
        var spec = ModuleLoader.Load(Path.Combine(SyntaxTestFiles.SpecsDirectory, relative));
        Assert.NotEmpty(spec.Modules);
    }
}
