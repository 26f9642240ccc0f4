using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Config;
using Verification.Tla.Evaluation;
using Verification.Tla.Semantics;
using Verification.Tla.Syntax;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// The model checker as a library: loads a spec and its cfg, checks it as TLC does, prints TLC's
/// lines to <c>output</c>, and returns the figures. Used by `verify check`, `verify all`,
/// conformance and the benchmarks.
/// </summary>
public static class ModelChecker
{
    public static CheckResult Run(string specPath, string? configPath, CheckOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var cfgPath = configPath ?? Path.ChangeExtension(specPath, ".cfg");
        LoadedSpec loaded;
        TlcConfig config;
        TlaModel model;
        try
        {
            if (!File.Exists(specPath)) return SetupFailure(output, CheckOutcome.SpecError, $"{specPath}: file not found", clock);
            loaded = ModuleLoader.Load(specPath);
        }
        catch (TlaSyntaxException e)
        {
            return SetupFailure(output, CheckOutcome.SpecError, e.Diagnostic.ToString(), clock);
        }
        try
        {
            if (!File.Exists(cfgPath)) return SetupFailure(output, CheckOutcome.ConfigError, $"{cfgPath}: file not found", clock);
            config = ConfigReader.Read(cfgPath);
        }
        catch (TlaSyntaxException e)
        {
            return SetupFailure(output, CheckOutcome.ConfigError, e.Diagnostic.ToString(), clock);
        }
        try
        {
            model = new TlaModel(loaded, config);
        }
        catch (ModelSetupException e)
        {
            // Spec and cfg errors are the caller's to print; TLC prints its other start-up failures itself.
            if (e.Outcome is not (CheckOutcome.SpecError or CheckOutcome.ConfigError)) output.WriteLine($"Error: {e}");
            return SetupFailure(output, e.Outcome, e.ToString(), clock);
        }
        catch (EvaluationException e)
        {
            return SetupFailure(output, CheckOutcome.EvaluationError, Located(e), clock);
        }
        return Check(model, options, output, clock);
    }

    /// <summary>Checks an already compiled model.</summary>
    public static CheckResult Check(TlaModel model, CheckOptions options, TextWriter output, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        model.PrintOutput ??= TextWriter.Synchronized(output);
        foreach (var warning in model.Warnings) output.WriteLine($"Warning: {warning}");
        var workers = Math.Max(1, options.Workers);
        if (!options.Simulate)
        {
            // TLC prints its start-up lines before it evaluates the ASSUMEs (and their Print output).
            output.WriteLine($"Running breadth-first search model checking with {workers} worker{(workers == 1 ? "" : "s")} on {Environment.ProcessorCount} cores.");
            output.WriteLine($"Starting... ({Now()})");
        }
        // TLC translates the temporal properties at start-up, before the ASSUMEs: one it cannot
        // handle stops it before any state.
        Liveness.PreparedLiveness? liveness = null;
        if (model.TemporalProperties.Count > 0)
        {
            try
            {
                liveness = Liveness.TlaLiveness.Prepare(model, model.TemporalProperties, model.FairnessConjuncts);
            }
            catch (Liveness.UnsupportedTemporalFormula e)
            {
                var message = e.Span.IsNone ? e.Message : $"{e.Span.ToShortString()}: {e.Message}";
                output.WriteLine($"Error: {message}");
                return SetupFailure(output, CheckOutcome.UnsupportedTemporalFormula, message, clock);
            }
        }
        try
        {
            if (model.FirstFailedAssumption() is { } failed)
            {
                output.WriteLine($"Error: Assumption {failed.ToTlcString()} is false.");
                return new CheckResult
                {
                    Outcome = CheckOutcome.AssumptionViolated,
                    Message = $"Assumption {failed.ToTlcString()} is false.",
                    UncheckedProperties = model.UncheckedProperties,
                    Elapsed = clock.Elapsed,
                };
            }
        }
        catch (ModelSetupException e)
        {
            return SetupFailure(output, e.Outcome, e.ToString(), clock);
        }
        catch (EvaluationException e)
        {
            output.WriteLine($"Error: Evaluating an ASSUME failed.\n{Located(e)}");
            return new CheckResult { Outcome = CheckOutcome.EvaluationError, Message = Located(e), Elapsed = clock.Elapsed };
        }
        if (options.Simulate) return Simulator.Run(model, options, output, clock);

        output.WriteLine("Computing initial states...");
        var settings = new SearchSettings
        {
            Workers = workers,
            CheckDeadlock = options.CheckDeadlock ?? model.CheckDeadlockFromConfig,
            ProgressInterval = options.ProgressInterval,
            InitialStatesComputed = n => output.WriteLine($"Finished computing initial states: {n} distinct state{(n == 1 ? "" : "s")} generated at {Now()}."),
            Progress = p => output.WriteLine(
                $"Progress({p.Depth}) at {Now()}: {p.StatesGenerated:N0} states generated ({Rate(p.StatesGenerated, clock)} s/min), " +
                $"{p.DistinctStates:N0} distinct states found ({Rate(p.DistinctStates, clock)} ds/min), {p.StatesLeftOnQueue:N0} states left on queue."),
        };
        var peakBefore = GC.GetTotalMemory(false);
        var graph = options.RecordStateGraph ? new StateGraph<Value[]>() : null;
        var search = new BreadthFirstSearch<Value[]>(model, settings, graph);
        var result = search.Run();
        var peak = Math.Max(peakBefore, GC.GetGCMemoryInfo().PeakMemoryUsage());
        return Report(model, result, liveness, options, output, clock, peak) with { StateGraph = graph };
    }

