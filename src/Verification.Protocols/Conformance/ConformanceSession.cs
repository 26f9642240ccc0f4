using System.Diagnostics;
using System.Text.Json.Nodes;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// Trace conformance for one system during a test campaign: the spec loaded once, a validator per
/// thread, and recorders (one per sampled iteration) that validate their run step by step and fail
/// it, as the detector "conformance", at the first step the spec does not allow. Totals and coverage over
/// every validated run are kept here (thread-safe). Which iterations are validated (every
/// <c>sample</c>-th by index) and which count (those the campaign counts, <see cref="CountIterationsBelow"/>)
/// depend on iteration indices only, so the totals do not depend on the number of workers.
/// </summary>
public sealed class ConformanceSession
{
    private readonly ThreadLocal<TraceValidator> _validators;
    private readonly Lock _lock = new();
    private readonly int _sample;
    private readonly List<(long Iteration, ValidationResult Result, long Ticks)> _runs = [];
    private long _countedBelow = long.MaxValue;
    private Totals? _totals;

    public ConformanceSession(IRefinementMapping mapping, ConformanceSpec spec, ValidationOptions? options = null, int sample = 1)
    {
        if (sample < 1) throw new ArgumentOutOfRangeException(nameof(sample), sample, "the sampling period must be positive");
        Mapping = mapping;
        Spec = spec;
        Options = options ?? new ValidationOptions();
        _sample = sample;
        _validators = new ThreadLocal<TraceValidator>(() => new TraceValidator(spec, Options));
    }

    /// <summary>
    /// The session for a registered system, with the spec and conformance model its <see cref="SystemDefinition"/>
    /// names (relative to <paramref name="repositoryRoot"/>). Throws <see cref="ConformanceSetupException"/>
    /// when the system has no mapping or no spec.
    /// </summary>
    public static ConformanceSession For(SystemDefinition system, string repositoryRoot, ValidationOptions? options = null, int sample = 1)
    {
        var mapping = ProtocolSystem.MappingOf(system)
            ?? throw new ConformanceSetupException(
                $"the system '{system.Name}' has no refinement mapping to its spec (it is not a ProtocolSystem)", 1);
        if (system.Spec is null || system.ConformanceConfig is null)
            throw new ConformanceSetupException($"the system '{system.Name}' names no spec and model to validate against", 1);
        var spec = ConformanceSpec.Load(Path.Combine(repositoryRoot, system.Spec), Path.Combine(repositoryRoot, system.ConformanceConfig));
        return new ConformanceSession(mapping, spec, options, sample);
    }

    public IRefinementMapping Mapping { get; }

    public ConformanceSpec Spec { get; }

    public ValidationOptions Options { get; }

    public int TracesChecked => Current.TracesChecked;

    public long StepsValidated => Current.StepsValidated;

    public int Inconclusive => Current.Inconclusive;

    public int NonConforming => Current.NonConforming;

    /// <summary>Time spent validating (summed over threads): turning recorded states into trace events and checking them.</summary>
    public TimeSpan ValidationTime => Stopwatch.GetElapsedTime(0, Current.ValidationTicks);

    /// <summary>Steps validated per second of <see cref="ValidationTime"/> (0 before any).</summary>
    public double StepsPerSecond
    {
        get
        {
            var seconds = ValidationTime.TotalSeconds;
            return seconds > 0 ? StepsValidated / seconds : 0;
        }
    }

    /// <summary>The reason of the inconclusive result of the lowest iteration, for the campaign summary.</summary>
    public string? FirstInconclusiveReason => Current.FirstInconclusiveReason;

    /// <summary>Coverage of the spec's actions by the validated runs (filled when <see cref="ValidationOptions.RecordCoverage"/> is on).</summary>
    public ConformanceCoverage Coverage => Current.Coverage;

    /// <summary>
    /// Counts only the runs of iterations 0 .. <paramref name="iterations"/>-1 from now on: those the
    /// campaign counts (parallel workers may have run later iterations before the first failing one
    /// was known). Campaigns run through <see cref="Instrumentation"/> call it when they end.
    /// </summary>
    public void CountIterationsBelow(long iterations)
    {
        lock (_lock)
        {
            _countedBelow = iterations;
            _totals = null;
        }
    }

    private sealed record Totals(int TracesChecked, long StepsValidated, int Inconclusive, int NonConforming, long ValidationTicks, string? FirstInconclusiveReason, ConformanceCoverage Coverage);

