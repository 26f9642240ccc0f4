using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

public class ParserTests
{
    /// <summary>The expression fully parenthesized by the printer: shows exactly how it grouped.</summary>
    private static string Grouping(string expression) => TlaPrinter.Print(TlaParser.ParseExpression(expression));

    private static Module Parse(string body) =>
        TlaParser.ParseModule("---- MODULE Test ----\n" + body + "\n====\n", "Test.tla");

    private static Expression Definition(Module module, string name) =>
        module.Units.OfType<OperatorDefinition>().Single(d => d.Name.Name == name).Body;

    private static string ErrorOf(Func<object> parse) => Assert.Throws<TlaSyntaxException>(parse).Message;

    [Theory]
    // SANY's table: prefix minus (12) is looser than \div and ^, tighter than %.
    [InlineData("-7 \\div 2", "(-(7 \\div 2))")]
    [InlineData("-2 ^ 2", "(-(2 ^ 2))")]
    [InlineData("-7 % 3", "((-7) % 3)")]
    [InlineData("-x + y", "((-x) + y)")]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a + b - c", "(a + (b - c))")]
    [InlineData("a - b - c", "(a - b - c)")]
    [InlineData("a * b * c", "(a * b * c)")]
    [InlineData("1 .. N - 1", "(1 .. (N - 1))")]
    [InlineData("a /\\ b /\\ c", "(a /\\ b /\\ c)")]
    [InlineData("a => b => c", null)]
    [InlineData("~ a = b", "(~(a = b))")]
    [InlineData("~a /\\ b", "((~a) /\\ b)")]
    [InlineData("x \\in S \\cup T", "(x \\in (S \\cup T))")]
    [InlineData("DOMAIN f \\cup g", "((DOMAIN f) \\cup g)")]
    // SANY's Operators.java: SUBSET, UNION and DOMAIN are 10-13, so they bind their operand only.
    [InlineData("A \\cup UNION B \\cup UNION C", "(A \\cup (UNION B) \\cup (UNION C))")]
    [InlineData("SUBSET S \\cap T", "((SUBSET S) \\cap T)")]
    [InlineData("SUBSET P \\ T", "((SUBSET P) \\ T)")]
    [InlineData("UNION B \\subseteq S", "((UNION B) \\subseteq S)")]
    [InlineData("SUBSET S \\X T", null)]
    [InlineData("DOMAIN f \\X G", null)]
    [InlineData("DOMAIN f + 1", null)]
    [InlineData("a ## b ## c", "(a ## b ## c)")]
    [InlineData("UNCHANGED <<x, y>> /\\ z' = z", "((UNCHANGED <<x, y>>) /\\ (z' = z))")]
    [InlineData("A \\X B \\X C", "(A \\X B \\X C)")]
    [InlineData("(A \\X B) \\X C", "((A \\X B) \\X C)")]
    [InlineData("x' = x + 1", "(x' = (x + 1))")]
    [InlineData("f[x]'.a[2]", "f[x]'.a[2]")]
    [InlineData("a \\land b \\lor c \\equiv d", null)]
    [InlineData("s \\o t \\circ u", "(s \\o t \\o u)")]
    [InlineData("a # b", "(a /= b)")]
    [InlineData("a =< b", "(a <= b)")]
    [InlineData("(1 :> 2) @@ (2 :> 3) @@ f", "((1 :> 2) @@ (2 :> 3) @@ f)")]
    [InlineData("[]P => <>Q", "(([]P) => (<>Q))")]
    [InlineData("P ~> Q", "(P ~> Q)")]
    [InlineData("IF a THEN b ELSE c + 1", "(IF a THEN b ELSE (c + 1))")]
    [InlineData("\\A x \\in S : P /\\ Q", "(\\A x \\in S : (P /\\ Q))")]
    [InlineData("x = 1 /\\ \\E y \\in S : y = x \\/ TRUE", "((x = 1) /\\ (\\E y \\in S : ((y = x) \\/ TRUE)))")]
    public void Operators_group_as_in_SANY(string expression, string? expected)
    {
        if (expected is null)
        {
            Assert.Contains("precedence conflict", ErrorOf(() => TlaParser.ParseExpression(expression)));
            return;
        }

        Assert.Equal(expected, Grouping(expression));
    }