    private static long PeakMemoryUsage(this GCMemoryInfo info) => info.HeapSizeBytes + info.FragmentedBytes;

    private static CheckResult Report(TlaModel model, SearchResult<Value[]> result, Liveness.PreparedLiveness? liveness, CheckOptions options, TextWriter output, Stopwatch clock, long peak)
    {
        var trace = result.Trace is null ? null : ToTrace(model, result.Trace);
        string? violated = null;
        string? message = null;
        switch (result.Outcome)
        {
            case CheckOutcome.Success:
                Liveness.LivenessViolation? violation = null;
                var livenessClock = Stopwatch.StartNew();
                if (liveness is not null)
                {
                    try
                    {
                        violation = CheckLiveness(model, liveness, output);
                    }
                    catch (Exception e) when (e is EvaluationException or Liveness.UnsupportedTemporalFormula)
                    {
                        message = e is EvaluationException evaluation
                            ? $"Evaluating a temporal property failed.\n{Located(evaluation)}"
                            : $"{e.Message}";
                        output.WriteLine($"Error: {message}");
                        var failed = new SearchResult<Value[]>
                        {
                            Outcome = CheckOutcome.PropertyEvaluationError,
                            StatesGenerated = result.StatesGenerated,
                            DistinctStates = result.DistinctStates,
                            FingerprintSetBytes = result.FingerprintSetBytes,
                        };
                        return Summary(model, failed, null, message, null, output, clock, peak);
                    }
                    if (violation is null) output.WriteLine($"Finished checking temporal properties in {FormatElapsed(livenessClock.Elapsed)} at {Now()}");
                }
                if (violation is not null)
                {
                    var lasso = LassoTrace(model, violation);
                    output.WriteLine("Error: Temporal properties were violated.");
                    output.WriteLine();
                    output.WriteLine("Error: The following behavior constitutes a counter-example:");
                    output.WriteLine();
                    PrintTrace(lasso, output);
                    if (!violation.Stuttering) { output.WriteLine($"Back to state {violation.LoopStart + 1}: <{violation.BackLabel}>"); output.WriteLine(); }
                    output.WriteLine($"Finished checking temporal properties in {FormatElapsed(livenessClock.Elapsed)} at {Now()}");
                    if (options.ItfTracePath is { } lassoPath) WriteItf(model, lasso.Take(violation.States.Count).ToList(), lassoPath, $"Temporal property {violation.Property} is violated.", violation.Stuttering ? violation.States.Count - 1 : violation.LoopStart);
                    // TLC prints no depth after a liveness violation.
                    var counts = new SearchResult<Value[]>
                    {
                        Outcome = CheckOutcome.PropertyViolated,
                        StatesGenerated = result.StatesGenerated,
                        DistinctStates = result.DistinctStates,
                        FingerprintSetBytes = result.FingerprintSetBytes,
                    };
                    return Summary(model, counts, null, $"Temporal property {violation.Property} is violated.", lasso, output, clock, peak);
                }
                if (model.Postcondition is { } post && !CheckPostcondition(model, post.Expr))
                {
                    message = $"Postcondition {post.Name} is violated.";
                    output.WriteLine($"Error: {message}");
                    return Summary(model, result.WithOutcome(CheckOutcome.InvariantViolated), post.Name, message, trace, output, clock, peak);
                }
                output.WriteLine("Model checking completed. No error has been found.");
                output.WriteLine("  Estimates of the probability that TLC did not check all reachable states");
                output.WriteLine("  because two distinct states had the same fingerprint:");
                output.WriteLine($"  calculated (optimistic):  val = {CollisionProbability(result.DistinctStates, result.StatesGenerated)}");
                break;
            case CheckOutcome.InvariantViolated:
                violated = model.InvariantNames[result.ViolatedIndex];
                message = trace!.Count == 1 && result.Trace![0].Action < 0
                    ? $"Invariant {violated} is violated by the initial state:"
                    : $"Invariant {violated} is violated.";
                output.WriteLine($"Error: {message}");
                if (model.IsNamedByLocation(violated)) violated = null;
                break;
            case CheckOutcome.PropertyViolated:
                violated = model.InitialPropertyNames[result.ViolatedIndex];
                message = $"Property {violated} is violated by the initial state:";
                output.WriteLine($"Error: {message}");
                if (model.IsNamedByLocation(violated)) violated = null;
                break;
            case CheckOutcome.ActionPropertyViolated:
                violated = model.ActionPropertyNames[result.ViolatedIndex];
                message = $"Action property {violated} is violated.";
                output.WriteLine($"Error: {message}");
                if (model.IsNamedByLocation(violated)) violated = null;
                break;
            case CheckOutcome.Deadlock:
                message = "Deadlock reached.";
                output.WriteLine("Error: Deadlock reached.");
                break;
            case CheckOutcome.InvariantEvaluationError:
                // TLC names the invariant in the message but reports no violated property.
                message = $"Evaluating invariant {model.InvariantNames[result.ViolatedIndex]} failed.\n{Located(result.Error!)}";
                output.WriteLine($"Error: {message}");
                break;
            case CheckOutcome.PropertyEvaluationError:
                message = $"Evaluating a property failed.\n{Located(result.Error!)}";
                output.WriteLine($"Error: {message}");
                break;
            default:
                message = Located(result.Error!);
                output.WriteLine(result.FailedBeforeSearch
                    ? $"Error: Evaluating the initial predicate failed.\n{message}"
                    : $"Error: {message}");
                break;
        }
        if (trace is { Count: > 0 })
        {
            output.WriteLine("Error: The behavior up to this point is:");
            PrintTrace(trace, output);
            if (options.ItfTracePath is { } itfPath) WriteItf(model, trace, itfPath, message);
        }
        if (result.Error is { Positions.Count: > 1 } error && result.Outcome is CheckOutcome.EvaluationError or CheckOutcome.AssertionFailed)
        {
            output.WriteLine("Error: The error occurred when TLC was evaluating the nested");
            output.WriteLine("expressions at the following positions:");
            for (var i = 0; i < error.Positions.Count; i++)
            {
                // A runaway recursion nests thousands of calls: show its two ends.
                if (error.Positions.Count > 40 && i == 20)
                {
                    output.WriteLine($"... ({error.Positions.Count - 40} more positions)");
                    i = error.Positions.Count - 20;
                }
                var p = error.Positions[i];
                output.WriteLine($"{i}. Line {p.Line}, column {p.Column} to line {p.EndLine}, column {p.EndColumn} in {p.ModuleName}");
            }
            output.WriteLine();
        }
        return Summary(model, result, violated, message, trace, output, clock, peak);
    }