    private Totals Current
    {
        get
        {
            lock (_lock)
            {
                if (_totals is not null) return _totals;
                var coverage = new ConformanceCoverage(Spec);
                int traces = 0, inconclusive = 0, nonConforming = 0;
                long steps = 0, ticks = 0;
                string? firstReason = null;
                // In iteration order, so that the coverage and the first reason are the same whatever the workers did.
                foreach (var (iteration, result, runTicks) in _runs.Where(r => r.Iteration < _countedBelow).OrderBy(r => r.Iteration))
                {
                    traces++;
                    steps += result.StepsValidated;
                    ticks += runTicks;
                    if (result.Verdict == ConformanceVerdict.Inconclusive)
                    {
                        inconclusive++;
                        firstReason ??= result.InconclusiveReason;
                    }
                    if (result.Verdict == ConformanceVerdict.DoesNotConform) nonConforming++;
                    coverage.Add(result);
                }
                return _totals = new Totals(traces, steps, inconclusive, nonConforming, ticks, firstReason, coverage);
            }
        }
    }

    /// <summary>A recorder for one run; it validates the run as it goes and adds its verdict to the session's totals.</summary>
    public ConformanceRecorder CreateRecorder() => new(this, counted: true);

    /// <summary>
    /// The scenario with a recorder added to the monitors of every run; the recorder validates the
    /// campaign iterations whose index is a multiple of <c>sample</c> (by index, so the sampled runs
    /// are the same whatever the number of workers) and stays idle in the others; runs that are no
    /// iteration (calibration, determinism check, shrinking, replay) are validated but not counted.
    /// </summary>
    public Scenario Attach(Scenario scenario)
    {
        var create = scenario.CreateMonitors;
        return scenario with { CreateMonitors = () => [.. create(), new ConformanceRecorder(this, counted: true, sample: _sample)] };
    }

    /// <summary>
    /// The scenario with a recorder on every run, for shrinking a failing schedule and replaying it
    /// (a sampled run would not fail again): those runs repeat one the campaign already counted, so
    /// their verdicts stay out of the totals. <paramref name="onCreated"/> sees each recorder.
    /// The recorder goes before the system's monitors, so that it records the step one of them fails
    /// at too (the run's ITF trace then ends with the failing step); it fails the run through a
    /// second monitor after them, so the detector that fails a step first is the same as in the
    /// campaign, where the recorder comes last.
    /// </summary>
    public Scenario AttachToEveryRun(Scenario scenario, Action<ConformanceRecorder>? onCreated = null)
    {
        var create = scenario.CreateMonitors;
        return scenario with
        {
            CreateMonitors = () =>
            {
                var recorder = new ConformanceRecorder(this, counted: false, failsItself: false);
                onCreated?.Invoke(recorder);
                return [recorder, .. create(), new DeferredFailure(recorder)];
            },
        };
    }

    /// <summary>Fails the run, as the detector "conformance", once a recorder placed before the system's monitors has rejected a step.</summary>
    private sealed class DeferredFailure(ConformanceRecorder recorder) : SpecMonitor
    {
        public override string Name => ConformanceRecorder.DetectorName;

        public override void OnEvent(MonitorEvent e, IWorldView world)
        {
            if (recorder.FailureMessage is { } message) Assert(false, message);
        }
    }

    /// <summary>
    /// How a campaign over a registered system uses this session: recorders on the sampled
    /// iterations, on every shrinking run and on the report's replay; the report's replay command
    /// is `verify replay FILE --conformance`, which instruments the replay the same way.
    /// </summary>
    public ScenarioInstrumentation Instrumentation() => new(Attach, ReplayOption) { Reproduce = s => AttachToEveryRun(s), CampaignEnded = n => CountIterationsBelow(n) };

    /// <summary>The `verify replay` flag that replays a schedule with the conformance recorder attached.</summary>
    public const string ReplayOption = "--conformance";

    /// <summary>Starts validating one run on this thread; its first event is the initial state when the run's start was observed.</summary>
    internal TraceValidator.IncrementalValidation Begin(bool startsWithInitialState) => _validators.Value!.Begin(startsWithInitialState);

    /// <summary>Adds a finished run's result, and the time its validation took, to the totals and the coverage.</summary>
    /// <param name="iteration">The campaign iteration of the run; runs outside a campaign (-1) count in order of arrival.</param>
    internal void Record(ValidationResult result, long validationTicks, long iteration)
    {
        lock (_lock)
        {
            _runs.Add((iteration >= 0 ? iteration : long.MinValue + _runs.Count, result, validationTicks));
            _totals = null;
        }
    }
}