    [Theory]
    [InlineData("a * b + a % b", "<expression>:1:11: precedence conflict between '+' at line 1, col 7 and '%'; add parentheses")]
    [InlineData("a = b = c", "<expression>:1:7: precedence conflict between '=' at line 1, col 3 and '='; add parentheses")]
    [InlineData("a /\\ b \\/ c", "<expression>:1:8: precedence conflict between '/\\' at line 1, col 3 and '\\/'; add parentheses")]
    [InlineData("S \\cup T \\ U", "<expression>:1:10: precedence conflict between '\\cup' at line 1, col 3 and '\\'; add parentheses")]
    public void Overlapping_precedence_is_a_conflict(string expression, string message) =>
        Assert.Equal(message, ErrorOf(() => TlaParser.ParseExpression(expression)));

    [Fact]
    public void Each_tuple_binder_needs_its_own_in()
    {
        Assert.Equal("<expression>:1:12: expected '\\in' but found ','",
            ErrorOf(() => TlaParser.ParseExpression("\\A <<a, b>>, <<c, d>> \\in S : a = c")));
        var quantifier = Assert.IsType<Quantifier>(TlaParser.ParseExpression("\\A <<a, b>> \\in S, <<c, d>> \\in T, x, y \\in U : TRUE"));
        Assert.Equal([true, true, false], quantifier.Binders.Select(b => b.IsTuple));
        Assert.Equal(["x", "y"], quantifier.Binders[2].Names.Select(n => n.Name));
    }

    [Fact]
    public void Missing_keyword_names_what_was_expected_and_where()
    {
        var message = ErrorOf(() => Parse("Op == IF x THEN 1\nFoo == 2"));
        Assert.Equal("Test.tla:3:1: expected 'ELSE' but found 'Foo'", message);
        Assert.Equal("Test.tla:2:14: expected ')' but found 'THEN'", ErrorOf(() => Parse("Op == (1 + 2 THEN")));
        Assert.Equal("Test.tla:3:1: expected '====' at the end of module Test but found end of file",
            ErrorOf(() => TlaParser.ParseModule("---- MODULE Test ----\nOp == 1\n", "Test.tla")));
    }

    [Fact]
    public void Lexical_errors_are_located()
    {
        Assert.Equal("Test.tla:2:7: comment '(*' is never closed", ErrorOf(() => Parse("Op == (* open (* nested *) still open")));
        Assert.Equal("Test.tla:2:7: string is never closed", ErrorOf(() => Parse("Op == \"abc\nFoo == 1")));
        Assert.Equal("Test.tla:2:9: unknown operator '\\foo'", ErrorOf(() => Parse("Op == x \\foo y")));
        Assert.Equal("M.tla:1:1: no module header ('---- MODULE Name ----') found", ErrorOf(() => TlaParser.ParseModule("x == 1", "M.tla")));
    }

    [Fact]
    public void A_token_left_of_a_bullet_ends_the_item_and_the_message_says_so()
    {
        var message = ErrorOf(() => Parse("Op == /\\ IF x\n      THEN 1 ELSE 2"));
        Assert.Equal("Test.tla:3:7: expected 'THEN' but found 'THEN', which is not to the right of the '/\\' bullet at line 2, col 7", message);
    }

    [Fact]
    public void Junction_lists_group_by_the_column_of_their_bullets()
    {
        var module = Parse("""
            Inv == \/ x = 0
                   \/ x > 0 => y > 0
            Next == /\ \/ x' = x + 1
                       \/ x' = 0
                    /\ x' < 6
            Flat == /\ a
                     /\ b
            """);
        var inv = Assert.IsType<JunctionList>(Definition(module, "Inv"));
        Assert.Equal(JunctionKind.Disjunction, inv.Kind);
        Assert.Equal("((x > 0) => (y > 0))", TlaPrinter.Print(inv.Items[1]));

        var next = Assert.IsType<JunctionList>(Definition(module, "Next"));
        Assert.Equal(2, next.Items.Count);
        Assert.Equal(2, Assert.IsType<JunctionList>(next.Items[0]).Items.Count);
        Assert.Equal(9, next.BulletColumn);

        // A bullet one column to the right of the list's is an infix operator inside the first item.
        var flat = Assert.IsType<JunctionList>(Definition(module, "Flat"));
        Assert.Single(flat.Items);
        Assert.Equal("(a /\\ b)", TlaPrinter.Print(flat.Items[0]));
    }