    /// <summary>Checks the temporal properties on the complete state graph; null when they all hold.</summary>
    private static Liveness.LivenessViolation? CheckLiveness(TlaModel model, Liveness.PreparedLiveness prepared, TextWriter output)
    {
        if (model.HasSymmetry) output.WriteLine($"Warning: {Liveness.TlaLiveness.SymmetryWarning}");
        output.WriteLine($"Checking {model.TemporalProperties.Count} temporal propert{(model.TemporalProperties.Count == 1 ? "y" : "ies")} for the complete state space at ({Now()})");
        var liveness = Liveness.TlaLiveness.Check(model, prepared);
        output.WriteLine($"The liveness search visited {liveness.ProductNodes:N0} nodes of the state graph x tableau ({liveness.States:N0} states).");
        return liveness.Violation;
    }

    /// <summary>A liveness counterexample as TLC prints it; a final stuttering step counts as a state.</summary>
    private static IReadOnlyList<TraceState> LassoTrace(TlaModel model, Liveness.LivenessViolation violation)
    {
        var trace = new List<TraceState>();
        for (var i = 0; i < violation.States.Count; i++)
        {
            var next = i + 1 < violation.States.Count ? violation.States[i + 1] : null;
            trace.Add(new TraceState($"<{violation.Labels[i]}>", model.Describe(violation.States[i], next), violation.States[i], !model.HasAlias));
        }
        if (violation.Stuttering)
        {
            var last = violation.States[^1];
            trace.Add(new TraceState("Stuttering", model.Describe(last, null), last, !model.HasAlias));
        }
        return trace;
    }

