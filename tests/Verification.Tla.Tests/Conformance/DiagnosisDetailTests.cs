using Verification.Tla.Conformance;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// What a diagnosis shows of a rejected step: the instance of the node the trace says took it (and
/// of the values its label gives), a line when Next calls the action with no such instance, and for
/// sets and functions the elements and keys that differ, ahead of the (cut) values.
/// </summary>
public sealed class DiagnosisDetailTests
{
    private static ConformanceSpec Spec => VotesSpec.Spec;

    private static ModelValue M(string name) => Spec.ModelValues.Get(name);

    private static Value?[] State(string a, string b, string c, params string[] extraCandidates) =>
    [
        FunctionValue.FromPairs([new(M("a"), M(a)), new(M("b"), M(b)), new(M("c"), M(c))]),
        FiniteSetValue.Of(new[] { "a", "b", "c" }.Concat(extraCandidates).Select(n => (Value)FunctionValue.Record(("cId", M(n))))),
    ];

    private static StepDiagnosis Rejected(params TraceEvent[] events)
    {
        var trace = new ObservedTrace("votes", Spec.Variables, events, StartsWithInitialState: true);
        var result = new TraceValidator(Spec).Validate(trace);
        Assert.True(result.Verdict == ConformanceVerdict.DoesNotConform, result.Describe());
        return result.Diagnosis!;
    }

    private static TraceEvent Event(int step, string? action, Value?[] state) => new($"step {step}", action, null, state);

    private static readonly TraceEvent Initial = Event(0, null, State("Nil", "Nil", "Nil"));

    [Fact]
    public void The_instance_examined_is_the_one_of_the_node_and_message_the_label_names()
    {
        // b votes for a, then for c, which Vote does not allow: votedFor[b] is neither c nor Nil.
        var second = Event(2, "Vote", State("Nil", "c", "Nil"));

        // Without the acting node, the instance that gets furthest is another node's.
        var anyNode = Rejected(Initial, Event(1, "Vote", State("Nil", "a", "Nil")), second);
        Assert.NotEqual(M("b"), anyNode.Instance[0].Value);

        var byNode = Rejected(Initial, Event(1, "Vote", State("Nil", "a", "Nil")), second with { Actor = M("b") });
        Assert.Equal(M("b"), byNode.Actor);
        Assert.Equal(M("b"), byNode.Instance[0].Value);
        Assert.Contains("Claimed action: Vote, taken by b", byNode.Describe());

        // The label's message picks the instance whose guard fails, rather than one that fails later.
        var byLabel = Rejected(Initial, Event(1, "Vote", State("Nil", "a", "Nil")), second with { Actor = M("b"), Label = "Vote(b, [cId |-> c])" });
        Assert.Equal([("i", (Value)M("b")), ("m", FunctionValue.Record(("cId", M("c"))))], byLabel.Instance);
        Assert.Equal("votedFor[i] \\in {m.cId, Nil}", byLabel.FailedConjunct);
    }

    [Fact]
    public void A_node_Next_does_not_call_the_action_with_is_said_and_its_instance_examined()
    {
        // Only a voted; c claims to take back a vote, and the trace gives c a vote instead.
        var diagnosis = Rejected(Initial, Event(1, "Vote", State("b", "Nil", "Nil")), Event(2, "Retract", State("b", "Nil", "a")) with { Actor = M("c") });
        Assert.Equal("The trace says c took the step; Next calls Retract from this state only with i in {a}.", diagnosis.ActorMismatch);
        Assert.Equal([("i", (Value)M("c"))], diagnosis.Instance);
        Assert.Contains(diagnosis.ActorMismatch!, diagnosis.Describe());

        // Nobody voted: Next calls Retract with no node at all.
        var none = Rejected(Initial, Event(1, "Retract", State("Nil", "Nil", "a")) with { Actor = M("c") });
        Assert.Equal("The trace says c took the step; Next calls Retract with no i from this state.", none.ActorMismatch);
    }

    [Fact]
    public void Sets_and_functions_show_the_elements_and_keys_that_differ_first()
    {
        // Vote leaves msgs unchanged; the trace adds a candidate.
        var set = Rejected(Initial, Event(1, "Vote", State("b", "Nil", "Nil", "Nil")));
        Assert.Contains(set.DifferingVariables, d => d.StartsWith("msgs: only in the trace: [cId |-> Nil]; the trace has {", StringComparison.Ordinal));

        // Retract(a) sets votedFor[a] to Nil; the trace sets it to c.
        var function = Rejected(Initial, Event(1, "Vote", State("b", "Nil", "Nil")), Event(2, "Retract", State("c", "Nil", "Nil")) with { Actor = M("a") });
        Assert.Contains(function.DifferingVariables, d => d.StartsWith("votedFor: at a: the trace has c, Retract's value Nil; the trace has ", StringComparison.Ordinal));
        Assert.Contains("(at a: the trace has c, the action's value Nil)", function.Explanation);
    }

    [Fact]
    public void Differences_name_elements_on_both_sides_and_cut_long_lists()
    {
        var trace = FiniteSetValue.Of(Enumerable.Range(1, 6).Select(i => (Value)IntValue.Of(i)));
        var other = FiniteSetValue.Of(IntValue.Of(1), IntValue.Of(7));
        Assert.Equal("only in the trace: 2, 3, 4 and 2 more; only in X: 7", ValueDifference.Describe(trace, other, "X"));
        Assert.Equal(6, ValueDifference.Size(trace, other));
        // Tuples inside a function are shown whole, not element by element.
        var f = FunctionValue.FromPairs([new(M("a"), FunctionValue.Tuple(IntValue.Of(1), IntValue.Of(2)))]);
        var g = FunctionValue.FromPairs([new(M("a"), FunctionValue.Tuple(IntValue.Of(1), IntValue.Of(3)))]);
        Assert.Equal("at a: the trace has <<1, 2>>, X <<1, 3>>", ValueDifference.Describe(f, g, "X"));
        Assert.Null(ValueDifference.Describe(IntValue.Of(1), IntValue.Of(2), "X"));
    }
}