    [Fact]
    public void A_list_ends_at_a_token_left_of_its_bullets_and_the_expression_continues()
    {
        var module = Parse("Op == /\\ a\n      /\\ b\n   => c");
        var implication = Assert.IsType<OperatorApplication>(Definition(module, "Op"));
        Assert.Equal("=>", implication.Operator);
        Assert.IsType<JunctionList>(implication.Operands[0]);
    }

    [Fact]
    public void Spans_are_one_based_and_inclusive_like_TLC()
    {
        var module = TlaParser.ParseModule("---- MODULE AssumeFail ----\nCONSTANT N\nASSUME Enough == N >= 3\n====", "AssumeFail.tla");
        var assumption = module.Units.OfType<Assumption>().Single();
        Assert.Equal("Enough", assumption.Name!.Name);
        Assert.Equal("line 3, col 18 to line 3, col 23 of module AssumeFail", assumption.Body.Span.ToTlcString());
    }

    [Fact]
    public void Module_units_cover_declarations_definitions_and_instances()
    {
        var module = Parse("""
            EXTENDS Naturals, TLC
            CONSTANTS N, F(_, _), _ ** _
            VARIABLES x, y
            ASSUME N > 0
            RECURSIVE Fact(_)
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            LOCAL Helper(G(_), v) == G(v)
            f[i \in 1 .. N, j \in 1 .. N] == i + j
            a ++ b == a + b
            -. a == 0 - a
            a ^# == a
            INSTANCE Other WITH c <- x
            M(p) == INSTANCE Other WITH c <- p, + <- Plus
            LOCAL INSTANCE Hidden
            THEOREM Safe == x >= 0
            PROOF OBVIOUS
            Last == 1
            """);
        Assert.Equal(["Naturals", "TLC"], module.Extends.Select(e => e.Name));
        var constants = Assert.IsType<ConstantsDeclaration>(module.Units[0]);
        Assert.Equal([("N", 0), ("F", 2), ("**", 2)], constants.Constants.Select(c => (c.Name, c.Arity)));
        Assert.IsType<VariablesDeclaration>(module.Units[1]);
        Assert.IsType<Assumption>(module.Units[2]);
        Assert.IsType<RecursiveDeclaration>(module.Units[3]);
        var helper = module.Units.OfType<OperatorDefinition>().Single(d => d.Name.Name == "Helper");
        Assert.True(helper.IsLocal);
        Assert.Equal([1, 0], helper.Parameters.Select(p => p.Arity));
        var function = module.Units.OfType<FunctionDefinition>().Single();
        Assert.Equal(2, function.Binders.Count);
        var forms = module.Units.OfType<OperatorDefinition>().ToDictionary(d => d.Name.Name, d => d.Form);
        Assert.Equal(OperatorForm.Infix, forms["++"]);
        Assert.Equal(OperatorForm.Prefix, forms["-."]);
        Assert.Equal(OperatorForm.Postfix, forms["^#"]);
        Assert.Equal(2, module.Units.OfType<InstanceUnit>().Count());
        Assert.True(module.Units.OfType<InstanceUnit>().Last().IsLocal);
        var moduleDefinition = module.Units.OfType<ModuleDefinition>().Single();
        Assert.Equal("p", moduleDefinition.Parameters.Single().Name);
        Assert.Equal(["c", "+"], moduleDefinition.Instance.Substitutions.Select(s => s.Name.Name));
        // The theorem and its proof are skipped; the next definition is read normally.
        Assert.Equal("Last", module.Units.OfType<OperatorDefinition>().Last().Name.Name);
    }

    [Fact]
    public void Text_outside_the_module_and_PlusCal_comments_are_ignored()
    {
        var module = TlaParser.ParseModule("""
            This line is not TLA+ at all: { ( [ "
            ------------------------------ MODULE Outer ------------------------------
            (* --algorithm Counter {
                 variables x = 0;
                 { x := x + 1 (* nested *) }
               } *)
            \* BEGIN TRANSLATION
            VARIABLE x
            =============================================================================
            Trailing notes ( " are ignored too.
            """, "Outer.tla");
        Assert.Equal("Outer", module.Name.Name);
        Assert.Single(module.Units);
    }

