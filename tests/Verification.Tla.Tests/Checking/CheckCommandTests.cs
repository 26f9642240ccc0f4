using System.Text.Json;
using Verification.Cli;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Checking;

/// <summary>`verify check` end to end: TLC's output and exit codes, located errors, flags.</summary>
public sealed class CheckCommandTests : ScratchSpecTests
{
    [Fact]
    public void An_invariant_violation_prints_TLC_s_trace_and_exits_12()
    {
        var (exit, output, _) = Verify("check", Kit("Jugs"));
        Assert.Equal(12, exit);
        Assert.Contains("Error: Invariant NotSix is violated.", output);
        Assert.Contains("State 2: <FillBig line 12, col 15 to line 12, col 40 of module Jugs>", output);
        Assert.Contains("State 9: <BigToSmall line 18, col 19 to line 18, col 58 of module Jugs>", output);
        Assert.Contains("97 states generated, 18 distinct states found, 1 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 9.", output);
    }

    [Fact]
    public void A_successful_run_prints_TLC_s_summary()
    {
        var (exit, output, _) = Verify("check", Kit("Functions"));
        Assert.Equal(0, exit);
        Assert.Contains("Finished computing initial states: 8 distinct states generated", output);
        Assert.Contains("Model checking completed. No error has been found.", output);
        Assert.Contains("869 states generated, 215 distinct states found, 0 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 14.", output);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("auto")]
    public void Several_workers_give_the_same_counts(string workers)
    {
        var (exit, output, _) = Verify("check", Kit("ReliableBroadcast"), "-deadlock", "-workers", workers);
        Assert.Equal(0, exit);
        Assert.Contains("53542 states generated, 6337 distinct states found, 0 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 17.", output);
    }

    [Fact]
    public void Deadlock_is_reported_unless_the_deadlock_flag_turns_it_off()
    {
        Assert.Equal(11, Verify("check", Kit("Deadlock")).Exit);
        Assert.Equal(0, Verify("check", Kit("Deadlock"), "-deadlock").Exit);
    }

    [Fact]
    public void An_unknown_identifier_is_one_located_line_and_exit_150()
    {
        var spec = Write("Unknown", """
            ---- MODULE Unknown ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = x + y
            Unused == z
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, output, error) = Verify("check", spec);
        Assert.Equal(150, exit);
        Assert.Equal($"error: {spec}:5:18: Unknown operator: `y'.", error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public void An_unknown_identifier_in_an_unused_definition_is_reported_too()
    {
        var spec = Write("Unused", """
            ---- MODULE Unused ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = x
            Helper == undefinedThing + 1
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, _, error) = Verify("check", spec);
        Assert.Equal(150, exit);
        Assert.Contains($"{spec}:6:11: Unknown operator: `undefinedThing'.", error);
    }

