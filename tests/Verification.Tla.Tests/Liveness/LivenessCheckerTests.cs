using Verification.Tla.Liveness;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// The liveness core on the state graphs of the kit's liveness specs, encoded by hand: verdicts and
/// counterexample lengths must be TLC's (LiveNoFair 3, LeadsToNoFair 4, WFInsufficient 2).
/// </summary>
public class LivenessCheckerTests
{
    private static readonly Func<object[], object[]?> Request = s => (string)s[0] == "idle" ? ["trying", s[1]] : null;
    private static readonly Func<object[], object[]?> Enter = s => (string)s[0] == "trying" ? ["busy", s[1]] : null;
    private static readonly Func<object[], object[]?> Leave = s => (string)s[0] == "busy" ? ["idle", ((int)s[1] + 1) % 3] : null;
    private static readonly Func<object[], object[]?> Next = s => Request(s) ?? Enter(s) ?? Leave(s);

    private static int Length(LassoTrace trace) => trace.States.Count + (trace.Stuttering ? 1 : 0);

    [Fact]
    public void LiveFair_properties_hold_under_weak_fairness()
    {
        var g = ExplicitGraph.Explore(["idle", 0], Request, Enter, Leave);
        var fairness = new[] { g.Fair(false, Next, "WF_vars(Next)") };
        var busy = g.Predicate("busy", s => (string)s[0] == "busy");
        var trying = g.Predicate("trying", s => (string)s[0] == "trying");
        var idle = g.Predicate("idle", s => (string)s[0] == "idle");
        var roundTwo = g.Predicate("rounds = 2", s => (int)s[1] == 2);

        Assert.Equal(9, g.StateCount);
        Assert.Null(LivenessChecker.Check(g, new Eventually(busy), fairness));
        Assert.Null(LivenessChecker.Check(g, Ltl.LeadsTo(trying, busy), fairness));
        Assert.Null(LivenessChecker.Check(g, new Always(new Eventually(idle)), fairness));
        Assert.Null(LivenessChecker.Check(g, new Always(new Eventually(roundTwo)), fairness));
    }

    [Fact]
    public void LiveNoFair_eventually_fails_by_stuttering_with_TLCs_trace()
    {
        var g = ExplicitGraph.Explore(["idle", 0], Request, Enter, Leave);
        var busy = g.Predicate("busy", s => (string)s[0] == "busy");

        var trace = LivenessChecker.Check(g, new Eventually(busy), []);

        Assert.NotNull(trace);
        Assert.True(trace.Stuttering);
        Assert.Equal(3, Length(trace));
        Assert.Equal(["(idle,0)", "(trying,0)"], trace.States.Select(g.Show));
    }

    [Fact]
    public void LeadsToNoFair_fails_with_a_lasso_back_to_state_2()
    {
        Func<object[], object[]?> stepA = s => [((int)s[0] + 1) % 3, s[1]];
        Func<object[], object[]?> stepB = s => (string)s[1] == "waiting" ? [s[0], "served"] : null;
        Func<object[], object[]?> resetB = s => (string)s[1] == "served" ? [s[0], "waiting"] : null;
        var g = ExplicitGraph.Explore([0, "waiting"], stepA, stepB, resetB);
        var fairness = new[] { g.Fair(false, stepA, "WF_vars(StepA)") };
        var aIsZero = g.Predicate("a = 0", s => (int)s[0] == 0);
        var waiting = g.Predicate("waiting", s => (string)s[1] == "waiting");
        var served = g.Predicate("served", s => (string)s[1] == "served");

        Assert.Null(LivenessChecker.Check(g, new Always(new Eventually(aIsZero)), fairness));
        var trace = LivenessChecker.Check(g, Ltl.LeadsTo(waiting, served), fairness);

        Assert.NotNull(trace);
        Assert.False(trace.Stuttering);
        Assert.Equal(4, Length(trace));
        Assert.Equal(1, trace.LoopStart); // "Back to state 2"
        Assert.Equal(["(0,waiting)", "(1,waiting)", "(2,waiting)", "(0,waiting)"], trace.States.Select(g.Show));
    }