    [Fact]
    public void Expressions_of_every_kind_parse_to_their_nodes()
    {
        Assert.IsType<SetFilter>(TlaParser.ParseExpression("{x \\in S : x > 1}"));
        Assert.IsType<SetFilter>(TlaParser.ParseExpression("{<<x, y>> \\in S \\X T : x = y}"));
        Assert.IsType<SetEnumeration>(TlaParser.ParseExpression("{x \\in S}"));
        Assert.Equal(2, Assert.IsType<SetEnumeration>(TlaParser.ParseExpression("{<<x, 1>>, <<y, 2>>}")).Elements.Count);
        Assert.Equal("{((x \\in S) /\\ y)}", Grouping("{x \\in S /\\ y}"));
        var map = Assert.IsType<SetMap>(TlaParser.ParseExpression("{x + y : x \\in S, y, z \\in T}"));
        Assert.Equal(["y", "z"], map.Binders[1].Names.Select(n => n.Name));
        Assert.IsType<FunctionConstructor>(TlaParser.ParseExpression("[x \\in S, <<a, b>> \\in T |-> a]"));
        Assert.IsType<FunctionSet>(TlaParser.ParseExpression("[S -> T]"));
        Assert.IsType<RecordConstructor>(TlaParser.ParseExpression("[a |-> 1, b |-> 2]"));
        Assert.IsType<RecordSet>(TlaParser.ParseExpression("[a : S, b : T]"));
        var except = Assert.IsType<Except>(TlaParser.ParseExpression("[f EXCEPT ![1][2] = @ + 1, !.a = 3, ![x, y] = 4]"));
        Assert.Equal(3, except.Updates.Count);
        Assert.IsType<ExceptFieldStep>(except.Updates[1].Path[0]);
        Assert.Equal(2, Assert.IsType<ExceptIndexStep>(except.Updates[2].Path[0]).Arguments.Count);
        var caseExpression = Assert.IsType<CaseExpression>(TlaParser.ParseExpression("CASE a -> 1 [] b -> 2 [] OTHER -> 3"));
        Assert.Equal(2, caseExpression.Arms.Count);
        Assert.NotNull(caseExpression.Other);
        var let = Assert.IsType<LetIn>(TlaParser.ParseExpression("LET f[n \\in Nat] == n RECURSIVE G(_) G(n) == 1 IN f[1]"));
        Assert.Equal(3, let.Definitions.Count);
        var reference = Assert.IsType<NameReference>(TlaParser.ParseExpression("M(1)!N!Op(a, LAMBDA x, y : x)"));
        Assert.Equal(["M", "N"], reference.Path.Select(s => s.Name.Name));
        Assert.IsType<Lambda>(reference.Arguments[1]);
        var fold = Assert.IsType<NameReference>(TlaParser.ParseExpression("Fold(+, 0, s)"));
        Assert.Equal("+", Assert.IsType<NameReference>(fold.Arguments[0]).Name.Name);
        Assert.Equal("a\"b\\\n", Assert.IsType<StringLiteral>(TlaParser.ParseExpression("\"a\\\"b\\\\\\n\"")).Value);
        Assert.Equal(10, (int)Assert.IsType<NumberLiteral>(TlaParser.ParseExpression("\\b1010")).Value);
        Assert.Equal(255, (int)Assert.IsType<NumberLiteral>(TlaParser.ParseExpression("\\hFF")).Value);
        Assert.IsType<BoxAction>(Assert.IsType<OperatorApplication>(TlaParser.ParseExpression("[][Next]_<<x, y>>")).Operands[0]);
        Assert.IsType<AngleAction>(TlaParser.ParseExpression("<<A>>_vars"));
        var fairness = Assert.IsType<Fairness>(TlaParser.ParseExpression("SF_vars(Next)"));
        Assert.Equal(FairnessKind.Strong, fairness.Kind);
        Assert.IsType<TemporalQuantifier>(TlaParser.ParseExpression("\\EE x : P"));
        var choose = Assert.IsType<Choose>(TlaParser.ParseExpression("CHOOSE <<a, b>> \\in S : a < b"));
        Assert.True(choose.Binder.IsTuple);
        Assert.Null(Assert.IsType<Choose>(TlaParser.ParseExpression("CHOOSE x : TRUE")).Binder.Domain);
        var labeled = Assert.IsType<LabeledExpression>(TlaParser.ParseExpression("step(i, j):: i < j /\\ j < 3"));
        Assert.Equal(["i", "j"], labeled.Parameters.Select(p => p.Name));
        Assert.Equal("/\\", Assert.IsType<OperatorApplication>(labeled.Body).Operator);
    }

