using Verification.Tla.Checking;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

public enum ConformanceVerdict
{
    /// <summary>Some behaviour of the spec produces the trace.</summary>
    Conforms,

    /// <summary>No behaviour does: <see cref="ValidationResult.Diagnosis"/> says where and why.</summary>
    DoesNotConform,

    /// <summary>The search was cut off (frontier bound or an evaluation error): no verdict.</summary>
    Inconclusive,
}

public sealed record ValidationOptions
{
    /// <summary>Spec states kept per trace position when the trace leaves variables out; past it the result is inconclusive.</summary>
    public int MaxFrontier { get; init; } = 100_000;

    /// <summary>Find the action instance (and arguments) explaining each step, for coverage (slower).</summary>
    public bool RecordCoverage { get; init; }
}

/// <summary>An action instance that explained a step (arguments null when not determined).</summary>
public sealed record ActionUse(string Action, IReadOnlyList<Value>? Arguments);

public sealed record ValidationResult
{
    public required ConformanceVerdict Verdict { get; init; }

    /// <summary>
    /// Steps (transitions: pairs of consecutive events, and the first event when the initial state
    /// was not observed) found consistent with the spec; an observed initial state is a state, not a
    /// step, so a trace of one state validates 0 steps.
    /// </summary>
    public int StepsValidated { get; init; }

    /// <summary>For <see cref="ConformanceVerdict.DoesNotConform"/>: the diagnosis of the first step no action explains.</summary>
    public StepDiagnosis? Diagnosis { get; init; }

    /// <summary>For <see cref="ConformanceVerdict.Inconclusive"/>: why.</summary>
    public string? InconclusiveReason { get; init; }

    /// <summary>For <see cref="ConformanceVerdict.Inconclusive"/>: true when the frontier bound was hit, false for an evaluation error.</summary>
    public bool FrontierBoundHit { get; init; }

    /// <summary>The largest number of spec states tracked at one position (1 for complete traces).</summary>
    public int LargestFrontier { get; init; }

    /// <summary>The action instances that explained the steps (when coverage was requested).</summary>
    public IReadOnlyList<ActionUse> ActionsUsed { get; init; } = [];

    public string Describe() => Verdict switch
    {
        ConformanceVerdict.Conforms => $"The trace conforms to the spec ({StepsValidated} steps validated, largest frontier {LargestFrontier}).",
        ConformanceVerdict.DoesNotConform => Diagnosis!.Describe(),
        _ => $"Inconclusive after {StepsValidated} steps: {InconclusiveReason}",
    };
}

/// <summary>
/// Validates implementation traces against a spec (Cirstea, Kuppe, Loillier, Merz 2024): a
/// breadth-first walk over (spec state, trace position). A complete state pins the frontier to one
/// state and a step costs one evaluation of the claimed action with every primed variable already
/// known (the action only compares), stopped at its first success, with nothing allocated per step
/// but what the spec's own expressions build; so complete traces validate in time linear in their
/// length (and with coverage, the same evaluation names the instance: see <see cref="SpecAction.Witness"/>).
/// Missing variables are assigned by the action (the spec's nondeterminism): the frontier holds every
/// spec state consistent with the trace so far, up to <see cref="ValidationOptions.MaxFrontier"/>.
/// A step is a step of the claimed action (of Next when the trace names none, or names something
/// that is not an action of the spec), or a stuttering step. Not thread-safe: one validator per thread.
/// </summary>
public sealed class TraceValidator
{
    private readonly ConformanceSpec _spec;
    private readonly ValidationOptions _options;
    private readonly EvalContext _context;
    private readonly Evaluation.Frame?[] _nextFrames;
    private readonly int _variableCount;
    private readonly Dictionary<string, List<int>> _splitByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActionPlan?> _plans = new(StringComparer.Ordinal);
    private readonly ActionPlan[] _leafPlans;
    private readonly FirstSuccess _firstSuccess = new();
    private readonly ModelValueInterner _interner;
    private readonly EvalContext _observationContext;

