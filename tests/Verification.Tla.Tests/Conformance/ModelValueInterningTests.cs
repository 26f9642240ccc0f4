using Verification.Tla.Conformance;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// Traces whose model values come from another registry than the spec's (a refinement mapping
/// builds its own): the validator puts them into the spec's registry by name, so that sets mixing
/// the trace's values with the spec's (<c>votedFor[i] \in {m.cId, Nil}</c>) sort as the spec's do.
/// </summary>
public sealed class ModelValueInterningTests
{
    private static ConformanceSpec Spec => VotesSpec.Spec;

    /// <summary>A mapping's values: its registry numbers Nil first and the nodes backwards, unlike the cfg.</summary>
    private sealed class Mapping
    {
        private readonly ModelValueRegistry _registry = new();

        public Mapping(params string[] order)
        {
            foreach (var name in order) _registry.Get(name);
        }

        public ModelValue this[string name] => _registry.Get(name);

        public Value?[] State(string a, string b, string c) =>
        [
            FunctionValue.FromPairs([new(this["a"], this[a]), new(this["b"], this[b]), new(this["c"], this[c])]),
            FiniteSetValue.Of(new[] { "a", "b", "c" }.Select(n => (Value)FunctionValue.Record(("cId", this[n])))),
        ];
    }

    private static ObservedTrace Trace(params (string? Action, Value?[] State)[] events) =>
        new("mapping", Spec.Variables, events.Select((e, i) => new TraceEvent($"step {i}", e.Action, null, e.State)).ToArray(), StartsWithInitialState: true);

    [Fact]
    public void A_mapping_that_numbers_its_model_values_unlike_the_cfg_conforms()
    {
        var mapping = new Mapping("Nil", "c", "b", "a");
        // Without interning, the trace's msgs sorts c, b, a and differs from Init's; and Nil (index 0
        // here) is not found in {m.cId, Nil} built by the spec, where it sorts last.
        var trace = Trace(
            (null, mapping.State("Nil", "Nil", "Nil")),
            ("Vote", mapping.State("b", "Nil", "Nil")),
            ("Vote", mapping.State("b", "c", "Nil")),
            ("Vote", mapping.State("b", "c", "Nil")));
        var result = new TraceValidator(Spec).Validate(trace);
        Assert.True(result.Verdict == ConformanceVerdict.Conforms, result.Describe());
        Assert.Equal(3, result.StepsValidated);
    }

    [Fact]
    public void A_step_the_spec_does_not_allow_is_still_rejected()
    {
        var mapping = new Mapping("Nil", "c", "b", "a");
        // a voted for b, then for c: votedFor[a] is neither c nor Nil.
        var trace = Trace(
            (null, mapping.State("Nil", "Nil", "Nil")),
            ("Vote", mapping.State("b", "Nil", "Nil")),
            ("Vote", mapping.State("c", "Nil", "Nil")));
        var result = new TraceValidator(Spec).Validate(trace);
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal(2, result.Diagnosis!.Step);
        Assert.Contains(result.Diagnosis.Instance, p => p.Parameter == "i" && p.Value.Equals(Spec.ModelValues.Get("a")));
    }

    [Fact]
    public void A_model_value_the_spec_does_not_declare_is_named_with_its_variable()
    {
        var mapping = new Mapping("a", "b", "c", "Nil", "d");
        var trace = Trace(
            (null, mapping.State("Nil", "Nil", "Nil")),
            ("Vote", mapping.State("d", "Nil", "Nil")));
        var result = new TraceValidator(Spec).Validate(trace);
        Assert.Equal(ConformanceVerdict.Inconclusive, result.Verdict);
        Assert.Equal(0, result.StepsValidated);
        Assert.StartsWith("step 1: votedFor: the model value d is not a model value of the spec's model (its model values: a, b, c, Nil", result.InconclusiveReason);
    }

    [Fact]
    public void Values_that_order_as_the_spec_s_are_returned_as_they_are()
    {
        var interner = new ModelValueInterner(Spec.ModelValues);
        // The spec's own values, and a registry numbered as the cfg: the same objects come back.
        var own = FiniteSetValue.Of(Spec.ModelValues.Get("a"), Spec.ModelValues.Get("Nil"));
        Assert.Same(own, interner.Intern(own));
        var alike = new Mapping("a", "b", "c", "Nil").State("b", "Nil", "a");
        Assert.All(alike, v => Assert.Same(v, interner.Intern(v!)));

        // A foreign numbering: an equal value with the spec's model values, sorted as the spec sorts.
        var foreign = new Mapping("Nil", "c", "b", "a").State("b", "Nil", "a");
        // (Compared with Equals, the two would differ: that compares elements in each one's order.)
        var msgs = (FiniteSetValue)interner.Intern(foreign[1]!);
        Assert.Equal(["a", "b", "c"], msgs.Elements.ToArray().Select(r => ((ModelValue)((FunctionValue)r).Values[0]).Name));
        Assert.All(msgs.Elements.ToArray(), r => Assert.Same(Spec.ModelValues.Get(((ModelValue)((FunctionValue)r).Values[0]).Name), ((FunctionValue)r).Values[0]));
        // Rebuilt once: an equal value later (a mapping's unchanged variable) gives the same result.
        var again = new Mapping("Nil", "c", "b", "a").State("b", "Nil", "a");
        Assert.Same(msgs, interner.Intern(again[1]!));
    }
}
