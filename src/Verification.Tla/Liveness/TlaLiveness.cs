using Verification.Tla.Checking;
using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Liveness;

/// <summary>A temporal PROPERTY part (see <see cref="PropertyClassifier"/>), where it is read.</summary>
public sealed record TemporalProperty(string Name, Expression Formula, FormulaEnv Env);

/// <summary>A temporal conjunct of the SPECIFICATION: WF/SF (possibly quantified), or any formula TLC assumes of the behaviours.</summary>
public sealed record FairnessConjunct(Expression Formula, ModuleContext Module);

/// <summary>The temporal properties and the fairness of a model, translated before the search (as TLC does at start-up).</summary>
public sealed class PreparedLiveness
{
    internal PreparedLiveness(TemporalTranslator translator, IReadOnlyList<Fairness> conditions, IReadOnlyList<(string Name, Ltl Formula)> formulas)
    {
        Translator = translator;
        Conditions = conditions;
        Formulas = formulas;
    }

    internal TemporalTranslator Translator { get; }

    public IReadOnlyList<Fairness> Conditions { get; }

    public IReadOnlyList<(string Name, Ltl Formula)> Formulas { get; }
}

/// <summary>
/// A lasso counterexample in the spec's terms: <see cref="States"/> with the action that led to
/// each (<see cref="Labels"/>; "Initial predicate" first), then either stuttering forever
/// (<see cref="Stuttering"/>) or a step labelled <see cref="BackLabel"/> back to
/// <c>States[LoopStart]</c>.
/// </summary>
public sealed record LivenessViolation(
    string Property, IReadOnlyList<Value[]> States, IReadOnlyList<string> Labels, int LoopStart, bool Stuttering, string? BackLabel);

public sealed record LivenessResult(LivenessViolation? Violation, int PropertiesChecked, long ProductNodes, int States);

/// <summary>
/// Checks the temporal properties of a compiled model on its complete state graph, under the
/// SPECIFICATION's fairness, as TLC does after its safety search: the graph is rebuilt through the
/// model's own explorer (so CONSTRAINT, ACTION_CONSTRAINT, VIEW and SYMMETRY shape it exactly as they
/// shaped the safety search), then each property is checked in order and the first violation wins.
/// </summary>
public static class TlaLiveness
{
    public const string SymmetryWarning =
        "Declaring symmetry during liveness checking is dangerous. Please check liveness without symmetry defined.";

    /// <summary>
    /// Translates the temporal properties and the fairness conditions; a formula TLC cannot handle
    /// is an <see cref="UnsupportedTemporalFormula"/> here, before any state is computed.
    /// </summary>
    public static PreparedLiveness Prepare(TlaModel model, IReadOnlyList<TemporalProperty> properties, IReadOnlyList<FairnessConjunct> fairness)
    {
        var translator = new TemporalTranslator(model.Compiler, model.NewContext());
        var assumptions = new List<Ltl>();
        var conditions = fairness.SelectMany(f => translator.FairnessOf(f.Formula, FormulaEnv.Of(f.Module), assumptions)).ToList();
        // A temporal conjunct of the spec that is not WF/SF restricts the behaviours checked: P is checked as Assumed => P.
        var assumed = assumptions.Count == 0 ? null : assumptions.Aggregate((l, r) => new And(l, r));
        var formulas = properties.Select(p =>
        {
            var formula = translator.Translate(p.Formula, p.Env);
            return (p.Name, Formula: assumed is null ? formula : Ltl.Implies(assumed, formula));
        }).ToList();
        return new PreparedLiveness(translator, conditions, formulas);
    }

    public static LivenessResult Check(TlaModel model, IReadOnlyList<TemporalProperty> properties, IReadOnlyList<FairnessConjunct> fairness) =>
        Check(model, Prepare(model, properties, fairness));

    public static LivenessResult Check(TlaModel model, PreparedLiveness prepared)
    {
        var context = model.NewContext();
        var graph = new TlaStateGraph(model, prepared.Translator, context);
        long productNodes = 0;
        foreach (var (name, formula) in prepared.Formulas)
        {
            var trace = LivenessChecker.Check(graph, formula, prepared.Conditions, out var nodes);
            productNodes += nodes;
            if (trace is null) continue;
            return new LivenessResult(graph.Describe(name, trace), prepared.Formulas.Count, productNodes, graph.StateCount);
        }
        return new LivenessResult(null, prepared.Formulas.Count, productNodes, graph.StateCount);
    }

