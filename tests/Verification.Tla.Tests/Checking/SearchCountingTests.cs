using Verification.Tla.Checking;
using Verification.Tla.Syntax;
using Verification.Tla.Evaluation;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// TLC's counting rules, pinned down on hand-written state spaces (integers as states), so that a
/// change in the search is caught independently of the TLA+ front end.
/// </summary>
public sealed class SearchCountingTests
{
    /// <summary>A state space given by functions; an action's successors are listed per action.</summary>
    private sealed class ToySystem(
        int[] initial,
        Func<int, IEnumerable<int>[]> successors,
        Func<int, bool>? invariant = null,
        Func<int, bool>? constraint = null,
        Func<int, int, bool>? actionConstraint = null,
        Func<int, int, bool>? actionProperty = null,
        Func<int, int>? view = null) : ITransitionSystem<int>
    {
        public IReadOnlyList<string> ActionLabels => ["A", "B"];
        public IReadOnlyList<string> InvariantNames => invariant is null ? [] : ["Inv"];
        public IReadOnlyList<string> ActionPropertyNames => actionProperty is null ? [] : ["Prop"];
        public IReadOnlyList<string> InitialPropertyNames => [];

        public IStateExplorer<int> CreateExplorer() => new Explorer(this);

        private sealed class Explorer(ToySystem system) : IStateExplorer<int>
        {
            public void InitialStates(IStateSink<int> sink)
            {
                foreach (var s in system.Initial)
                    if (!sink.Accept(s, -1)) return;
            }

            public void Successors(int state, IStateSink<int> sink)
            {
                var perAction = system.Next(state);
                for (var a = 0; a < perAction.Length; a++)
                    foreach (var t in perAction[a])
                    {
                        if (t < 0) throw new EvaluationException($"negative state {t}", SourceSpan.None);
                        if (!sink.Accept(t, a)) return;
                    }
            }

            public ulong Fingerprint(int state) => (ulong)(system.View?.Invoke(state) ?? state) * 0x9E3779B97F4A7C15UL + 1;
            public bool SatisfiesStateConstraints(int state) => system.Constraint?.Invoke(state) ?? true;
            public bool SatisfiesActionConstraints(int from, int to) => system.ActionConstraint?.Invoke(from, to) ?? true;
            public bool Invariant(int index, int state) => system.Inv!(state);
            public bool ActionProperty(int index, int from, int to) => system.Prop!(from, to);
            public bool InitialProperty(int index, int state) => true;
        }

        public int[] Initial => initial;
        public Func<int, IEnumerable<int>[]> Next => successors;
        public Func<int, bool>? Inv => invariant;
        public Func<int, bool>? Constraint => constraint;
        public Func<int, int, bool>? ActionConstraint => actionConstraint;
        public Func<int, int, bool>? Prop => actionProperty;
        public Func<int, int>? View => view;
    }

    private static SearchResult<int> Search(ToySystem system, bool deadlock = true, int workers = 1) =>
        new BreadthFirstSearch<int>(system, new SearchSettings { CheckDeadlock = deadlock, Workers = workers }).Run();

    [Fact]
    public void A_self_loop_counts_as_generated_and_is_not_a_deadlock()
    {
        var result = Search(new ToySystem([7], s => [[s], []]));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(2, result.StatesGenerated);
        Assert.Equal(1, result.DistinctStates);
        Assert.Equal(1, result.Depth);
    }

    [Fact]
    public void Duplicates_from_several_actions_are_all_counted_as_generated()
    {
        // 0 -> 1 by both actions, 1 -> 1: generated = 1 initial + 2 + 2.
        var result = Search(new ToySystem([0], s => s == 0 ? [[1], [1]] : [[1], [1]]));
        Assert.Equal(5, result.StatesGenerated);
        Assert.Equal(2, result.DistinctStates);
        Assert.Equal(2, result.Depth);
    }

    [Fact]
    public void States_outside_the_constraint_are_generated_but_not_stored_and_not_deadlocks()
    {
        // A counter 0..: only states <= 3 are kept; 3's successor 4 is discarded.
        var result = Search(new ToySystem([0], s => [[s + 1], []], constraint: s => s <= 3));
        Assert.Equal(CheckOutcome.Success, result.Outcome);
        Assert.Equal(4, result.DistinctStates);
        Assert.Equal(5, result.StatesGenerated);
        Assert.Equal(4, result.Depth);
    }

    [Fact]
    public void Invariants_are_checked_on_states_the_constraint_discards()
    {
        var result = Search(new ToySystem([0], s => [[s + 1], []], invariant: s => s < 4, constraint: s => s <= 3));
        Assert.Equal(CheckOutcome.InvariantViolated, result.Outcome);
        Assert.Equal(4, result.DistinctStates);
        Assert.Equal(4, result.Depth);
        Assert.Equal([0, 1, 2, 3, 4], result.Trace!.Select(t => t.State));
    }

