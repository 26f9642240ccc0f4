using Verification.Tla.Checking;

namespace Verification.Tla.Tests.Config;

/// <summary>
/// The CONSTANTS section as TLC applies it: values and overrides for definitions (not only
/// CONSTANTs), in EXTENDed and standard modules, module-scoped `[M]` entries, and the models TLC
/// accepts without INIT/NEXT.
/// </summary>
public sealed class CfgBindingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verify-cfg-binding-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (CheckResult Result, string Output) Check(string cfg, params (string Name, string Text)[] modules)
    {
        foreach (var (name, text) in modules) File.WriteAllText(Path.Combine(_folder, name + ".tla"), text);
        var root = modules[0].Name;
        File.WriteAllText(Path.Combine(_folder, root + ".cfg"), cfg);
        var output = new StringWriter();
        var result = ModelChecker.Run(Path.Combine(_folder, root + ".tla"), null, new CheckOptions { CheckDeadlock = false }, output);
        return (result, output.ToString());
    }

    private const string Counter = """
        ---- MODULE Counter ----
        EXTENDS Naturals
        VARIABLE n
        Max == 10
        Inc(k) == k + 1
        Init == n = 0
        Next == n < Max /\ n' = Inc(n)
        ====
        """;

    [Fact]
    public void An_override_of_an_extended_modules_definition_reaches_its_uses_there()
    {
        var (result, _) = Check("CONSTANTS\n  Max <- Three\n  Inc <- Twice\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Counter\nThree == 3\nTwice(k) == k + 2\n====\n"), ("Counter", Counter));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates); // n = 0, 2, 4
    }

    [Fact]
    public void A_value_for_an_extended_modules_definition_replaces_it()
    {
        var (result, _) = Check("CONSTANTS\n  Max = 4\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Counter\n====\n"), ("Counter", Counter));
        Assert.Equal(5, result.DistinctStates);
    }

    [Fact]
    public void X_equals_X_makes_a_definition_a_model_value_unequal_to_its_body()
    {
        var (result, _) = Check("CONSTANTS\n  Nil = Nil\n  Any = Any\nINIT Init\nNEXT Next\nINVARIANT Inv\n", ("Root", """
            ---- MODULE Root ----
            EXTENDS Naturals
            VARIABLE x
            Nil == 0
            Any == CHOOSE v : v \notin Nat
            Init == x = Nil
            Next == x' \in {0, Nil, Any}
            Inv == Nil # 0 /\ Any # Nil
            ====
            """));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates);
    }

    [Fact]
    public void Standard_operators_can_be_overridden()
    {
        var (result, _) = Check("CONSTANTS\n  Nat <- Small\n  Seq <- Short\nINIT Init\nNEXT Next\nINVARIANT Inv\n", ("Root", """
            ---- MODULE Root ----
            EXTENDS Naturals, Sequences
            VARIABLE k, q
            Small == 0 .. 2
            Short(S) == {<<>>} \cup [1 .. 1 -> S]
            Init == k = 0 /\ q = <<>>
            Next == \E n \in Nat, s \in Seq({"a"}) : k' = n /\ q' = s
            Inv == 3 \notin Nat /\ <<"a", "a">> \notin Seq({"a"})
            ====
            """));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(6, result.DistinctStates);
    }

    [Fact]
    public void Module_scoped_entries_change_the_module_also_through_a_named_instance()
    {
        var (result, _) = Check("CONSTANTS\n  Zero = [Inner]None\n  Step <- [Inner]Big\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Root", """
                ---- MODULE Root ----
                EXTENDS Naturals
                VARIABLE v
                Big(k) == k + 5
                I == INSTANCE Inner WITH x <- v
                Init == I!Init
                Next == I!Next
                Inv == v = I!Zero \/ v \in {5, 10}
                ====
                """),
            ("Inner", """
                ---- MODULE Inner ----
                EXTENDS Naturals
                VARIABLE x
                Zero == 0
                Step(k) == k + 1
                Init == x = Zero
                Next == IF x = Zero THEN x' = Step(0) ELSE x < 10 /\ x' = Step(x)
                ====
                """));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates);
    }

    [Fact]
    public void An_operator_constant_of_an_instance_can_be_given_an_operator_or_a_LAMBDA()
    {
        var (result, output) = Check("CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT Same\n",
            ("Root", """
                ---- MODULE Root ----
                EXTENDS Naturals
                CONSTANT N
                VARIABLE v
                Double(k) == 2 * k
                Apply(F(_), k) == F(k)
                A == INSTANCE Stepping WITH Step <- Double, x <- v
                B == INSTANCE Stepping WITH Step <- LAMBDA k : k + k, x <- v
                Init == A!Init
                Next == A!Next
                Same == A!Step(v) = B!Step(v) /\ A!Twice = Apply(Double, v)
                ====
                """),
            ("Stepping", """
                ---- MODULE Stepping ----
                EXTENDS Naturals
                CONSTANTS N, Step(_)
                VARIABLE x
                Apply(F(_), k) == F(k)
                Twice == Apply(Step, x)
                Init == x = 1
                Next == x < 2 ^ N /\ x' = Step(x)
                ====
                """));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(4, result.DistinctStates); // 1, 2, 4, 8
    }

    [Fact]
    public void The_last_override_of_a_name_wins_and_leaves_the_earlier_target_alone()
    {
        var (result, _) = Check("CONSTANTS\n  Max <- Three\n  Max <- Five\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Counter\nThree == 3\nFive == 5\nInv == Three = 3\n====\n"), ("Counter", Counter));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(6, result.DistinctStates); // 0 .. 5
    }

    [Fact]
    public void A_standard_operator_can_be_given_a_value()
    {
        var (result, _) = Check("CONSTANTS\n  Nat = {0, 1, 2}\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals\nVARIABLE k\nInit == k = 0\nNext == \\E n \\in Nat : k' = n\n====\n"));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates);
    }

    [Fact]
    public void An_override_of_a_definition_imported_by_an_unnamed_INSTANCE_leaves_the_modules_own_uses_alone()
    {
        // SANY gives the root its own node for Max (Counter has a VARIABLE): TLC's override changes
        // that node, so the root's Inv sees 3 while Counter's Next still counts to 10.
        var (result, output) = Check("CONSTANTS\n  Max <- Three\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals\nVARIABLE n\nINSTANCE Counter\nThree == 3\nInv == Max = 3\n====\n"), ("Counter", Counter));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(11, result.DistinctStates);
    }

    [Fact]
    public void An_override_of_a_definition_of_a_parameter_free_module_reaches_its_uses_through_an_INSTANCE()
    {
        var (result, output) = Check("CONSTANTS\n  Limit <- Three\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals\nVARIABLE n\nINSTANCE Limits\nThree == 3\nInit == n = 0\nNext == n < Bound /\\ n' = n + 1\n====\n"),
            ("Limits", "---- MODULE Limits ----\nLimit == 10\nBound == Limit\n====\n"));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(4, result.DistinctStates);
    }

    [Fact]
    public void A_root_override_reaches_a_named_instance_inside_but_not_its_qualified_copy()
    {
        // TLC changes the node of Counter's Max: S!Next's body uses it (3), while S!Max is SANY's
        // copy for the instance and keeps 10. A module-scoped [Counter] entry changes both.
        var (result, output) = Check("CONSTANTS\n  Max <- Three\nINIT MInit\nNEXT MNext\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Counter\nVARIABLE m\nThree == 3\nS == INSTANCE Counter WITH n <- m\n" +
                     "MInit == n = 0 /\\ S!Init\nMNext == UNCHANGED n /\\ S!Next\nInv == S!Max = 10 /\\ m <= 3\n====\n"), ("Counter", Counter));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(4, result.DistinctStates);
        var (scoped, scopedOutput) = Check("CONSTANTS\n  Max <- [Counter]Three\nINIT MInit\nNEXT MNext\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Counter\nVARIABLE m\nThree == 3\nS == INSTANCE Counter WITH n <- m\n" +
                     "MInit == n = 0 /\\ S!Init\nMNext == UNCHANGED n /\\ S!Next\nInv == S!Max = 3 /\\ m <= 3\n====\n"), ("Counter", Counter));
        Assert.True(scoped.Outcome == CheckOutcome.Success, scopedOutput);
    }

    [Fact]
    public void A_named_instance_of_a_parameter_free_module_has_its_own_copy_too()
    {
        // S!Limit and S!Bound are SANY's copies (TLC: 10); Bound's body uses the changed node (3).
        var (result, output) = Check("CONSTANTS\n  Limit <- Three\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals, Limits\nVARIABLE n\nThree == 3\nS == INSTANCE Limits\n" +
                     "Init == n = 0\nNext == n < S!Bound /\\ n' = n + 1\nInv == S!Limit = 10 /\\ Bound = 3\n====\n"),
            ("Limits", "---- MODULE Limits ----\nEXTENDS Base\nBound == Limit\n====\n"),
            ("Base", "---- MODULE Base ----\nLimit == 10\n====\n"));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(4, result.DistinctStates);
    }

    [Fact]
    public void A_module_scoped_override_reaches_a_definition_the_module_gets_from_an_INSTANCE_without_parameters()
    {
        // "Bound <- [Helper]Three": Helper has Bound only through LOCAL INSTANCE Limits, whose nodes
        // SANY shares, so the override changes Limits' Bound wherever it is used (n counts to 3).
        var (result, output) = Check("CONSTANTS\n  Bound <- [Helper]Three\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals, Helper\nVARIABLE n\nThree == 3\nInit == n = 0\nNext == n < Cap /\\ n' = n + 1\n====\n"),
            ("Helper", "---- MODULE Helper ----\nLOCAL INSTANCE Limits\nCap == Bound\n====\n"),
            ("Limits", "---- MODULE Limits ----\nLimit == 10\nBound == Limit\n====\n"));
        Assert.True(result.Outcome == CheckOutcome.Success, output);
        Assert.Equal(4, result.DistinctStates);
    }

    [Fact]
    public void A_module_scoped_override_of_a_definition_from_an_INSTANCE_with_parameters_is_a_located_error()
    {
        // SANY gives Helper its own copy of Counter's Max (Counter has a VARIABLE): replacing only
        // that copy is not done here, so the entry is refused rather than applied elsewhere.
        var (result, _) = Check("CONSTANTS\n  Max <- [Helper]Three\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals, Helper\nThree == 3\n====\n"),
            ("Helper", "---- MODULE Helper ----\nVARIABLE n\nINSTANCE Counter\n====\n"), ("Counter", Counter));
        Assert.Equal(CheckOutcome.ConfigError, result.Outcome);
        Assert.Contains("INSTANCE of module Counter", result.Message);
        Assert.Contains("Root.cfg:2:3", result.Message);
    }

    [Fact]
    public void A_value_for_a_name_the_spec_does_not_declare_is_ignored_as_TLC_does()
    {
        var (result, _) = Check("CONSTANTS\n  N = 2\n  undeclared = undeclared\n  x = 7\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\n====\n"));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates);
    }

    [Theory]
    [InlineData("Nope <- Two", "the identifier Nope does not appear in the specification")]
    [InlineData("N <- Missing", "substitutes for N with the undefined identifier Missing")]
    [InlineData("N <- Plus", "substitutes for N with Plus of different number of arguments")]
    [InlineData("Two <- [Nowhere]Plus", "the module name Nowhere is not a module in the specification")]
    public void Bad_overrides_are_config_errors_with_TLCs_message(string entry, string message)
    {
        var (result, _) = Check($"CONSTANTS\n  {entry}\n  N = 1\nINIT Init\nNEXT Next\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\nTwo == 2\nPlus(a) == a\nInit == x = 0\nNext == x' = x\n====\n"));
        Assert.Equal(CheckOutcome.ConfigError, result.Outcome);
        Assert.Contains(message, result.Message);
        Assert.Contains("Root.cfg:2:3", result.Message);
    }

    [Fact]
    public void A_constant_only_model_evaluates_its_ASSUMEs_and_succeeds_with_no_state()
    {
        var (result, output) = Check("CONSTANT N = 2\n", ("Root", """
            ---- MODULE Root ----
            EXTENDS Naturals, TLC
            CONSTANT N
            ASSUME PrintT(N * 10)
            ====
            """));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal((0L, 0L, 1), (result.StatesGenerated!.Value, result.DistinctStates!.Value, result.Depth!.Value));
        var lines = output.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        // As TLC: the Print output comes after "Starting..." and before "Computing initial states...".
        var printed = lines.IndexOf("20");
        Assert.True(lines.FindIndex(static l => l.StartsWith("Starting...", StringComparison.Ordinal)) < printed);
        Assert.True(printed < lines.IndexOf("Computing initial states..."));
    }

    [Fact]
    public void A_model_with_variables_still_needs_INIT_and_NEXT()
    {
        var (result, _) = Check("CONSTANT N = 2\n", ("Root", "---- MODULE Root ----\nCONSTANT N\nVARIABLE x\n====\n"));
        Assert.Equal(CheckOutcome.ConfigError, result.Outcome);
    }

    [Fact]
    public void An_operator_constant_overridden_by_a_root_definition_with_parameters_resolves_it_in_the_root()
    {
        // Send and F are used in Spec, which cannot see MCSend/MCF: the override names the root's
        // definitions, as TLC resolves them. x goes 0 -> 1 or 2 (Send(d, x') is x' = d), so 3 states;
        // the invariant uses F directly and as an operator argument, and holds (x stays in 0..2).
        var (result, _) = Check("CONSTANTS\n  Send <- MCSend\n  F <- MCF\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Root", "---- MODULE Root ----\nEXTENDS Spec\nMCSend(d, new) == new = d\nMCF(v) == v \\in 0 .. 2\n====\n"),
            ("Spec", """
            ---- MODULE Spec ----
            EXTENDS Naturals
            CONSTANTS Send(_, _), F(_)
            VARIABLE x
            Apply(Op(_), v) == Op(v)
            Init == x = 0
            Next == \E d \in {1, 2} : Send(d, x')
            Inv == F(x) /\ Apply(F, x)
            ====
            """));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(3, result.DistinctStates);
        Assert.Equal(7, result.StatesGenerated); // 1 initial + 2 successors of each of the 3 states
    }
}