/// <summary>
/// Records a run as the spec sees it: per step, the spec action its label names and the abstract
/// state after it, validated as the run goes: the run fails with the diagnosis at the first step
/// the spec does not allow (so the failing schedule, and its shrinking, end there). The state after
/// every node booted (<see cref="RunStarted"/>) is the trace's first state and must satisfy Init; a
/// recorder attached after the start (no RunStarted seen) starts from any initial state of the spec.
/// </summary>
public sealed class ConformanceRecorder : SpecMonitor
{
    private readonly ConformanceSession _session;
    private readonly bool _counted;
    private readonly bool _failsItself;
    private readonly List<(StepLabel? Label, string? Action, IReadOnlyDictionary<string, Value> State)> _steps = [];

    private TraceValidator.IncrementalValidation? _run;
    private bool _startObserved;
    private long _validationTicks;

    // A recorder placed before the system's monitors keeps the state after a step as soon as the
    // step's first event arrives: a monitor that fails on that event ends the run before the step's
    // StepCompleted, and the failing step can then still be recorded (IncludeFailingStep).
    private IReadOnlyDictionary<string, Value>? _pendingState;
    private StepLabel? _pendingLabel;

    // 0: validates every run it sees; otherwise only campaign iterations whose index is a multiple of it.
    private readonly int _sample;
    private bool? _active;
    private long _iteration = -1;

    internal ConformanceRecorder(ConformanceSession session, bool counted, bool failsItself = true, int sample = 0)
    {
        _session = session;
        _counted = counted;
        _failsItself = failsItself;
        _sample = sample;
    }

    /// <summary>The detector name of a run this recorder failed.</summary>
    public const string DetectorName = "conformance";

    public override string Name => DetectorName;

    /// <summary>The verdict once the run ended or failed to conform (null before).</summary>
    public ValidationResult? Result { get; private set; }

    /// <summary>
    /// The verdict on the steps recorded so far: <see cref="Result"/> once the run ended or failed to
    /// conform; before that (e.g. a system monitor failed the run, which then ends without a
    /// <see cref="RunEnded"/>), the verdict on the prefix recorded.
    /// </summary>
    public ValidationResult ResultSoFar => Result ?? _run?.Finish() ?? new ValidationResult { Verdict = ConformanceVerdict.Conforms };

    /// <summary>Why the run does not conform, once it does not (what the recorder asserts, or leaves to a monitor after the system's).</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>Time this recorder spent validating (turning recorded states into trace events and checking them).</summary>
    public TimeSpan ValidationTime => Stopwatch.GetElapsedTime(0, _validationTicks);

