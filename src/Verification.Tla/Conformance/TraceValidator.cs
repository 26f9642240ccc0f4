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

    /// <summary>Steps (pairs of consecutive events, plus the initial state) found consistent with the spec.</summary>
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
/// known (the action only compares), so complete traces validate in time linear in their length.
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

    public TraceValidator(ConformanceSpec spec, ValidationOptions? options = null)
    {
        _spec = spec;
        _options = options ?? new ValidationOptions();
        _context = spec.Model.NewContext();
        _variableCount = spec.Variables.Count;
        _nextFrames = spec.Model.Actions.Select(static a => a.Frame is null ? null : Copy(a.Frame)).ToArray();
        for (var a = 0; a < spec.Model.Actions.Count; a++)
        {
            var name = spec.Model.Actions[a].Name;
            if (!_splitByName.TryGetValue(name, out var indices)) _splitByName[name] = indices = [];
            indices.Add(a);
        }
    }

    public ConformanceSpec Spec => _spec;

    private static Evaluation.Frame Copy(Evaluation.Frame frame)
    {
        var copy = new Evaluation.Frame(frame.Slots.Length, frame.Parent);
        Array.Copy(frame.Slots, copy.Slots, frame.Slots.Length);
        return copy;
    }

    public ValidationResult Validate(ObservedTrace trace)
    {
        try
        {
            return Run(trace);
        }
        catch (EvaluationException e)
        {
            return new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, InconclusiveReason = $"evaluating the spec failed: {ConformanceSpec.Describe(e)}" };
        }
        catch (ConformanceSetupException e)
        {
            return new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, InconclusiveReason = e.Message };
        }
    }

    private ValidationResult Run(ObservedTrace trace)
    {
        if (trace.Events.Count == 0) return new ValidationResult { Verdict = ConformanceVerdict.Conforms };
        var uses = new List<ActionUse>();
        var frontier = new StateSet();
        var largest = 0;
        var first = 0;
        var initial = _spec.InitialStates();
        if (trace.StartsWithInitialState)
        {
            var observed = trace.Events[0].State;
            foreach (var state in initial)
                if (Consistent(state, observed)) frontier.Add(state);
            if (frontier.Count == 0)
                return Rejected(0, new StepDiagnostician(_spec, _context).DiagnoseInitial(trace.Events[0], initial));
            first = 1;
        }
        else
        {
            foreach (var state in initial) frontier.Add(state);
        }
        largest = frontier.Count;
        if (largest > _options.MaxFrontier) return Bound(0, largest);
        var validated = first;
        for (var k = first; k < trace.Events.Count; k++)
        {
            var step = trace.Events[k];
            var next = new StateSet();
            var overflow = !Step(frontier, step, next);
            if (overflow) return Bound(validated, next.Count);
            if (next.Count == 0)
            {
                var diagnosis = new StepDiagnostician(_spec, _context).Diagnose(k, step, frontier.States);
                return Rejected(validated, diagnosis);
            }
            if (_options.RecordCoverage && frontier.Count == 1) uses.Add(Explain(frontier.States[0], step));
            largest = Math.Max(largest, next.Count);
            frontier = next;
            validated++;
        }
        return new ValidationResult { Verdict = ConformanceVerdict.Conforms, StepsValidated = validated, LargestFrontier = largest, ActionsUsed = uses };

        ValidationResult Rejected(int steps, StepDiagnosis diagnosis) =>
            new() { Verdict = ConformanceVerdict.DoesNotConform, StepsValidated = steps, Diagnosis = diagnosis, LargestFrontier = largest, ActionsUsed = uses };

        ValidationResult Bound(int steps, int size) => new()
        {
            Verdict = ConformanceVerdict.Inconclusive,
            FrontierBoundHit = true,
            StepsValidated = steps,
            LargestFrontier = size,
            InconclusiveReason = $"more than {_options.MaxFrontier:N0} spec states are consistent with the trace at position {steps} " +
                                 "(the trace leaves too many variables to the spec); raise the frontier bound or log more variables",
        };
    }

    /// <summary>Fills <paramref name="next"/> with the successors consistent with the event; false when the bound was hit.</summary>
    private bool Step(StateSet frontier, TraceEvent step, StateSet next)
    {
        var observed = step.State;
        var complete = step.IsComplete;
        var action = step.Action is null ? null : _spec.Action(step.Action);
        foreach (var state in frontier.States)
        {
            if (Consistent(state, observed))
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
                next.Add(successor);
                // A complete event leaves one possible successor: the first match settles the step.
                return !complete && next.Count <= _options.MaxFrontier;
            }
            if (action is not null && complete && step.Arguments is null && _splitByName.TryGetValue(action.Name, out var split))
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
                if (step.Arguments is { } arguments && arguments.Count == action.Parameters.Count)
                {
                    // The arguments must be ones Next would call the action with (the quantifiers
                    // around the call, e.g. m \in msgs, are not in the action's own body).
                    if (IsInstance(action, arguments))
                    {
                        Prefill(observed);
                        action.RunInstance(_context, arguments, Collect);
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

    private static bool Consistent(Value[] state, Value?[] observed)
    {
        for (var i = 0; i < state.Length; i++)
            if (observed[i] is { } value && !value.Equals(state[i])) return false;
        return true;
    }

    /// <summary>Which action instance takes the (single) frontier state to the event's state.</summary>
    private ActionUse Explain(Value[] from, TraceEvent step)
    {
        var candidates = step.Action is { } claimed && _spec.Action(claimed) is not null ? [claimed] : _spec.ActionNames;
        foreach (var name in candidates.Concat(_spec.ActionNames).Distinct())
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

    /// <summary>Spec states without duplicates, in insertion order (so diagnoses are deterministic).</summary>
    private sealed class StateSet
    {
        private readonly HashSet<TupleKey> _keys = [];

        public List<Value[]> States { get; } = [];

        public int Count => States.Count;

        public void Add(Value[] state)
        {
            if (_keys.Add(new TupleKey(state))) States.Add(state);
        }
    }
}