    [Fact]
    public void At_and_LAMBDA_are_only_allowed_where_TLA_allows_them()
    {
        Assert.Equal("<expression>:1:5: '@' is only allowed in the value of an EXCEPT update",
            ErrorOf(() => TlaParser.ParseExpression("1 + @")));
        Assert.Equal("<expression>:1:1: LAMBDA is only allowed as an argument of an operator",
            ErrorOf(() => TlaParser.ParseExpression("LAMBDA x : x")));
    }

    [Fact]
    public void Tabs_advance_to_the_next_multiple_of_eight_and_any_line_ending_counts()
    {
        // "Op ==" then a tab puts the bullet in column 9; a tab at the start of the next line does too.
        var module = TlaParser.ParseModule("---- MODULE T ----\r\nOp ==\t/\\ a\r\n\t/\\ b\rNext == 1\n====", "T.tla");
        var list = Assert.IsType<JunctionList>(Definition(module, "Op"));
        Assert.Equal(2, list.Items.Count);
        Assert.Equal(9, list.BulletColumn);
        Assert.Equal(4, module.Units.OfType<OperatorDefinition>().Single(d => d.Name.Name == "Next").Span.Line);
        Assert.Equal("T.tla:2:9: expected an expression but found ')'",
            ErrorOf(() => TlaParser.ParseModule("---- MODULE T ----\nOp ==\t)\n====", "T.tla")));
    }

    [Fact]
    public void Unicode_symbols_read_as_their_ASCII_spellings()
    {
        var unicode = TlaParser.ParseModule("""
            ──── MODULE U ────
            Next ≜ ∧ ∀ x ∈ ℕ : x ≥ 0 ⇒ ⟨x⟩ ≠ ⟨⟩
                   ∧ □[A]_⟨x, y⟩ ∨ ◇(S ∪ T ⊆ {})
            ════
            """, "U.tla");
        var ascii = TlaParser.ParseModule("""
            ---- MODULE U ----
            Next == /\ \A x \in Nat : x >= 0 => <<x>> /= <<>>
                    /\ [][A]_<<x, y>> \/ <>(S \cup T \subseteq {})
            ====
            """, "U.tla");
        Assert.Null(AstComparer.FirstDifference(ascii, unicode));
    }

    [Fact]
    public void Sets_that_start_like_filters_parse_in_linear_time()
    {
        // Each level is first tried as {x \in S : P}; without memoization this is 2^depth parses.
        const int depth = 40;
        var text = string.Concat(Enumerable.Repeat("{x \\in ", depth)) + "S" + new string('}', depth);
        var set = Assert.IsType<SetEnumeration>(TlaParser.ParseExpression(text));
        Assert.Equal("\\in", Assert.IsType<OperatorApplication>(set.Elements[0]).Operator);
    }

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_crash()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        Assert.Equal("<expression>:1:1001: expression is nested too deeply (more than 1000 levels)", ErrorOf(() => TlaParser.ParseExpression(text)));
        var deepButAllowed = new string('(', 900) + "1" + new string(')', 900);
        Assert.IsType<NumberLiteral>(TlaParser.ParseExpression(deepButAllowed));
    }

    [Fact]
    public void Proofs_are_skipped_and_an_AXIOM_is_marked_so_it_is_never_evaluated()
    {
        var module = Parse("""
            AXIOM Never == 1 = 2
            LEMMA
            ASSUME NEW n, NEW m
            PROVE n = n
            <1>1. n = n
              BY DEF Never
            <1> QED
              OBVIOUS
            THEOREM T == ASSUME NEW k PROVE k = k
            USE DEF Never
            HIDE DEF Never
            ASSUME Checked == 1 = 1
            Last == 1
            """);
        var assumptions = module.Units.OfType<Assumption>().ToArray();
        Assert.Equal([true, false], assumptions.Select(a => a.IsAxiom));
        Assert.Equal(["Last"], module.Units.OfType<OperatorDefinition>().Select(d => d.Name.Name));
    }
}
