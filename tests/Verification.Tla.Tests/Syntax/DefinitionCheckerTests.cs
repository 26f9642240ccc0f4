using Verification.Tla.Semantics;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

public sealed class DefinitionCheckerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tla-names-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string body)
    {
        var path = Path.Combine(_folder, name + ".tla");
        File.WriteAllText(path, $"---- MODULE {name} ----\n{body}\n====\n");
        return path;
    }

    private string ErrorOf(string body) =>
        Assert.Throws<TlaSyntaxException>(() => ModuleLoader.Load(Write("M", body))).Diagnostic.ToString()
            .Replace(_folder + Path.DirectorySeparatorChar, "");

    private void Accepts(string body) => ModuleLoader.Load(Write("M", body));

    [Fact]
    public void A_name_defined_twice_in_a_module_is_an_error_at_the_second_definition()
    {
        Assert.Equal("M.tla:4:1: multiply-defined symbol 'Op': it conflicts with the definition or declaration at line 3, col 1 to line 3, col 2 of module M",
            ErrorOf("VARIABLE x\nOp == 1\nOp == 2"));
        Assert.StartsWith("M.tla:3:1: multiply-defined symbol 'x'", ErrorOf("VARIABLE x\nx == 1"));
        Assert.StartsWith("M.tla:2:14: multiply-defined symbol 'N'", ErrorOf("CONSTANTS N, N"));
    }

    [Fact]
    public void A_bound_name_cannot_reuse_a_visible_name()
    {
        Assert.StartsWith("M.tla:3:4: multiply-defined symbol 'x'", ErrorOf("VARIABLE x\nOp(x) == x"));
        Assert.StartsWith("M.tla:2:25: multiply-defined symbol 'i'", ErrorOf("Op == \\E i \\in {1} : \\A i \\in {2} : TRUE"));
        Assert.StartsWith("M.tla:2:21: multiply-defined symbol 'i'", ErrorOf("Op == \\A i \\in {1}, i \\in {2} : TRUE"));
        Assert.StartsWith("M.tla:2:14: multiply-defined symbol 'a'", ErrorOf("Op(a) == LET a == 1 IN a"));
        Assert.StartsWith("M.tla:3:7: multiply-defined symbol 'Op'", ErrorOf("Op == 1\nF == {Op \\in {1} : TRUE}"));
        Assert.StartsWith("M.tla:2:18: multiply-defined symbol 'y'", ErrorOf("H == [y \\in {1}, y \\in {2} |-> y]"));
        Assert.StartsWith("M.tla:3:18: multiply-defined symbol 'y'", ErrorOf("F(G(_, _)) == G(1, 2)\nH == F(LAMBDA y, y : y)"));
    }

    [Fact]
    public void A_RECURSIVE_declaration_needs_a_definition_in_its_scope()
    {
        Assert.Equal("M.tla:2:11: operator 'F' is declared RECURSIVE but never defined", ErrorOf("RECURSIVE F(_)\nG == 1"));
        Assert.Equal("M.tla:2:20: operator 'H' is declared RECURSIVE but never defined", ErrorOf("G == LET RECURSIVE H(_) K == 1 IN K"));
    }

    [Fact]
    public void Sibling_scopes_recursion_and_local_definitions_are_fine()
    {
        Accepts("""
            EXTENDS Naturals
            VARIABLE x
            A == (\E i \in {1} : i > 0) /\ (\E i \in {2} : i > 0)
            RECURSIVE Fact(_)
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            B == LET RECURSIVE G(_)
                     G(k) == IF k = 0 THEN 0 ELSE G(k - 1)
                 IN G(3) + (LET k == 1 IN k)
            f[n \in Nat] == IF n = 0 THEN 0 ELSE f[n - 1]
            """);
        Write("Lib", "LOCAL Helper == 1\nExported == Helper");
        Accepts("EXTENDS Lib\nHelper == 2");
    }

    [Fact]
    public void Extended_and_instantiated_names_conflict_unless_they_are_the_same_definition()
    {
        Write("Base", "Zero == 0");
        Write("Left", "EXTENDS Base");
        Write("Right", "EXTENDS Base, Naturals");
        Accepts("EXTENDS Left, Right, Naturals, Integers\nOne == Zero + 1");

        Write("Other", "Zero == 1");
        Assert.StartsWith("M.tla:2:15: multiply-defined symbol 'Zero': module Other brings it in",
            ErrorOf("EXTENDS Base, Other"));
        Assert.StartsWith("M.tla:3:1: multiply-defined symbol 'Zero'", ErrorOf("INSTANCE Base\nZero == 5"));
        Assert.Equal("M.tla:3:3: multiply-defined symbol '+': it conflicts with the operator of the standard module Naturals",
            ErrorOf("EXTENDS Integers\na + b == 0"));
        // A module that does not extend Naturals may define +.
        Accepts("a + b == 0");
    }
}
