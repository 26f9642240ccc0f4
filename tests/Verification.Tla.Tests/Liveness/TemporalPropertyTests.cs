using Verification.Tla.Checking;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// PROPERTY as TLC reads it: split into initial predicates, [][A]_v action properties, []P
/// invariants and temporal formulas; boolean structure over temporal formulas (IF, LET, \A and \E
/// over constant sets, operator calls); refinement through INSTANCE, where a substituted variable
/// is an abstract variable inside ENABLED; and a located error with TLC's exit code, never a
/// silent success, for what TLC cannot handle.
/// </summary>
public sealed class TemporalPropertyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verify-temporal-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // n counts 0, 1, 2, 3 and stays there; weak fairness makes it reach 3.
    private const string Counter = """
        EXTENDS Naturals
        VARIABLE n
        Init == n = 0
        Next == n < 3 /\ n' = n + 1
        Spec == Init /\ [][Next]_n /\ WF_n(Next)
        Reach(v, k) == <>(v = k)
        """;

    private (CheckResult Result, string Output) Check(string name, string body, string cfg, params (string Name, string Body)[] modules)
    {
        foreach (var (moduleName, moduleBody) in modules)
            File.WriteAllText(Path.Combine(_folder, moduleName + ".tla"), $"---- MODULE {moduleName} ----\n{moduleBody}\n====\n");
        var spec = Path.Combine(_folder, name + ".tla");
        File.WriteAllText(spec, $"---- MODULE {name} ----\n{body}\n====\n");
        File.WriteAllText(Path.Combine(_folder, name + ".cfg"), cfg);
        var output = new StringWriter();
        var result = ModelChecker.Run(spec, Path.Combine(_folder, name + ".cfg"), new CheckOptions(), output);
        return (result, output.ToString());
    }

    private (CheckResult Result, string Output) Check(string name, string body, string cfg, CheckOptions options)
    {
        var spec = Path.Combine(_folder, name + ".tla");
        File.WriteAllText(spec, $"---- MODULE {name} ----\n{body}\n====\n");
        File.WriteAllText(Path.Combine(_folder, name + ".cfg"), cfg);
        var output = new StringWriter();
        return (ModelChecker.Run(spec, Path.Combine(_folder, name + ".cfg"), options, output), output.ToString());
    }

    private (CheckResult Result, string Output) CheckCounter(string property) =>
        Check("Counter", Counter + "\nP == " + property, "SPECIFICATION Spec\nPROPERTY P\nCHECK_DEADLOCK FALSE\n");

    [Theory]
    [InlineData("IF n = 0 THEN <>(n = 3) ELSE [](n = 7)")]
    [InlineData("IF n = 1 THEN [](n = 7) ELSE <>[](n = 3)")]
    [InlineData("LET goal == 3 IN <>(n = goal)")]
    [InlineData("LET F == <>(n = 3) IN []F")]
    [InlineData("Reach(n, 3)")]
    [InlineData("\\A k \\in 0..3 : Reach(n, k)")]
    [InlineData("\\E k \\in {3, 4} : <>(n = k)")]
    [InlineData("~<>(n = 4) /\\ (<>(n = 1) => <>(n = 2))")]
    [InlineData("[](n = 1 => <>(n = 3))")]
    public void Boolean_structure_over_temporal_formulas_that_hold(string property)
    {
        var (result, output) = CheckCounter(property);
        Assert.True(result.Outcome == CheckOutcome.Success, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Contains("Model checking completed. No error has been found.", output);
        Assert.Empty(result.UncheckedProperties);
    }

    [Theory]
    [InlineData("IF n = 0 THEN [](n < 3) ELSE <>(n = 3)")]
    [InlineData("IF n = 1 THEN <>(n = 3) ELSE <>(n = 4)")]
    [InlineData("LET goal == 4 IN <>(n = goal)")]
    [InlineData("Reach(n, 4)")]
    [InlineData("\\A k \\in 0..4 : Reach(n, k)")]
    [InlineData("\\E k \\in {4, 5} : <>(n = k)")]
    [InlineData("<>(n = 1) => [](n = 1)")]
    public void Boolean_structure_over_temporal_formulas_that_fail(string property)
    {
        var (result, output) = CheckCounter(property);
        Assert.True(result.Outcome == CheckOutcome.PropertyViolated, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Equal(13, result.ExitCode);
        Assert.Contains("Error: Temporal properties were violated.", output);
        Assert.DoesNotContain("No error has been found", output);
        Assert.Null(result.Violated);
    }

    [Theory]
    [InlineData("CASE n = 0 -> <>(n = 3) [] OTHER -> [](n = 3)", "CASE")]
    [InlineData("<>(n = 3) <=> <>(n > 2)", "<=>")]
    [InlineData("\\EE m : <>(n = 3)", "\\EE")]
    [InlineData("\\AA m : <>(n = 3)", "\\AA")]
    [InlineData("(n = 0) -+-> <>(n = 3)", "-+->")]
    [InlineData("\\A k \\in {n} : <>(n = k)", "not constant")]
    public void What_TLC_cannot_handle_is_a_located_error_before_the_search(string property, string what)
    {
        var (result, output) = CheckCounter(property);
        Assert.Equal(255, result.ExitCode);
        Assert.Equal("error", result.ResultKind);
        Assert.Contains("TLC cannot handle the temporal formula line 8, col 6", result.Message);
        Assert.Contains(what, result.Message);
        Assert.Contains("Counter.tla:8:6", result.Message);
        Assert.Contains("Counter.tla:8:6: TLC cannot handle the temporal formula", output);
        Assert.StartsWith("Error: ", output);
        Assert.DoesNotContain("No error has been found", output);
        Assert.DoesNotContain("Computing initial states", output);
        Assert.Null(result.DistinctStates);
    }

    [Fact]
    public void A_property_quantified_over_the_empty_set_is_TLC_s_tautology_error()
    {
        var (result, output) = CheckCounter("\\A k \\in {} : <>(n = k)");
        Assert.Equal(77, result.ExitCode);
        Assert.Contains("Temporal formula is a tautology", output);
        Assert.DoesNotContain("No error has been found", output);
    }

    [Fact]
    public void A_property_that_is_FALSE_is_TLC_s_trivial_spec_error_and_TRUE_checks_nothing()
    {
        var (result, _) = CheckCounter("FALSE");
        Assert.Equal(151, result.ExitCode);
        Assert.Contains("The spec is trivially false because FALSE is false.", result.Message);

        var (truth, output) = CheckCounter("TRUE /\\ <>(n = 3)");
        Assert.True(truth.Outcome == CheckOutcome.Success, $"{truth.Outcome}: {truth.Message}\n{output}");
    }

    [Fact]
    public void An_action_level_property_is_a_configuration_error()
    {
        var (result, _) = CheckCounter("n' >= n");
        Assert.Equal(151, result.ExitCode);
        Assert.Contains("[][A]_v", result.Message);
    }

    [Fact]
    public void A_state_predicate_conjunct_is_checked_on_the_initial_states_and_named_by_its_location()
    {
        var (result, output) = CheckCounter("n = 1 /\\ <>(n = 3)");
        Assert.Equal(CheckOutcome.PropertyViolated, result.Outcome);
        Assert.Equal(13, result.ExitCode);
        Assert.Contains("Error: Property line 8, col 6 to line 8, col 10 of module Counter is violated by the initial state:", output);
        Assert.Null(result.Violated);
        Assert.Single(result.Trace!);
    }

    [Fact]
    public void A_named_state_predicate_conjunct_is_reported_by_its_name()
    {
        var (result, output) = Check("Counter", Counter + "\nStart == n = 1\nP == Start /\\ <>(n = 3)", "SPECIFICATION Spec\nPROPERTY P\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.PropertyViolated, result.Outcome);
        Assert.Contains("Error: Property Start is violated by the initial state:", output);
        Assert.Equal("Start", result.Violated);
    }

    [Fact]
    public void An_always_conjunct_of_a_state_predicate_is_an_invariant_named_after_the_predicate()
    {
        var (result, output) = Check("Counter", Counter + "\nSmall == n < 2\nP == []Small /\\ <>(n = 3)", "SPECIFICATION Spec\nPROPERTY P\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(CheckOutcome.InvariantViolated, result.Outcome);
        Assert.Contains("Error: Invariant Small is violated.", output);
        Assert.Equal(3, result.Trace!.Count);
    }

    [Fact]
    public void Simulation_reports_the_temporal_properties_it_does_not_check_and_checks_the_initial_ones()
    {
        var options = new CheckOptions { Simulate = true, SimulationBehaviours = 5, SimulationDepth = 10, CheckDeadlock = false };
        var (result, output) = Check("Counter", Counter + "\nP == <>(n = 4)", "SPECIFICATION Spec\nPROPERTY P\n", options);
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(["P"], result.UncheckedProperties);
        Assert.Contains("Warning: simulation does not check the temporal properties (P).", output);

        var (initial, _) = Check("Counter", Counter + "\nP == n = 1 /\\ <>(n = 3)", "SPECIFICATION Spec\nPROPERTY P\n", options);
        Assert.Equal(CheckOutcome.PropertyViolated, initial.Outcome);
    }

    [Fact]
    public void A_recursive_temporal_definition_is_an_error_not_a_hang()
    {
        var (result, _) = Check("Counter", Counter + "\nRECURSIVE Ever(_)\nEver(k) == <>(n = k) /\\ Ever(k)\nP == Ever(3) \\/ <>(n = 3)", "SPECIFICATION Spec\nPROPERTY P\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("nested too deeply", result.Message);
    }

    [Fact]
    public void A_temporal_conjunct_of_the_specification_other_than_WF_and_SF_is_assumed_of_the_behaviours()
    {
        // No fairness: a behaviour may stutter at 0 forever, unless the spec also says []<>(n = 2).
        const string cycle = """
            EXTENDS Naturals
            VARIABLE n
            Init == n = 0
            Next == n' = (n + 1) % 3
            Spec == Init /\ [][Next]_n
            Often == Init /\ [][Next]_n /\ []<>(n = 2)
            P == <>(n = 1)
            """;
        var (unfair, unfairOutput) = Check("Cycle", cycle, "SPECIFICATION Spec\nPROPERTY P\n");
        Assert.True(unfair.Outcome == CheckOutcome.PropertyViolated, $"{unfair.Outcome}: {unfair.Message}\n{unfairOutput}");

        var (assumed, assumedOutput) = Check("Cycle", cycle, "SPECIFICATION Often\nPROPERTY P\n");
        Assert.True(assumed.Outcome == CheckOutcome.Success, $"{assumed.Outcome}: {assumed.Message}\n{assumedOutput}");
    }

    // The abstract spec: a bit that flips, fairly.
    private const string Bit = """
        EXTENDS Naturals
        VARIABLE b
        Init == b = 0
        Next == b' = 1 - b
        Spec == Init /\ [][Next]_b /\ WF_b(Next)
        """;

    [Fact]
    public void A_refinement_with_stuttering_steps_holds()
    {
        // c counts round 0..3; b is c \div 2, so every other step is an abstract stuttering step.
        var (result, output) = Check("Impl", """
            EXTENDS Naturals
            VARIABLE c
            Init == c = 0
            Next == c' = (c + 1) % 4
            Spec == Init /\ [][Next]_c /\ WF_c(Next)
            Abs == INSTANCE Bit WITH b <- c \div 2
            Refines == Abs!Spec
            """, "SPECIFICATION Spec\nPROPERTY Refines\n", ("Bit", Bit));
        Assert.True(result.Outcome == CheckOutcome.Success, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Equal(4, result.DistinctStates);
    }

    [Fact]
    public void A_step_the_abstract_spec_does_not_allow_violates_its_action_property_named_by_location()
    {
        var (result, output) = Check("Impl", """
            EXTENDS Naturals
            VARIABLE c
            Init == c = 0
            Next == c < 4 /\ c' \in {c + 1, c + 2}
            Spec == Init /\ [][Next]_c
            Abs == INSTANCE Bit WITH b <- c
            Refines == Abs!Spec
            """, "SPECIFICATION Spec\nPROPERTY Refines\n", ("Bit", Bit));
        Assert.Equal(CheckOutcome.ActionPropertyViolated, result.Outcome);
        Assert.Equal(13, result.ExitCode);
        Assert.Contains("Error: Action property line 6, col 17 to line 6, col 26 of module Bit is violated.", output);
        Assert.Null(result.Violated);
        // Checked on each step during the search, as TLC does: the second successor of the
        // initial state (c = 2, b jumps from 0 to 2) stops it.
        Assert.Equal(2, result.Trace!.Count);
        Assert.Contains("3 states generated, 3 distinct states found", output);
    }

    [Fact]
    public void Inside_an_instance_a_definition_with_arguments_is_checked_whole_by_the_liveness_checker_as_in_TLC()
    {
        // TLC enters SpecFrom(0) only outside the instance's substitutions: through Abs it stays one
        // temporal formula, checked after the search; in the root module it is split, and its
        // [][Next]_b part stops the search.
        var bit = Bit + "\nSpecFrom(k) == b = k /\\ [][Next]_b\nSpecZero == SpecFrom(0)";
        var impl = """
            EXTENDS Naturals
            VARIABLE c
            Init == c = 0
            Next == c < 4 /\ c' \in {c + 1, c + 2}
            Spec == Init /\ [][Next]_c
            Abs == INSTANCE Bit WITH b <- c
            Refines == Abs!SpecZero
            """;
        var (throughInstance, output) = Check("Impl", impl, "SPECIFICATION Spec\nPROPERTY Refines\nCHECK_DEADLOCK FALSE\n", ("Bit", bit));
        Assert.True(throughInstance.Outcome == CheckOutcome.PropertyViolated, $"{throughInstance.Outcome}: {throughInstance.Message}\n{output}");
        Assert.Contains("Error: Temporal properties were violated.", output);
        Assert.Equal(6, throughInstance.DistinctStates);

        var (inRoot, rootOutput) = Check("Impl2", impl.Replace("Refines == Abs!SpecZero", "SpecFrom(k) == c = k /\\ [][c' = 1 - c]_c\nRefines == SpecFrom(0)"),
            "SPECIFICATION Spec\nPROPERTY Refines\nCHECK_DEADLOCK FALSE\n", ("Bit", bit));
        Assert.True(inRoot.Outcome == CheckOutcome.ActionPropertyViolated, $"{inRoot.Outcome}: {inRoot.Message}\n{rootOutput}");
    }

    [Fact]
    public void The_abstract_initial_predicate_is_checked_on_the_initial_states()
    {
        var (result, output) = Check("Impl", """
            EXTENDS Naturals
            VARIABLE c
            Init == c = 1
            Next == c' = 1 - c
            Spec == Init /\ [][Next]_c
            Abs == INSTANCE Bit WITH b <- c
            Refines == Abs!Spec
            """, "SPECIFICATION Spec\nPROPERTY Refines\n", ("Bit", Bit));
        Assert.Equal(CheckOutcome.PropertyViolated, result.Outcome);
        Assert.Contains("Error: Property Init is violated by the initial state:", output);
    }

    [Fact]
    public void Abstract_fairness_is_checked_with_the_substituted_variable_free_inside_ENABLED()
    {
        // Only Toggle is fair: a behaviour may toggle forever while c (and b) stay put. The
        // abstract BitNext is enabled in every abstract state (b' is free), so WF_b(BitNext) is
        // violated, while the safety part holds.
        var bit = Bit.Replace("Init", "BitInit").Replace("Next", "BitNext").Replace("Spec", "BitSpec");
        var (result, output) = Check("Impl", """
            EXTENDS Naturals
            VARIABLES c, t
            Init == c = 0 /\ t = 0
            Step == c' = (c + 1) % 4 /\ UNCHANGED t
            Toggle == t' = 1 - t /\ UNCHANGED c
            Spec == Init /\ [][Step \/ Toggle]_<<c, t>> /\ WF_t(Toggle)
            INSTANCE Bit WITH b <- c \div 2
            Safe == BitInit /\ [][BitNext]_(c \div 2)
            """, "SPECIFICATION Spec\nPROPERTIES Safe BitSpec\n", ("Bit", bit));
        Assert.True(result.Outcome == CheckOutcome.PropertyViolated, $"{result.Outcome}: {result.Message}\n{output}");
        Assert.Contains("Error: Temporal properties were violated.", output);
        Assert.Contains("Back to state", output);
        Assert.Equal(8, result.DistinctStates);

        // With Step fair as well, b keeps flipping and the refinement holds.
        var (fair, fairOutput) = Check("Impl", """
            EXTENDS Naturals
            VARIABLES c, t
            Init == c = 0 /\ t = 0
            Step == c' = (c + 1) % 4 /\ UNCHANGED t
            Toggle == t' = 1 - t /\ UNCHANGED c
            Spec == Init /\ [][Step \/ Toggle]_<<c, t>> /\ WF_t(Toggle) /\ WF_c(Step)
            INSTANCE Bit WITH b <- c \div 2
            """, "SPECIFICATION Spec\nPROPERTY BitSpec\n", ("Bit", bit));
        Assert.True(fair.Outcome == CheckOutcome.Success, $"{fair.Outcome}: {fair.Message}\n{fairOutput}");
    }
}