    [Fact]
    public void A_state_without_successors_is_a_deadlock_unless_deadlock_checking_is_off()
    {
        var system = new ToySystem([0], s => s < 2 ? [[s + 1], []] : [[], []]);
        var found = Search(system);
        Assert.Equal(CheckOutcome.Deadlock, found.Outcome);
        Assert.Equal([0, 1, 2], found.Trace!.Select(t => t.State));
        Assert.Equal(CheckOutcome.Success, Search(system, deadlock: false).Outcome);
    }

    [Fact]
    public void The_counterexample_is_a_shortest_one_and_depth_is_the_deepest_stored_level()
    {
        // Two ways to 10: 0 -> 10 directly (action B) and 0 -> 1 -> ... ; BFS must report the short one.
        var result = Search(new ToySystem([0], s => s >= 10 ? [[], []] : [[s + 1], s == 0 ? [10] : []], invariant: s => s != 10), deadlock: false);
        Assert.Equal(CheckOutcome.InvariantViolated, result.Outcome);
        Assert.Equal([0, 10], result.Trace!.Select(t => t.State));
        Assert.Equal([-1, 1], result.Trace!.Select(t => t.Action));
        Assert.Equal(2, result.Depth);
    }

    [Fact]
    public void Action_properties_are_checked_on_steps_to_states_seen_before()
    {
        // 0 -> 1 -> 0: the step back to 0 goes to a known state and breaks "never decreases".
        var result = Search(new ToySystem([0], s => [[1 - s], []], actionProperty: (from, to) => to >= from));
        Assert.Equal(CheckOutcome.ActionPropertyViolated, result.Outcome);
        Assert.Equal([0, 1, 0], result.Trace!.Select(t => t.State));
        Assert.Equal(2, result.DistinctStates);
    }

    [Fact]
    public void An_action_constraint_prunes_transitions_but_not_their_invariant_check()
    {
        var result = Search(new ToySystem([0], s => [[s + 1, s + 5], []], invariant: s => s != 5, actionConstraint: (f, t) => t - f == 1));
        Assert.Equal(CheckOutcome.InvariantViolated, result.Outcome);
        Assert.Equal([0, 5], result.Trace!.Select(t => t.State));
    }

    [Fact]
    public void An_evaluation_error_while_computing_successors_reports_no_depth()
    {
        var result = Search(new ToySystem([2], s => [[s - 1], []]));
        Assert.Equal(CheckOutcome.EvaluationError, result.Outcome);
        Assert.Null(result.Depth);
        Assert.Equal([2, 1, 0], result.Trace!.Select(t => t.State));
        Assert.Equal(3, result.StatesGenerated);
    }

    [Fact]
    public void A_view_merges_states_with_the_same_view()
    {
        var result = Search(new ToySystem([0], s => [[(s + 1) % 12], []], view: s => s % 3));
        Assert.Equal(3, result.DistinctStates);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Several_workers_find_the_same_distinct_states(int workers)
    {
        // A grid walk with many duplicate paths: (x, y) encoded as 1000x + y, bounded by 60 x 60.
        var system = new ToySystem([0], s =>
        {
            var (x, y) = (s / 1000, s % 1000);
            return [x < 60 ? [s + 1000] : [], y < 60 ? [s + 1] : []];
        });
        var single = Search(system, deadlock: false);
        var parallel = Search(system, deadlock: false, workers: workers);
        Assert.Equal(61 * 61, single.DistinctStates);
        Assert.Equal(single.DistinctStates, parallel.DistinctStates);
        Assert.Equal(single.StatesGenerated, parallel.StatesGenerated);
        Assert.Equal(single.Depth, parallel.Depth);
    }
}

public sealed class StateGraphRecordingTests
{
    [Fact]
    public void The_recorded_graph_has_the_distinct_states_and_their_distinct_successors()
    {
        var kit = Syntax.SyntaxTestFiles.KitDirectory;
        // Jugs stops at its violation; the graph holds what was explored up to then.
        var result = ModelChecker.Run(Path.Combine(kit, "Jugs", "Jugs.tla"), null, new CheckOptions { RecordStateGraph = true }, TextWriter.Null);
        var graph = result.StateGraph!;
        Assert.Equal(result.DistinctStates, graph.StateCount);
        Assert.Equal([0], graph.InitialStates);
        // From (small, big) = (0, 0): fill small, fill big, and four steps that stay at (0, 0).
        var successors = graph.Successors(0).ToArray().Select(id => graph.State(id).Select(v => v.ToString()).ToArray()).ToArray();
        Assert.Contains(successors, s => s.SequenceEqual(["4", "0"]));
        Assert.Contains(successors, s => s.SequenceEqual(["0", "9"]));
        Assert.Contains(successors, s => s.SequenceEqual(["0", "0"]));
        Assert.Equal(3, successors.Length);
    }
}