    [Theory]
    [InlineData(true, null)]   // SFNeeded: strong fairness on Grab makes <>got hold
    [InlineData(false, 2)]     // WFInsufficient: weak fairness does not
    public void Strong_fairness_is_needed_when_an_action_is_enabled_only_intermittently(bool strong, int? expectedLength)
    {
        Func<object[], object[]?> toggle = s => [!(bool)s[0], s[1]];
        Func<object[], object[]?> grab = s => (bool)s[0] && !(bool)s[1] ? [false, true] : null;
        var g = ExplicitGraph.Explore([false, false], toggle, grab);
        var fairness = new[] { g.Fair(false, toggle, "WF_vars(Toggle)"), g.Fair(strong, grab, "Grab") };
        var got = g.Predicate("got", s => (bool)s[1]);

        var trace = LivenessChecker.Check(g, new Eventually(got), fairness);
        Assert.Null(LivenessChecker.Check(g, new Always(Ltl.Implies(got, new Always(got))), fairness));

        if (expectedLength is null) Assert.Null(trace);
        else
        {
            Assert.NotNull(trace);
            Assert.Equal(expectedLength, Length(trace));
            Assert.Equal(0, trace.LoopStart); // "Back to state 1"
        }
    }

    [Fact]
    public void A_violated_property_stays_violated_when_fairness_is_removed()
    {
        // Soundness spot check: dropping fairness can only add behaviours.
        var g = ExplicitGraph.Explore(["idle", 0], Request, Enter, Leave);
        var busy = g.Predicate("busy", s => (string)s[0] == "busy");
        var withFairness = LivenessChecker.Check(g, new Always(new Eventually(busy)), [g.Fair(false, Next, "WF")]);
        var without = LivenessChecker.Check(g, new Always(new Eventually(busy)), []);
        Assert.Null(withFairness);
        Assert.NotNull(without);
    }

    [Fact]
    public void Action_atoms_constrain_the_step_leaving_a_state()
    {
        // []<><<Leave>>_vars holds under WF(Next): Leave steps happen infinitely often.
        var g = ExplicitGraph.Explore(["idle", 0], Request, Enter, Leave);
        var fairness = g.Fair(false, Next, "WF");
        var leaveTaken = new ActionAtom(1000, "<<Leave>>_vars");
        var graph = new WithAction(g, 1000, (from, to) => g.Show(from).StartsWith("(busy") && !g.Show(to).StartsWith("(busy"));
        Assert.Null(LivenessChecker.Check(graph, new Always(new Eventually(leaveTaken)), [fairness]));
        Assert.NotNull(LivenessChecker.Check(graph, new Always(new Eventually(leaveTaken)), []));
    }

    private sealed class WithAction(ExplicitGraph inner, int atom, Func<int, int, bool> holds) : IStateGraph
    {
        public int StateCount => inner.StateCount;
        public IReadOnlyList<int> InitialStates => inner.InitialStates;
        public ReadOnlySpan<int> Successors(int state) => inner.Successors(state);
        public bool EvalState(int a, int state) => inner.EvalState(a, state);
        public bool EvalAction(int a, int from, int to) => a == atom ? holds(from, to) : inner.EvalAction(a, from, to);
    }

    [Fact]
    public void Negation_normal_form_pushes_negation_through_temporal_operators()
    {
        var p = new StateAtom(0, "p");
        Assert.Equal(new Until(Ltl.True, new Not(p)), LtlNormalForm.Negate(new Always(p)));
        Assert.Equal(new Release(Ltl.False, new Not(p)), LtlNormalForm.Negate(new Eventually(p)));
        Assert.Equal(new Release(Ltl.False, new Until(Ltl.True, p)), LtlNormalForm.Normalize(new Always(new Eventually(p))));
    }
}
