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
/// SPECIFICATION's fairness, as TLC does after its safety search: the graph is the one that search
/// recorded (so CONSTRAINT, ACTION_CONSTRAINT, VIEW and SYMMETRY shaped it), and each property is
/// checked on it in order; the first violation wins.
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

    public static LivenessResult Check(TlaModel model, StateGraph<Value[]> states, PreparedLiveness prepared)
    {
        var graph = new TlaStateGraph(model, states, prepared.Translator, model.NewContext());
        long productNodes = 0;
        var work = new LivenessChecker.Workspace();
        foreach (var (name, formula) in prepared.Formulas)
        {
            var trace = LivenessChecker.Check(graph, formula, prepared.Conditions, work, out var nodes);
            productNodes += nodes;
            if (trace is null) continue;
            return new LivenessResult(graph.Describe(name, trace), prepared.Formulas.Count, productNodes, graph.StateCount);
        }
        return new LivenessResult(null, prepared.Formulas.Count, productNodes, graph.StateCount);
    }

    /// <summary>
    /// The state graph the safety search recorded, seen by the liveness checker. Each atom is
    /// evaluated at most once per state (state atoms, and action atoms on the stuttering step) or
    /// per edge (action atoms), whichever property asks: the fairness conditions are shared by all
    /// the properties, and TLC splits a quantified property into one check per instance.
    /// </summary>
    private sealed class TlaStateGraph(TlaModel model, StateGraph<Value[]> states, TemporalTranslator atoms, EvalContext context) : IStateGraph
    {
        private const byte Unknown = 0, False = 1, True = 2;

        private readonly byte[]?[] _stateAtoms = new byte[atoms.StateAtoms.Count][];
        private readonly byte[]?[] _edgeAtoms = new byte[atoms.ActionAtoms.Count][];
        private readonly byte[]?[] _stutterAtoms = new byte[atoms.ActionAtoms.Count][];

        // Per state, TLCGet("level") and the search's counters right after its successors joined
        // the queue, where TLC evaluates a temporal property's predicates on it (etcd's TraceMatched
        // reads TLCGet("queue") there). The ids are the search's discovery order, first in first out.
        private int[]? _levels;
        private long[]? _discoveredAfter;

        private void AtSearchPosition(int state)
        {
            if (_levels is null) ComputeSearchPositions();
            var discovered = _discoveredAfter![state];
            context.Level = _levels![state];
            context.Search = new Library.SearchCounters(discovered - state - 1, discovered, discovered, states.InitialStates.Count, _levels[^1]);
        }

        private void ComputeSearchPositions()
        {
            var levels = new int[states.StateCount];
            var discoveredAfter = new long[states.StateCount];
            long discovered = 0;
            foreach (var initial in states.InitialStates)
            {
                levels[initial] = 1;
                discovered = Math.Max(discovered, initial + 1);
            }
            for (var state = 0; state < levels.Length; state++)
            {
                foreach (var next in states.Successors(state))
                {
                    if (levels[next] == 0) levels[next] = levels[state] + 1;
                    discovered = Math.Max(discovered, next + 1);
                }
                discoveredAfter[state] = discovered;
            }
            _discoveredAfter = discoveredAfter;
            _levels = levels;
        }

        public int StateCount => states.StateCount;

        public IReadOnlyList<int> InitialStates => states.InitialStates;

        public ReadOnlySpan<int> Successors(int state) => states.Successors(state);

        public bool EvalState(int atom, int state)
        {
            if (_sharedAtoms[atom] is { } shared)
            {
                var known = shared.Values[shared.ClassOf[state]];
                if (known != Unknown) return known == True;
            }
            if (atoms.StateAtomVariables[atom] is { } variables) return EvalShared(atom, variables, state);
            var values = _stateAtoms[atom] ??= new byte[states.StateCount];
            if (values[state] == Unknown)
            {
                context.Current = states.State(state);
                context.Next = states.State(state);
                AtSearchPosition(state);
                values[state] = atoms.StateAtoms[atom](context) ? True : False;
            }
            return values[state] == True;
        }

        // A state atom whose variables are known has one value per class of states that agree on
        // them: _sharedAtoms[atom] holds it per class, _partitions the classes per set of variables.
        private readonly SharedAtom?[] _sharedAtoms = new SharedAtom?[atoms.StateAtoms.Count];
        private readonly Dictionary<string, (int[] ClassOf, int Count)> _partitions = new(StringComparer.Ordinal);
        private readonly Dictionary<int, (int[] Numbers, int Count)> _valueNumbers = [];

        private sealed record SharedAtom(int[] ClassOf, byte[] Values);

        private bool EvalShared(int atom, int[] variables, int state)
        {
            var (classOf, values) = _sharedAtoms[atom] ??= NewSharedAtom(variables);
            var slot = classOf[state];
            if (values[slot] == Unknown)
            {
                // TLCGet is not among what such an atom reads: no search position to set.
                context.Current = states.State(state);
                context.Next = states.State(state);
                values[slot] = atoms.StateAtoms[atom](context) ? True : False;
            }
            return values[slot] == True;
        }

        private SharedAtom NewSharedAtom(int[] variables)
        {
            var key = string.Join(',', variables);
            if (!_partitions.TryGetValue(key, out var partition)) _partitions[key] = partition = Partition(variables);
            return new SharedAtom(partition.ClassOf, new byte[partition.Count]);
        }

        /// <summary>Numbers the classes of states that agree on <paramref name="variables"/> densely, one variable at a time.</summary>
        private (int[] ClassOf, int Count) Partition(int[] variables)
        {
            var stateCount = states.StateCount;
            // Two states agree on every variable only if they are one state: each is its own class.
            if (stateCount > 0 && variables.Length == states.State(0).Length) return (Enumerable.Range(0, stateCount).ToArray(), stateCount);
            if (variables.Length == 0) return (new int[stateCount], 1);
            var (first, count) = ValueNumbers(variables[0]);
            var classOf = (int[])first.Clone();
            foreach (var variable in variables.AsSpan(1))
            {
                var (numbers, values) = ValueNumbers(variable);
                var refined = new Dictionary<long, int>();
                for (var state = 0; state < stateCount; state++)
                {
                    var pair = (long)classOf[state] * values + numbers[state];
                    if (!refined.TryGetValue(pair, out var id)) refined[pair] = id = refined.Count;
                    classOf[state] = id;
                }
                count = refined.Count;
            }
            return (classOf, count);
        }

        /// <summary>
        /// Each state's value of a variable as a number, equal values equal numbers. Values are told
        /// apart by fingerprint, as the search tells states apart (a state's fingerprint combines
        /// its variables'): two values it would take for one are one state to it already.
        /// </summary>
        private (int[] Numbers, int Count) ValueNumbers(int variable)
        {
            if (_valueNumbers.TryGetValue(variable, out var known)) return known;
            var numbers = new int[states.StateCount];
            var byValue = new Dictionary<ulong, int>();
            for (var state = 0; state < numbers.Length; state++)
            {
                var value = states.State(state)[variable].Fingerprint;
                if (!byValue.TryGetValue(value, out var number)) byValue[value] = number = byValue.Count;
                numbers[state] = number;
            }
            return _valueNumbers[variable] = (numbers, byValue.Count);
        }

        public bool EvalAction(int atom, int from, int to)
        {
            var edge = states.EdgeIndex(from, to);
            byte[] values;
            int slot;
            if (edge >= 0) (values, slot) = (_edgeAtoms[atom] ??= new byte[states.EdgeCount], edge);
            else if (from == to) (values, slot) = (_stutterAtoms[atom] ??= new byte[states.StateCount], from);
            else throw new InvalidOperationException($"no step from state {from} to state {to}");
            if (values[slot] == Unknown)
            {
                context.Current = states.State(from);
                context.Next = states.State(to);
                AtSearchPosition(from);
                values[slot] = atoms.ActionAtoms[atom](context) ? True : False;
            }
            return values[slot] == True;
        }

        private string LabelOf(int from, int to)
        {
            var edge = states.EdgeIndex(from, to);
            if (edge < 0) return "Stuttering";
            var action = states.ActionOf(edge);
            return action < 0 ? "Initial predicate" : model.ActionLabels[action];
        }

        public LivenessViolation Describe(string property, LassoTrace trace)
        {
            var path = trace.States.Select(states.State).ToList();
            var labels = new List<string> { "Initial predicate" };
            for (var i = 1; i < trace.States.Count; i++) labels.Add(LabelOf(trace.States[i - 1], trace.States[i]));
            var back = trace.Stuttering ? null : LabelOf(trace.States[^1], trace.States[trace.LoopStart]);
            return new LivenessViolation(property, path, labels, trace.LoopStart, trace.Stuttering, back);
        }
    }
}