    // A postcondition failure is reported like an invariant failure of the final state space.
    private static SearchResult<Value[]> WithOutcome(this SearchResult<Value[]> result, CheckOutcome outcome) => new()
    {
        Outcome = outcome,
        StatesGenerated = result.StatesGenerated,
        DistinctStates = result.DistinctStates,
        Depth = result.Depth,
        FingerprintSetBytes = result.FingerprintSetBytes,
    };

    private static CheckResult Summary(TlaModel model, SearchResult<Value[]> result, string? violated, string? message,
        IReadOnlyList<TraceState>? trace, TextWriter output, Stopwatch clock, long peak)
    {
        var printCounts = !result.FailedBeforeSearch;
        if (printCounts)
        {
            output.WriteLine($"{result.StatesGenerated} states generated, {result.DistinctStates} distinct states found, {result.StatesLeftOnQueue} states left on queue.");
            if (result.Depth is { } depth) output.WriteLine($"The depth of the complete state graph search is {depth}.");
        }
        output.WriteLine($"Finished in {FormatElapsed(clock.Elapsed)} at ({Now()})");
        return new CheckResult
        {
            Outcome = result.Outcome,
            Violated = violated,
            StatesGenerated = printCounts ? result.StatesGenerated : null,
            DistinctStates = printCounts ? result.DistinctStates : null,
            StatesLeftOnQueue = printCounts ? result.StatesLeftOnQueue : null,
            Depth = printCounts ? result.Depth : null,
            Trace = trace,
            Message = message,
            UncheckedProperties = model.UncheckedProperties,
            Elapsed = clock.Elapsed,
            PeakMemoryBytes = peak,
        };
    }