    [Fact]
    public void A_parse_error_is_located_and_exits_150()
    {
        var spec = Write("Broken", "---- MODULE Broken ----\nVARIABLE x\nInit == x = (1 +\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n");
        var (exit, _, error) = Verify("check", spec);
        Assert.Equal(150, exit);
        Assert.StartsWith($"error: {spec}:4:", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_config_error_is_located_and_exits_151()
    {
        var spec = Write("BadCfg", "---- MODULE BadCfg ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Nxt\n");
        var (exit, _, error) = Verify("check", spec);
        Assert.Equal(151, exit);
        Assert.Contains("BadCfg.cfg:2:6", error);
        Assert.Contains("Nxt", error);
    }

    [Fact]
    public void A_bad_flag_value_is_one_line_and_a_non_zero_exit()
    {
        var (exit, _, error) = Verify("check", Kit("Trivial"), "-workers", "many");
        Assert.Equal(1, exit);
        Assert.Equal("error: -workers expects a positive number or 'auto', not 'many'", error.Trim());
    }

    [Fact]
    public void An_evaluation_error_names_the_expression_as_TLC_does()
    {
        var (exit, output, _) = Verify("check", Kit("EvalErrorDomain"));
        Assert.Equal(75, exit);
        Assert.Contains("to argument 5, which is not in the domain of the function.", output);
        Assert.Contains("3. Line 12, column 29 to line 12, column 38 in EvalErrorDomain", output);
        Assert.Contains("5 states generated, 5 distinct states found, 0 states left on queue.", output);
        Assert.DoesNotContain("The depth of the complete state graph search", output);
    }

    [Fact]
    public void A_failed_Assert_exits_14()
    {
        var spec = Write("Asserting", """
            ---- MODULE Asserting ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1 /\ Assert(x < 3, "x got too big")
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, output, _) = Verify("check", spec);
        Assert.Equal(14, exit);
        Assert.Contains("\"x got too big\"", output);
    }

    [Fact]
    public void The_trace_can_be_dumped_as_ITF()
    {
        var itf = Path.Combine(Folder, "jugs.itf.json");
        var (exit, _, _) = Verify("check", Kit("Jugs"), "-dumpTrace", "itf", itf);
        Assert.Equal(12, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(itf));
        var states = json.RootElement.GetProperty("states");
        Assert.Equal(9, states.GetArrayLength());
        Assert.Equal("6", states[8].GetProperty("big").GetProperty("#bigint").GetString());
        Assert.StartsWith("FillBig line 12", states[1].GetProperty("mbt::actionTaken").GetString());
    }

    [Fact]
    public void Simulation_is_reproducible_from_its_seed_and_finds_the_violation()
    {
        var first = Verify("check", Kit("Jugs"), "-simulate", "-depth", "50", "-seed", "7");
        var second = Verify("check", Kit("Jugs"), "-simulate", "-depth", "50", "-seed", "7");
        Assert.Equal(12, first.Exit);
        Assert.Contains("Error: Invariant NotSix is violated.", first.Out);
        Assert.Equal(Traces(first.Out), Traces(second.Out));

        static string Traces(string output) => string.Join('\n', output.Split('\n').Where(l => l.StartsWith("/\\", StringComparison.Ordinal)));
    }

    [Fact]
    public void ENABLED_and_action_properties_are_evaluated()
    {
        var spec = Write("Enabled", """
            ---- MODULE Enabled ----
            EXTENDS Naturals
            VARIABLE x
            Inc == x < 3 /\ x' = x + 1
            Init == x = 0
            Next == Inc \/ (x = 3 /\ x' = 0)
            CanMove == ENABLED Inc \/ x = 3
            Up == [][x' > x]_x
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT CanMove\nPROPERTY Up\n");
        var (exit, output, _) = Verify("check", spec);
        Assert.Equal(13, exit);
        Assert.Contains("Error: Action property Up is violated.", output);
        Assert.Contains("State 4: <Inc line 4, col 8 to line 4, col 26 of module Enabled>", output);
        Assert.Contains("State 5: <Next line 6, col ", output);
    }
}

public sealed class AliasAndSymmetryTests : ScratchSpecTests
{
    [Fact]
    public void An_ALIAS_decides_what_a_trace_state_shows()
    {
        File.WriteAllText(Path.Combine(Folder, "Aliased.cfg"), "INIT Init\nNEXT Next\nINVARIANT Small\nALIAS Shown\n");
        var spec = Path.Combine(Folder, "Aliased.tla");
        File.WriteAllText(spec, """
            ---- MODULE Aliased ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Small == x < 2
            Shown == [double |-> 2 * x, next |-> x']
            ====
            """);
        var output = new StringWriter();
        var result = Verification.Tla.Checking.ModelChecker.Run(spec, null, new Verification.Tla.Checking.CheckOptions(), output);
        Assert.Equal(12, result.ExitCode);
        Assert.Contains("/\\ double = 4", output.ToString());
        Assert.Equal(3, result.Trace!.Count);
    }
}
