using Verification.Tla.Checking;
using Verification.Tla.Config;
using Verification.Tla.Semantics;
using Verification.Tla.Tests.TestSupport;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// The search's per-state paths kept free of bookkeeping allocation (issue 18) still mean what they
/// meant: names read in the loops are built once, an evaluation error in a constraint or an action
/// property is still TLC's evaluation error, and TLC's comparability walk still throws where TLC does.
/// </summary>
public sealed class HotPathTests : ScratchSpecTests
{

    private const string Counter = """
        ---- MODULE Counter ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = x + 1
        Small == x < 3
        Steps == [][x' > x]_x
        Bad == x \in {"a", "b"}
        BadStep == x' \in {"a"}
        ====
        """;

    [Fact]
    public void The_name_arrays_the_search_reads_per_state_are_built_once()
    {
        var spec = Write("Counter", Counter, "INIT Init\nNEXT Next\nINVARIANT Small\nPROPERTY Steps\nCONSTRAINT Small\n");
        var model = new TlaModel(ModuleLoader.Load(spec), ConfigReader.Read(Path.ChangeExtension(spec, ".cfg")));

        Assert.Equal(["Small"], model.InvariantNames);
        Assert.Same(model.InvariantNames, model.InvariantNames);
        Assert.Same(model.ActionPropertyNames, model.ActionPropertyNames);
        Assert.Same(model.InitialPropertyNames, model.InitialPropertyNames);
    }

    [Theory]
    [InlineData("CONSTRAINT Bad", CheckOutcome.EvaluationError)]
    [InlineData("ACTION_CONSTRAINT BadStep", CheckOutcome.EvaluationError)]
    [InlineData("PROPERTY BadProperty", CheckOutcome.PropertyEvaluationError)]
    public void An_error_in_a_constraint_or_action_property_is_an_evaluation_error(string line, CheckOutcome expected)
    {
        var tla = Counter.Replace("====", "BadProperty == [][x' \\in {\"a\"}]_x\n====", StringComparison.Ordinal);
        var spec = Write("Counter", tla, $"INIT Init\nNEXT Next\n{line}\n");

        var result = ModelChecker.Run(spec, null, new CheckOptions(), TextWriter.Null);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("Attempted to check equality of", result.Message);
    }

    [Fact]
    public void A_state_constraint_that_holds_bounds_the_search_as_before()
    {
        var spec = Write("Counter", Counter, "INIT Init\nNEXT Next\nCONSTRAINT Small\n");

        var result = ModelChecker.Run(spec, null, new CheckOptions { CheckDeadlock = false }, TextWriter.Null);

        Assert.Equal(CheckOutcome.Success, result.Outcome);
        // As TLC: x = 3 is generated but, outside the constraint, neither kept nor expanded.
        Assert.Equal(3, result.DistinctStates);
        Assert.Equal(4, result.StatesGenerated);
    }

    public static TheoryData<Value, Value> Incomparable => new()
    {
        { IntValue.Of(1), StringValue.Of("a") },
        { FunctionValue.Record(("f", IntValue.Of(1))), FunctionValue.Record(("f", StringValue.Of("a"))) },
        { FunctionValue.Tuple(IntValue.Of(1), IntValue.Of(2)), FunctionValue.Tuple(IntValue.Of(1), BoolValue.True) },
        { FiniteSetValue.Of([IntValue.Of(1)]), FiniteSetValue.Of([StringValue.Of("a")]) },
    };

    [Theory]
    [MemberData(nameof(Incomparable))]
    public void Values_of_different_kinds_at_the_first_difference_are_incomparable(Value a, Value b)
    {
        Assert.Throws<EvalException>(() => ValueOps.CheckedEquals(a, b));
        Assert.Throws<EvalException>(() => ValueOps.Member(FiniteSetValue.Of([a]), b));
    }

    public static TheoryData<Value, Value> Comparable => new()
    {
        { IntValue.Of(1), IntValue.Of(2) },
        { StringValue.Of("a"), StringValue.Of("b") },
        { BoolValue.True, BoolValue.False },
        { new ModelValue("m", 0), IntValue.Of(1) },
        { IntValue.Of(1), new ModelValue("m", 0) },
        // The walk stops at the first difference (the field "f"), before the kinds of "g" differ.
        { FunctionValue.Record(("f", IntValue.Of(1)), ("g", IntValue.Of(1))), FunctionValue.Record(("f", IntValue.Of(2)), ("g", StringValue.Of("a"))) },
        // Sets of different sizes are unequal without looking inside.
        { FiniteSetValue.Of([IntValue.Of(1)]), FiniteSetValue.Of([StringValue.Of("a"), StringValue.Of("b")]) },
    };

    [Theory]
    [MemberData(nameof(Comparable))]
    public void Unequal_values_TLC_can_compare_are_simply_unequal(Value a, Value b)
    {
        Assert.False(ValueOps.CheckedEquals(a, b));
        Assert.False(ValueOps.Member(FiniteSetValue.Of([a]), b));
    }
}