    // TLC evaluates POSTCONDITION once, after the search, outside any state.
    private static bool CheckPostcondition(TlaModel model, Expr postcondition)
    {
        var context = model.NewContext();
        try
        {
            return postcondition.EvalBool(context, null);
        }
        catch (EvaluationException)
        {
            return false;
        }
    }

    internal static IReadOnlyList<TraceState> ToTrace(TlaModel model, IReadOnlyList<TraceStep<Value[]>> steps)
    {
        var trace = new List<TraceState>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var label = step.Action < 0 ? "<Initial predicate>" : $"<{model.Actions[step.Action].Label}>";
            var next = i + 1 < steps.Count ? steps[i + 1].State : null;
            trace.Add(new TraceState(label, model.Describe(step.State, next), step.State, !model.HasAlias));
        }
        return trace;
    }

    /// <summary>
    /// The states as TLC prints them: the spec's variables in TLC's own order (SANY's symbol table,
    /// see <see cref="TlcVariableOrder"/>), long values wrapped at 80 columns; ALIAS fields as given.
    /// </summary>
    public static void PrintTrace(IReadOnlyList<TraceState> trace, TextWriter output)
    {
        for (var i = 0; i < trace.Count; i++)
        {
            output.WriteLine($"State {i + 1}: {trace[i].Label}");
            if (trace[i].Label == "Stuttering") continue; // TLC prints the stuttering step's header only
            var names = trace[i].Variables.Select(static v => v.Name).ToArray();
            var values = trace[i].Variables.Select(static v => v.Value).ToArray();
            output.WriteLine(trace[i].SpecVariables
                ? TlcTracePrinter.FormatStateInTlcOrder(names, values)
                : TlcTracePrinter.FormatState(names, values));
            output.WriteLine();
        }
    }

    internal static void WriteItf(TlaModel model, IReadOnlyList<TraceState> trace, string path, string? description, int? loop = null)
    {
        var itf = ItfTrace.FromStates(model.Variables, trace.Select(static t => (IReadOnlyList<Value>)t.State),
            trace.Select(static t => t.Label == "<Initial predicate>" ? null : t.Label.Trim('<', '>')),
            loop: loop, source: null, description: description);
        ItfWriter.WriteFile(path, itf);
    }

    internal static string Located(EvaluationException e) =>
        e.Span.IsNone ? e.Message : $"{e.Message}\n{e.Span.ToTlcString()}";

    // Not printed here: the caller decides (the CLI turns it into one line on stderr).
    private static CheckResult SetupFailure(TextWriter output, CheckOutcome outcome, string message, Stopwatch clock) =>
        new() { Outcome = outcome, Message = message, Elapsed = clock.Elapsed };

    private static string Now() => DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Rate(long count, Stopwatch clock)
    {
        var minutes = Math.Max(clock.Elapsed.TotalMinutes, 1e-9);
        return ((long)(count / minutes)).ToString("N0", CultureInfo.InvariantCulture);
    }

    private static string FormatElapsed(TimeSpan elapsed) =>
        elapsed.TotalMinutes < 1 ? $"{(int)elapsed.TotalSeconds:00}s" : $"{(int)elapsed.TotalMinutes}min {elapsed.Seconds:00}s";

    /// <summary>TLC's optimistic estimate: distinct × (generated − distinct) / 2^64, as "5.4E-20".</summary>
    internal static string CollisionProbability(long distinct, long generated)
    {
        var p = distinct * (double)Math.Max(0, generated - distinct) / Math.Pow(2, 64);
        if (p <= 0) return "0.0";
        var exponent = (int)Math.Floor(Math.Log10(p));
        var mantissa = p / Math.Pow(10, exponent);
        if (Math.Round(mantissa, 1) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        return $"{mantissa.ToString("0.0", CultureInfo.InvariantCulture)}E{exponent}";
    }
}