    /// <summary>The reachable state graph, numbered in breadth-first order, with each edge's first action.</summary>
    private sealed class TlaStateGraph : IStateGraph
    {
        private readonly TlaModel _model;
        private readonly TemporalTranslator _atoms;
        private readonly EvalContext _context;
        private readonly List<Value[]> _states = [];
        private readonly List<int> _initial = [];
        private readonly List<int[]> _successors = [];
        private readonly List<int[]> _actions = [];

        public TlaStateGraph(TlaModel model, TemporalTranslator atoms, EvalContext context)
        {
            _model = model;
            _atoms = atoms;
            _context = context;
            Explore();
        }

        public int StateCount => _states.Count;

        public IReadOnlyList<int> InitialStates => _initial;

        public ReadOnlySpan<int> Successors(int state) => _successors[state];

        public bool EvalState(int atom, int state)
        {
            _context.Current = _states[state]!;
            _context.Next = _states[state]!;
            return _atoms.StateAtoms[atom](_context);
        }

        public bool EvalAction(int atom, int from, int to)
        {
            _context.Current = _states[from]!;
            _context.Next = _states[to]!;
            return _atoms.ActionAtoms[atom](_context);
        }

        private void Explore()
        {
            var explorer = _model.CreateExplorer();
            var index = new Dictionary<ulong, int>();
            var sink = new Collector();
            explorer.InitialStates(sink);
            foreach (var (state, _) in sink.Drain())
            {
                if (!explorer.SatisfiesStateConstraints(state)) continue;
                var id = Intern(state, explorer.Fingerprint(state), index, out _);
                if (!_initial.Contains(id)) _initial.Add(id);
            }
            for (var current = 0; current < _states.Count; current++)
            {
                var from = _states[current];
                explorer.Successors(from, sink);
                var targets = new List<int>();
                var actions = new List<int>();
                foreach (var (state, action) in sink.Drain())
                {
                    if (!explorer.SatisfiesActionConstraints(from, state) || !explorer.SatisfiesStateConstraints(state)) continue;
                    var id = Intern(state, explorer.Fingerprint(state), index, out _);
                    if (targets.Contains(id)) continue;
                    targets.Add(id);
                    actions.Add(action);
                }
                _successors[current] = targets.ToArray();
                _actions[current] = actions.ToArray();
            }
        }

        private int Intern(Value[] state, ulong fingerprint, Dictionary<ulong, int> index, out bool isNew)
        {
            isNew = !index.TryGetValue(fingerprint, out var id);
            if (!isNew) return id;
            id = _states.Count;
            index[fingerprint] = id;
            _states.Add(state);
            _successors.Add([]);
            _actions.Add([]);
            return id;
        }

        private string LabelOf(int from, int to)
        {
            var position = Array.IndexOf(_successors[from], to);
            if (position < 0) return "Stuttering";
            var action = _actions[from][position];
            return action < 0 ? "Initial predicate" : _model.ActionLabels[action];
        }

        public LivenessViolation Describe(string property, LassoTrace trace)
        {
            var states = trace.States.Select(s => _states[s]).ToList();
            var labels = new List<string> { "Initial predicate" };
            for (var i = 1; i < trace.States.Count; i++) labels.Add(LabelOf(trace.States[i - 1], trace.States[i]));
            var back = trace.Stuttering ? null : LabelOf(trace.States[^1], trace.States[trace.LoopStart]);
            return new LivenessViolation(property, states, labels, trace.LoopStart, trace.Stuttering, back);
        }

        private sealed class Collector : IStateSink<Value[]>
        {
            private readonly List<(Value[], int)> _states = [];

            public bool Accept(Value[] state, int action)
            {
                _states.Add((state, action));
                return true;
            }

            public List<(Value[], int)> Drain()
            {
                var drained = new List<(Value[], int)>(_states);
                _states.Clear();
                return drained;
            }
        }
    }
}