    public TraceValidator(ConformanceSpec spec, ValidationOptions? options = null)
    {
        _spec = spec;
        _options = options ?? new ValidationOptions();
        _context = spec.Model.NewContext();
        _interner = new ModelValueInterner(spec.ModelValues);
        _observationContext = spec.Model.NewContext();
        _variableCount = spec.Variables.Count;
        _nextFrames = spec.Model.Actions.Select(static a => a.Frame is null ? null : Copy(a.Frame)).ToArray();
        for (var a = 0; a < spec.Model.Actions.Count; a++)
        {
            var name = spec.Model.Actions[a].Name;
            if (!_splitByName.TryGetValue(name, out var indices)) _splitByName[name] = indices = [];
            indices.Add(a);
        }
        _leafPlans = spec.ActionNames.Select(Plan).Where(static p => p is not null).Select(static p => p!).ToArray();
    }

    /// <summary>How this validator checks a complete step of one action: the action, the checker's split actions of that name, frames kept for reuse.</summary>
    private sealed class ActionPlan(SpecAction action, int[] split)
    {
        public SpecAction Action { get; } = action;
        public int[] Split { get; } = split;
        public Evaluation.Frame? RestrictedFrame;
        public Evaluation.Frame? WitnessFrame;
    }

    private ActionPlan? Plan(string name)
    {
        if (_plans.TryGetValue(name, out var plan)) return plan;
        var action = _spec.Action(name);
        plan = action is null ? null : new ActionPlan(action, _splitByName.TryGetValue(name, out var split) ? [.. split] : []);
        _plans[name] = plan;
        return plan;
    }

    /// <summary>Stops an enumeration at its first complete successor (every primed variable is pre-bound, so that successor is the logged state).</summary>
    private sealed class FirstSuccess : Continuation
    {
        public bool Found;

        public override bool Continue(EvalContext context)
        {
            Found = true;
            return false;
        }
    }

    public ConformanceSpec Spec => _spec;

    public int MaxFrontier => _options.MaxFrontier;

    private static Evaluation.Frame Copy(Evaluation.Frame frame)
    {
        var copy = new Evaluation.Frame(frame.Slots.Length, frame.Parent);
        Array.Copy(frame.Slots, copy.Slots, frame.Slots.Length);
        return copy;
    }

    public ValidationResult Validate(ObservedTrace trace)
    {
        var run = Begin(trace.StartsWithInitialState);
        foreach (var step in trace.Events)
            if (!run.Add(step)) break;
        return run.Finish();
    }

    /// <summary>
    /// Validates a trace as it is produced, one event at a time (the explorer's recorder fails the
    /// run at the first step the spec does not allow, so the failing schedule ends there).
    /// </summary>
    public IncrementalValidation Begin(bool startsWithInitialState) => new(this, startsWithInitialState);

    /// <summary>One trace being validated event by event.</summary>
    public sealed class IncrementalValidation
    {
        private readonly TraceValidator _owner;
        private readonly bool _startsWithInitialState;
        private readonly List<ActionUse> _uses = [];
        private StateSet? _frontier;
        private int _index;
        private int _validated;
        private int _largest;

        // Per variable, the last value interned and what it became: a mapping that reuses an
        // unchanged value (a message history that did not grow) is not walked again.
        private Value?[]? _internedFrom;
        private Value?[]? _internedTo;

        internal IncrementalValidation(TraceValidator owner, bool startsWithInitialState)
        {
            _owner = owner;
            _startsWithInitialState = startsWithInitialState;
        }

        /// <summary>Set once the trace is rejected or the search gave up; later events are ignored.</summary>
        public ValidationResult? Failure { get; private set; }