    public int Steps => _steps.Count;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (_active is null)
        {
            _iteration = world.Iteration;
            // Runs that are no campaign iteration (the determinism check, shrinking, the report's replay)
            // repeat a sampled one: they are validated, but only campaign iterations count.
            _active = _sample == 0 || _iteration < 0 || _iteration % _sample == 0;
        }
        if (_active == false) return;
        switch (e)
        {
            case RunStarted when _steps.Count == 0:
                _startObserved = true;
                Observe(null, null, world);
                break;
            case StepCompleted step:
            {
                var label = step.StepLabel;
                Observe(label, _session.Mapping.SpecAction(label), _pendingState ?? _session.Mapping.AbstractState(world));
                _pendingState = null;
                _pendingLabel = null;
                break;
            }
            case RunEnded:
                if (Result is null) Finish();
                break;
            default:
                // The events of a step are dispatched after the world applied it: the state is the step's.
                if (!_failsItself && _steps.Count > 0 && _pendingState is null)
                {
                    _pendingState = _session.Mapping.AbstractState(world);
                    _pendingLabel = world.CurrentStepLabel;
                }
                break;
        }
    }

    /// <summary>
    /// Records (and validates) the step a system monitor failed the run at, with that step's label,
    /// when the run ended before the step's StepCompleted reached this recorder; false when there is
    /// no such step (the recorder saw the last step, or it is not placed before the monitors).
    /// </summary>
    public bool IncludeFailingStep()
    {
        if (_pendingState is not { } state) return false;
        var label = _pendingLabel;
        _pendingState = null;
        _pendingLabel = null;
        Observe(label, label is { } l ? _session.Mapping.SpecAction(l) : null, state);
        return true;
    }

    private void Observe(StepLabel? label, string? action, IWorldView world) => Observe(label, action, _session.Mapping.AbstractState(world));

    private void Observe(StepLabel? label, string? action, IReadOnlyDictionary<string, Value> state)
    {
        _steps.Add((label, action, state));
        if (Result is not null) return;
        var start = Stopwatch.GetTimestamp();
        _run ??= _session.Begin(_startObserved);
        var conforms = _run.Add(Event(_steps.Count - 1));
        _validationTicks += Stopwatch.GetTimestamp() - start;
        if (!conforms) Finish();
    }

    /// <summary>The run's step number of recorded event <paramref name="index"/> (the initial state is step 0).</summary>
    private int RunStep(int index) => _startObserved ? index : index + 1;

    /// <summary>Records the verdict and fails the run, at the offending step, when the spec does not allow it.</summary>
    private void Finish()
    {
        Result = (_run ??= _session.Begin(_startObserved)).Finish();
        if (_counted && (_sample == 0 || _iteration >= 0)) _session.Record(Result, _validationTicks, _iteration);
        if (Result.Verdict != ConformanceVerdict.DoesNotConform) return;
        FailureMessage = Result.Diagnosis!.Step == 0 && _startObserved
            ? $"the run's initial state is not an initial state of {_session.Mapping.System}'s spec.\n{Result.Diagnosis.Describe()}"
            : $"the run is not a behaviour of {_session.Mapping.System}'s spec (step {RunStep(Result.Diagnosis!.Step)} of the run).\n{Result.Diagnosis.Describe()}";
        if (_failsItself) Assert(false, FailureMessage);
    }

    private TraceEvent Event(int index)
    {
        var variables = _session.Spec.Variables;
        var (label, action, state) = _steps[index];
        var values = new Value?[variables.Count];
        for (var v = 0; v < variables.Count; v++) values[v] = state.GetValueOrDefault(variables[v]);
        if (action is null || label is not { } named) return new TraceEvent(index == 0 && _startObserved ? "initial state" : $"step {RunStep(index)}", action, null, values);
        // Only a label that names a spec action says who took the step (the world's Deliver(n1->n2, ...) does not).
        return new TraceEvent($"step {RunStep(index)}", action, null, values)
        {
            Actor = _session.Mapping.ActingNode(named),
            Label = named.Format(),
            LabelArguments = _session.Mapping.Arguments(named),
        };
    }

    /// <summary>The recorded run as the validator reads it.</summary>
    public ObservedTrace ToObservedTrace()
    {
        var events = Enumerable.Range(0, _steps.Count).Select(Event).ToArray();
        return new ObservedTrace(_session.Mapping.System, _session.Spec.Variables, events, StartsWithInitialState: _startObserved);
    }

    /// <summary>
    /// The recorded run as ITF: one state per step, with the spec action its label names under
    /// <c>mbt::actionTaken</c>, and, as the validator saw them, the full label under
    /// <c>mbt::label</c> and the acting node under <c>mbt::actor</c>: `verify validate` of the file
    /// then examines the same instances and gives the same diagnosis as the run's recorder.
    /// </summary>
    public ItfTrace ToItf()
    {
        var variables = _session.Spec.Variables.Where(v => _steps.Count > 0 && _steps[0].State.ContainsKey(v)).ToArray();
        var trace = ItfTrace.FromStates(variables,
            _steps.Select(s => (IReadOnlyList<Value>)variables.Select(v => s.State[v]).ToArray()),
            // Only a spec action is a label the validator accepts; the world's own events (a drop, a
            // partition) are steps of Next, with their description under mbt::label.
            _steps.Select(s => s.Action is { } action && _session.Spec.ActionNames.Contains(action) ? action : null),
            source: _session.Mapping.System,
            description: "a run of the explorer through the system's refinement mapping");
        var states = trace.States.Select((state, i) =>
        {
            var (label, action, _) = _steps[i];
            if (i == 0 && _startObserved) return state;
            var extra = new Dictionary<string, Value>(state.Extra) { [TraceEvent.LabelKey] = StringValue.Of(label?.Format() ?? "Start") };
            if (action is not null && label is { } named && _session.Spec.ActionNames.Contains(action) && _session.Mapping.ActingNode(named) is { } actor) extra[TraceEvent.ActorKey] = actor;
            return new ItfState(state.Values, extra);
        }).ToArray();
        var labelled = new ItfTrace(trace.Variables, states, trace.Loop, trace.Meta, trace.Parameters);
        if (!_startObserved) labelled.Meta[ObservedTrace.InitialStateMetaKey] = JsonValue.Create("unobserved");
        return labelled;
    }

    public void WriteItf(string path) => ItfWriter.WriteFile(path, ToItf());
}