        /// <summary>Validates the next event; false once the trace has failed (see <see cref="Failure"/>).</summary>
        public bool Add(TraceEvent step)
        {
            if (Failure is not null) return false;
            try
            {
                Failure = _owner.Advance(this, Intern(step));
            }
            catch (EvaluationException e)
            {
                Failure = new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, StepsValidated = _validated, InconclusiveReason = $"evaluating the spec failed: {ConformanceSpec.Describe(e)}" };
            }
            catch (ConformanceSetupException e)
            {
                Failure = new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, StepsValidated = _validated, InconclusiveReason = e.Message };
            }
            _index++;
            return Failure is null;
        }

        /// <summary>
        /// The event with the spec's model values (see <see cref="ModelValueInterner"/>): values of
        /// a refinement mapping come with the mapping's registry, traces read from files with the
        /// spec's, which pass through unchanged.
        /// </summary>
        private TraceEvent Intern(TraceEvent step)
        {
            var interner = _owner._interner;
            var state = step.State;
            if (_internedFrom is null || _internedFrom.Length != state.Length)
            {
                _internedFrom = new Value?[state.Length];
                _internedTo = new Value?[state.Length];
            }
            Value?[]? changed = null;
            for (var v = 0; v < state.Length; v++)
            {
                if (state[v] is not { } value) continue;
                Value interned;
                if (ReferenceEquals(value, _internedFrom[v])) interned = _internedTo![v]!;
                else
                {
                    interned = InternOrFail(interner, value, step.Location, _owner._spec.Variables[v]);
                    _internedFrom[v] = value;
                    _internedTo![v] = interned;
                }
                if (ReferenceEquals(interned, value)) continue;
                changed ??= (Value?[])state.Clone();
                changed[v] = interned;
            }
            var arguments = InternAll(interner, step.Arguments, step.Location, "the step's arguments");
            var actor = step.Actor is { } node ? InternOrFail(interner, node, step.Location, "the step's acting node") : null;
            IReadOnlyDictionary<string, Value>? named = null;
            if (step.NamedArguments is { } picks)
            {
                foreach (var (name, value) in picks)
                {
                    var interned = InternOrFail(interner, value, step.Location, $"the step's argument {name}");
                    if (ReferenceEquals(interned, value)) continue;
                    named ??= new Dictionary<string, Value>(picks, StringComparer.Ordinal);
                    ((Dictionary<string, Value>)named)[name] = interned;
                }
            }
            if (changed is null && ReferenceEquals(arguments, step.Arguments) && ReferenceEquals(actor, step.Actor) && named is null) return step;
            return step with { State = changed ?? state, Arguments = arguments, Actor = actor, NamedArguments = named ?? step.NamedArguments };
        }

        private static IReadOnlyList<Value>? InternAll(ModelValueInterner interner, IReadOnlyList<Value>? values, string location, string what)
        {
            if (values is null) return null;
            Value[]? changed = null;
            for (var i = 0; i < values.Count; i++)
            {
                var interned = InternOrFail(interner, values[i], location, what);
                if (ReferenceEquals(interned, values[i])) continue;
                changed ??= [.. values];
                changed[i] = interned;
            }
            return changed ?? values;
        }

        private static Value InternOrFail(ModelValueInterner interner, Value value, string location, string what)
        {
            try
            {
                return interner.Intern(value);
            }
            catch (UnknownModelValueException e)
            {
                throw new ConformanceSetupException($"{location}: {what}: {e.Message}", ExitCodes.EvaluationError);
            }
        }

        public ValidationResult Finish() => Failure
            ?? new ValidationResult { Verdict = ConformanceVerdict.Conforms, StepsValidated = _validated, LargestFrontier = _largest, ActionsUsed = _uses };

        internal StateSet? Frontier { get => _frontier; set => _frontier = value; }
        internal int Index => _index;
        internal bool StartsWithInitialState => _startsWithInitialState;
        internal List<ActionUse> Uses => _uses;
        internal int Validated { get => _validated; set => _validated = value; }
        internal int Largest { get => _largest; set => _largest = value; }
    }

    /// <summary>One event of a trace: null when it is consistent, else the (final) result.</summary>
    private ValidationResult? Advance(IncrementalValidation run, TraceEvent step)
    {
        if (run.Frontier is null)
        {
            var frontier = new StateSet();
            var initial = _spec.InitialStates();
            run.Frontier = frontier;
            if (run.StartsWithInitialState)
            {
                foreach (var state in initial)
                    if (Matches(state, step)) frontier.Add(state);
                run.Largest = frontier.Count;
                if (frontier.Count == 0) return Rejected(new StepDiagnostician(_spec, _context).DiagnoseInitial(step, initial));
                if (frontier.Count > _options.MaxFrontier) return Bound(frontier.Count);
                return null;
            }
            foreach (var state in initial) frontier.Add(state);
            run.Largest = frontier.Count;
            if (frontier.Count > _options.MaxFrontier) return Bound(frontier.Count);
        }
        var current = run.Frontier;
        if (current.Count == 1 && step.IsComplete && Check(current.States[0], step, out var use))
        {
            if (_options.RecordCoverage) run.Uses.Add(use ?? Explain(current.States[0], step));
            current.ResetTo(Complete(step.State));
            run.Validated++;
            return null;
        }
        var next = new StateSet();
        if (!Step(current, step, next)) return Bound(next.Count);
        if (next.Count == 0) return Rejected(new StepDiagnostician(_spec, _context).Diagnose(run.Index, step, current.States));
        if (_options.RecordCoverage && current.Count == 1) run.Uses.Add(Explain(current.States[0], step));
        run.Largest = Math.Max(run.Largest, next.Count);
        run.Frontier = next;
        run.Validated++;
        return null;

        ValidationResult Rejected(StepDiagnosis diagnosis) => new()
        {
            Verdict = ConformanceVerdict.DoesNotConform, StepsValidated = run.Validated, Diagnosis = diagnosis, LargestFrontier = run.Largest, ActionsUsed = run.Uses,
        };

        ValidationResult Bound(int size) => new()
        {
            Verdict = ConformanceVerdict.Inconclusive,
            FrontierBoundHit = true,
            StepsValidated = run.Validated,
            LargestFrontier = size,
            InconclusiveReason = $"more than {_options.MaxFrontier:N0} spec states are consistent with the trace at position {run.Index} " +
                                 "(the trace leaves too many variables to the spec); raise the frontier bound or log more variables",
        };
    }

    private static Value[] Complete(Value?[] state) => (Value[])(object)state;

    /// <summary>
    /// The fast path of a complete event from a single spec state: true when the step is stuttering
    /// or the claimed action (Next when the event claims none) takes <paramref name="from"/> to the
    /// event's state, checked with every primed variable bound to the logged value. With coverage,
    /// <paramref name="use"/> is the instance that took it when the check found it (null: ask Explain).
    /// False sends the event to the general search, which also diagnoses it; so this path only has
    /// to be right when it accepts.
    /// </summary>
    private bool Check(Value[] from, TraceEvent step, out ActionUse? use)
    {
        use = null;
        var observed = step.State;
        if (Consistent(from, observed)) return true;
        var coverage = _options.RecordCoverage;
        _context.Current = from!;
        if (step.Action is { } label && Plan(label) is { } plan)
        {
            // Arguments restrict the step to one instance: the general search checks that.
            if (step.ArgumentsFor(plan.Action.Parameters) is not null) return false;
            if (coverage && plan.Action.Witness is not null)
            {
                if (!Witnessed(plan, observed)) return false;
                use = new ActionUse(plan.Action.Name, SpecAction.LastWitnessed);
                return true;
            }
            foreach (var a in plan.Split)
                if (Holds(_spec.Model.Actions[a].Node, _nextFrames[a], observed)) return true;
            // The action may also be reached where the checker does not split Next.
            plan.RestrictedFrame ??= NewFrame(plan.Action.RestrictedFrameSize);
            return Holds(plan.Action.Restricted, plan.RestrictedFrame, observed);
        }
        if (coverage)
        {
            foreach (var leaf in _leafPlans)
            {
                if (leaf.Action.Witness is null || !Witnessed(leaf, observed)) continue;
                use = new ActionUse(leaf.Action.Name, SpecAction.LastWitnessed);
                return true;
            }
        }
        var actions = _spec.Model.Actions;
        for (var a = 0; a < actions.Count; a++)
            if (Holds(actions[a].Node, _nextFrames[a], observed)) return true;
        return false;
    }

    private bool Witnessed(ActionPlan plan, Value?[] observed)
    {
        plan.WitnessFrame ??= NewFrame(plan.Action.WitnessFrameSize);
        return Holds(plan.Action.Witness!, plan.WitnessFrame, observed);
    }

    private static Evaluation.Frame? NewFrame(int size) => size == 0 ? null : new Evaluation.Frame(size, null);

    /// <summary>Whether the action, from _context.Current, reaches the observed (complete) state.</summary>
    private bool Holds(ActionNode node, Evaluation.Frame? frame, Value?[] observed)
    {
        Prefill(observed);
        _firstSuccess.Found = false;
        node.Run(_context, frame, _firstSuccess);
        return _firstSuccess.Found;
    }

    /// <summary>Fills <paramref name="next"/> with the successors consistent with the event; false when the bound was hit.</summary>
    private bool Step(StateSet frontier, TraceEvent step, StateSet next) => Step(frontier.States, step, next);

    /// <summary>The initial states of the spec consistent with <paramref name="first"/> (all of them when it is null), up to the bound.</summary>
    internal List<Value[]> InitialStatesMatching(TraceEvent? first)
    {
        var result = new List<Value[]>();
        foreach (var state in _spec.InitialStates())
            if (first is null || Matches(state, first)) result.Add(state);
        return result;
    }

    /// <summary>
    /// The spec states the events lead to from <paramref name="frontier"/>, one event after the other
    /// (a log line that stands for several steps); null when more than the frontier bound are consistent.
    /// </summary>
    internal IReadOnlyList<Value[]>? Successors(IReadOnlyList<Value[]> frontier, IReadOnlyList<TraceEvent> steps)
    {
        var states = frontier;
        foreach (var step in steps)
        {
            var next = new StateSet();
            if (!Step(states, step, next)) return null;
            states = next.States;
            if (states.Count == 0) break;
        }
        return states;
    }

    /// <summary>The diagnosis of an event no state of <paramref name="frontier"/> leads to.</summary>
    internal StepDiagnosis Diagnose(int index, TraceEvent step, IReadOnlyList<Value[]> frontier) =>
        ObservationDiagnosis.Refine(new StepDiagnostician(_spec, _context).Diagnose(index, step, frontier), step, frontier, this);

    /// <summary>The diagnosis of a first event no initial state agrees with.</summary>
    internal StepDiagnosis DiagnoseInitial(TraceEvent first) =>
        ObservationDiagnosis.RefineInitial(new StepDiagnostician(_spec, _context).DiagnoseInitial(first, _spec.InitialStates()), first, _spec.InitialStates(), this);

    /// <summary>The successors by the event's action (by Next when it names none) of one state, ignoring what the event observed; at most <paramref name="limit"/>.</summary>
    internal List<Value[]> UnobservedSuccessors(Value[] from, TraceEvent step, int limit)
    {
        var blind = step with { State = new Value?[_variableCount], Observations = [] };
        var next = new StateSet();
        Step([from], blind, next);
        return next.States.Take(limit).ToList();
    }

    internal EvalContext ObservationContext => _observationContext;

    private bool Step(IReadOnlyList<Value[]> frontier, TraceEvent step, StateSet next)
    {
        var observed = step.State;
        var observations = step.Observations;
        var complete = step.IsComplete;
        var action = step.Action is null ? null : _spec.Action(step.Action);
        foreach (var state in frontier)
        {
            if ((step.MayStutter || step.Action is null) && Matches(state, step))
            {
                next.Add(state);
                if (complete) return true;
            }
            _context.Current = state!;
            Prefill(observed);
            bool Collect(EvalContext context)
            {
                var successor = new Value[_variableCount];
                for (var i = 0; i < successor.Length; i++)
                    successor[i] = context.Next[i] ?? throw new EvaluationException($"The action does not assign a value to the variable {_spec.Variables[i]}.", Syntax.SourceSpan.None);
                if (observations.Count > 0 && !Observed(successor, observations)) return true;
                next.Add(successor);
                // A complete event leaves one possible successor: the first match settles the step.
                return !complete && next.Count <= _options.MaxFrontier;
            }
            var arguments = action is null ? null : step.ArgumentsFor(action.Parameters);
            if (action is not null && complete && arguments is null && _splitByName.TryGetValue(action.Name, out var split))
            {
                // Fast path: the checker's split actions of that name are instances of the action
                // with their constant parameters already bound. A miss falls back to the full
                // restriction of Next (the action may also be reached where Next does not split).
                foreach (var a in split)
                {
                    Prefill(observed);
                    var keepGoing = true;
                    _spec.Model.Actions[a].Node.Run(_context, _nextFrames[a], new CollectContinuation(c => keepGoing = Collect(c)));
                    if (!keepGoing) break;
                }
                if (next.Count > 0) return true;
                Prefill(observed);
            }
            if (action is not null)
            {
                if (arguments is not null)
                {
                    // The arguments must be ones Next would call the action with (the quantifiers
                    // around the call, e.g. m \in msgs, are not in the action's own body).
                    if (IsInstance(action, arguments))
                    {
                        Prefill(observed);
                        action.RunInstance(_context, arguments, Collect);
                    }
                }
                else if (step.SomeArgumentsFor(action.Parameters) is { } some)
                {
                    // The arguments the line gives pick the instances; the others are the spec's choice.
                    foreach (var instance in action.Instances(_context))
                    {
                        if (!SameWhereGiven(instance, some)) continue;
                        _context.Current = state!;
                        Prefill(observed);
                        action.RunInstance(_context, instance, Collect);
                        if (next.Count > _options.MaxFrontier) return false;
                    }
                }
                else action.Successors(_context, Collect);
            }
            else
            {
                var actions = _spec.Model.Actions;
                for (var a = 0; a < actions.Count; a++)
                {
                    Prefill(observed);
                    var keepGoing = true;
                    actions[a].Node.Run(_context, _nextFrames[a], new CollectContinuation(c => keepGoing = Collect(c)));
                    if (!keepGoing) break;
                }
            }
            if (next.Count > _options.MaxFrontier) return false;
            if (complete && next.Count > 0) return true;
        }
        return true;
    }

    private bool IsInstance(SpecAction action, IReadOnlyList<Value> arguments)
    {
        var key = new TupleKey(arguments.ToArray());
        foreach (var instance in action.Instances(_context))
            if (key.Equals(new TupleKey(instance))) return true;
        return false;
    }

    private void Prefill(Value?[] observed)
    {
        var target = _context.Next;
        for (var i = 0; i < target.Length; i++) target[i] = observed[i];
    }

    private static bool SameWhereGiven(Value[] instance, IReadOnlyList<Value?> given)
    {
        if (instance.Length != given.Count) return false;
        for (var i = 0; i < instance.Length; i++)
            if (given[i] is { } value && !value.Equals(instance[i])) return false;
        return true;
    }

    /// <summary>Whether <paramref name="state"/> agrees with everything the event observed.</summary>
    internal bool Matches(Value[] state, TraceEvent step) => Consistent(state, step.State) && Observed(state, step.Observations);

    private bool Observed(Value[] state, IReadOnlyList<StateObservation> observations)
    {
        foreach (var observation in observations)
            if (!observation.Holds(state, _observationContext)) return false;
        return true;
    }

    private static bool Consistent(Value[] state, Value?[] observed)
    {
        for (var i = 0; i < state.Length; i++)
            if (observed[i] is { } value && !value.Equals(state[i])) return false;
        return true;
    }

    /// <summary>Which action instance takes the (single) frontier state to the event's state.</summary>
    private ActionUse Explain(Value[] from, TraceEvent step)
    {
        var claimed = step.Action is { } label && _spec.Action(label) is not null ? label : null;
        // An unlabelled step that changes nothing is stuttering, not whichever action happens to allow it.
        string[] candidates = claimed is not null ? [claimed, .. _spec.ActionNames]
            : Consistent(from, step.State) ? [] : [.. _spec.ActionNames];
        foreach (var name in candidates.Distinct())
        {
            var action = _spec.Action(name);
            if (action is null) continue;
            _context.Current = from!;
            Array.Clear(_context.Next);
            var instances = action.Instances(_context);
            foreach (var arguments in instances)
            {
                _context.Current = from!;
                Prefill(step.State);
                var matched = false;
                action.RunInstance(_context, arguments, _ => !(matched = true));
                if (matched) return new ActionUse(name, arguments);
            }
            if (instances.Count == 0 || action.Parameters.Count == 0)
            {
                _context.Current = from!;
                Prefill(step.State);
                var matched = false;
                action.Successors(_context, _ => !(matched = true));
                if (matched) return new ActionUse(name, null);
            }
        }
        return new ActionUse("(stuttering)", null);
    }

    private sealed class CollectContinuation(Func<EvalContext, bool> onSuccessor) : Continuation
    {
        public override bool Continue(EvalContext context) => onSuccessor(context);
    }

    /// <summary>
    /// Spec states without duplicates, in insertion order (so diagnoses are deterministic). The hash
    /// set is built from the second state on: a complete trace keeps one state and never hashes.
    /// </summary>
    internal sealed class StateSet
    {
        private readonly List<Value[]> _states = [];
        private HashSet<TupleKey>? _keys;

        public IReadOnlyList<Value[]> States => _states;

        public int Count => _states.Count;

        public void Add(Value[] state)
        {
            if (_states.Count == 0)
            {
                _states.Add(state);
                return;
            }
            if (_keys is null)
            {
                _keys = [];
                foreach (var known in _states) _keys.Add(new TupleKey(known));
            }
            if (_keys.Add(new TupleKey(state))) _states.Add(state);
        }

        /// <summary>Makes this the set of the one state (reused from step to step).</summary>
        public void ResetTo(Value[] state)
        {
            _states.Clear();
            _keys = null;
            _states.Add(state);
        }
    }
}
