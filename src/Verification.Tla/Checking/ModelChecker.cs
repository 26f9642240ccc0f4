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
    public static CheckResult Run(string specPath, string? configPath, CheckOptions options, TextWriter output) =>
        EvaluationStack.Run(() => RunHere(specPath, configPath, options, output));

    private static CheckResult RunHere(string specPath, string? configPath, CheckOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var cfgPath = configPath ?? Path.ChangeExtension(specPath, ".cfg");
        LoadedSpec loaded;
        TlcConfig config;
        TlaModel model;
        try
        {
            if (!File.Exists(specPath)) return SetupFailure(output, CheckOutcome.SpecError, $"{specPath}: file not found", clock);
            loaded = ModuleLoader.Load(specPath, options.LibraryFolders);
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
        return CheckHere(model, options, output, clock);
    }

    /// <summary>Checks an already compiled model.</summary>
    public static CheckResult Check(TlaModel model, CheckOptions options, TextWriter output, Stopwatch? clock = null) =>
        EvaluationStack.Run(() => CheckHere(model, options, output, clock));

    private static CheckResult CheckHere(TlaModel model, CheckOptions options, TextWriter output, Stopwatch? clock)
    {
        clock ??= Stopwatch.StartNew();
        if (options.UserFile is not { } userFile)
        {
            model.PrintOutput ??= TextWriter.Synchronized(output);
            return CheckModel(model, options, output, clock);
        }
        // -userFile: Print and PrintT go to the file (the caller checked that it can be written).
        using var user = TextWriter.Synchronized(new StreamWriter(userFile, append: false));
        var previous = model.PrintOutput;
        model.PrintOutput = user;
        try
        {
            return CheckModel(model, options, output, clock);
        }
        finally
        {
            model.PrintOutput = previous;
        }
    }

    private static CheckResult CheckModel(TlaModel model, CheckOptions options, TextWriter output, Stopwatch clock)
    {
        if (!options.NoWarning)
            foreach (var warning in model.Warnings) output.WriteLine($"Warning: {warning}");
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
        var workers = Math.Max(1, options.Workers);
        if (!options.Simulate)
        {
            // TLC prints its start-up lines before it evaluates the ASSUMEs (and their Print output).
            output.WriteLine($"Running breadth-first search model checking with {workers} worker{(workers == 1 ? "" : "s")} on {Environment.ProcessorCount} cores.");
            output.WriteLine($"Starting... ({Now()})");
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
        model.RunInfo = new Library.TlcRunInfo("bfs", options.CheckDeadlock ?? model.CheckDeadlockFromConfig, workers, options.Seed);
        var progress = new ProgressLine(options.ProgressInterval);
        var settings = new SearchSettings
        {
            Workers = workers,
            CheckDeadlock = options.CheckDeadlock ?? model.CheckDeadlockFromConfig,
            ProgressInterval = options.ProgressInterval,
            FirstProgressAfter = options.FirstProgressAfter,
            Clock = options.Clock,
            InitialStatesComputed = n => output.WriteLine($"Finished computing initial states: {n} distinct state{(n == 1 ? "" : "s")} generated at {Now()}."),
            Progress = p => output.WriteLine(progress.Format(p, Now())),
            Spilling = new SearchSpilling(Spilling.SpillPolicy.From(options.SpillThreshold, options.MetaDirectory), new Spilling.ValueStateCodec()),
        };
        var peakBefore = GC.GetTotalMemory(false);
        var graph = options.RecordStateGraph || options.DumpPath is not null || liveness is not null ? new StateGraph<Value[]>() : null;
        var search = new BreadthFirstSearch<Value[]>(model, settings, graph)
        {
            ContinueAfterViolation = options.Continue ? violation => PrintContinuedViolation(model, violation, options, output) : null,
        };
        var result = search.Run();
        var peak = Math.Max(peakBefore, GC.GetGCMemoryInfo().PeakMemoryUsage());
        if (options.DumpPath is { } dumpPath) WriteOutputFile(output, dumpPath, () => StateDump.Write(model, graph!, dumpPath, options.DumpDot));
        return Report(model, result, liveness, graph, options, output, clock, peak) with { StateGraph = options.RecordStateGraph ? graph : null };
    }

    /// <summary>
    /// TLC's progress line. Its rates are the growth since the previous line divided by the
    /// progress interval (TLC assumes the interval elapsed, also for its first line).
    /// </summary>
    internal sealed class ProgressLine(TimeSpan interval)
    {
        private long _generated;
        private long _distinct;

        public string Format(SearchProgress p, string now)
        {
            var minutes = Math.Max(interval.TotalMinutes, 1e-9);
            var generatedRate = (long)((p.StatesGenerated - _generated) / minutes);
            var distinctRate = (long)((p.DistinctStates - _distinct) / minutes);
            _generated = p.StatesGenerated;
            _distinct = p.DistinctStates;
            return $"Progress({p.Depth}) at {now}: {Count(p.StatesGenerated)} states generated ({Count(generatedRate)} s/min), " +
                   $"{Count(p.DistinctStates)} distinct states found ({Count(distinctRate)} ds/min), {Count(p.StatesLeftOnQueue)} states left on queue.";
        }

        private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }

    // -continue: TLC prints each violation with its trace as it finds it, and goes on.
    private static void PrintContinuedViolation(TlaModel model, ContinuedViolation<Value[]> violation, CheckOptions options, TextWriter output)
    {
        var trace = ToTrace(model, violation.Trace);
        if (violation.Outcome == CheckOutcome.ActionPropertyViolated)
        {
            output.WriteLine($"Error: Action property {model.ActionPropertyNames[violation.Index]} is violated.");
        }
        else if (trace.Count == 1 && violation.Trace[0].Action < 0)
        {
            // TLC prints the initial state right after this line, without a trace around it.
            output.WriteLine($"Error: Invariant {model.InvariantNames[violation.Index]} is violated by the initial state:");
            var state = trace[0].Variables;
            output.WriteLine(TlcTracePrinter.FormatStateInTlcOrder(state.Select(static v => v.Name).ToArray(), state.Select(static v => v.Value).ToArray()));
            output.WriteLine();
            return;
        }
        else
        {
            output.WriteLine($"Error: Invariant {model.InvariantNames[violation.Index]} is violated.");
        }
        output.WriteLine("Error: The behavior up to this point is:");
        PrintTrace(trace, output, options.DiffTrace);
    }

    private static long PeakMemoryUsage(this GCMemoryInfo info) => info.HeapSizeBytes + info.FragmentedBytes;

    private static CheckResult Report(TlaModel model, SearchResult<Value[]> result, Liveness.PreparedLiveness? liveness, StateGraph<Value[]>? graph, CheckOptions options, TextWriter output, Stopwatch clock, long peak)
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
                    // TLC prints the safety figures (without rates) before its liveness check.
                    output.WriteLine($"Progress({result.Depth ?? 1}) at {Now()}: {result.StatesGenerated.ToString("N0", CultureInfo.InvariantCulture)} states generated, " +
                                     $"{result.DistinctStates.ToString("N0", CultureInfo.InvariantCulture)} distinct states found, {result.StatesLeftOnQueue} states left on queue.");
                    try
                    {
                        violation = CheckLiveness(model, graph!, liveness, output, options.NoWarning);
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
                    PrintTrace(lasso, output, options.DiffTrace);
                    if (!violation.Stuttering) { output.WriteLine($"Back to state {violation.LoopStart + 1}: <{violation.BackLabel}>"); output.WriteLine(); }
                    output.WriteLine($"Finished checking temporal properties in {FormatElapsed(livenessClock.Elapsed)} at {Now()}");
                    if (options.ItfTracePath is { } lassoPath) WriteOutputFile(output, lassoPath, () => WriteItf(model, lasso.Take(violation.States.Count).ToList(), lassoPath, $"Temporal property {violation.Property} is violated.", violation.Stuttering ? violation.States.Count - 1 : violation.LoopStart));
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
                if (model.Postcondition is { } post && !CheckPostcondition(model, post.Expr, result))
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
            PrintTrace(trace, output, options.DiffTrace);
            if (options.ItfTracePath is { } itfPath) WriteOutputFile(output, itfPath, () => WriteItf(model, trace, itfPath, message));
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
    private static Liveness.LivenessViolation? CheckLiveness(TlaModel model, StateGraph<Value[]> graph, Liveness.PreparedLiveness prepared, TextWriter output, bool noWarning)
    {
        if (model.HasSymmetry && !noWarning) output.WriteLine($"Warning: {Liveness.TlaLiveness.SymmetryWarning}");
        output.WriteLine($"Checking {model.TemporalProperties.Count} temporal propert{(model.TemporalProperties.Count == 1 ? "y" : "ies")} for the complete state space at ({Now()})");
        var liveness = Liveness.TlaLiveness.Check(model, graph, prepared);
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
        OutDegrees = result.OutDegrees,
        FingerprintSetBytes = result.FingerprintSetBytes,
    };

    private static CheckResult Summary(TlaModel model, SearchResult<Value[]> result, string? violated, string? message,
        IReadOnlyList<TraceState>? trace, TextWriter output, Stopwatch clock, long peak)
    {
        var printCounts = !result.FailedBeforeSearch;
        if (printCounts)
        {
            output.WriteLine($"{result.StatesGenerated} states generated, {result.DistinctStates} distinct states found, {result.StatesLeftOnQueue} states left on queue.");
            if (result.Depth is { } depth)
            {
                output.WriteLine($"The depth of the complete state graph search is {depth}.");
                // TLC 2.19 follows the depth with the out-degree statistics, after violations too.
                if (OutDegreeLine(result.OutDegrees) is { } outDegree) output.WriteLine(outDegree);
            }
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

    // TLC evaluates POSTCONDITION once, after the search, outside any state; TLCGet("stats") and
    // the other counters are the final ones there (trace specs compare the diameter with the log).
    private static bool CheckPostcondition(TlaModel model, Expr postcondition, SearchResult<Value[]> result)
    {
        var context = model.NewContext();
        context.Search = new Library.SearchCounters(result.StatesLeftOnQueue, result.StatesGenerated, result.DistinctStates, 0, result.Depth ?? 0);
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
    public static void PrintTrace(IReadOnlyList<TraceState> trace, TextWriter output, bool diff = false)
    {
        for (var i = 0; i < trace.Count; i++)
        {
            output.WriteLine($"State {i + 1}: {trace[i].Label}");
            if (trace[i].Label == "Stuttering") continue; // TLC prints the stuttering step's header only
            var names = trace[i].Variables.Select(static v => v.Name).ToArray();
            var values = trace[i].Variables.Select(static v => v.Value).ToArray();
            if (diff && i > 0 && trace[i - 1].Label != "Stuttering")
            {
                var changed = ChangedVariables(trace[i - 1], names, values);
                if (changed.Length > 0) output.WriteLine(changed);
            }
            else
            {
                output.WriteLine(trace[i].SpecVariables
                    ? TlcTracePrinter.FormatStateInTlcOrder(names, values)
                    : TlcTracePrinter.FormatState(names, values));
            }
            output.WriteLine();
        }
    }

    // -difftrace: as TLC, the variables whose value differs from the previous state, each as
    // "/\ x = v" (just "x = v" when the spec has one variable), in TLC's variable order.
    private static string ChangedVariables(TraceState previous, string[] names, Value[] values)
    {
        var before = previous.Variables.ToDictionary(static v => v.Name, static v => v.Value, StringComparer.Ordinal);
        var order = Enumerable.Range(0, names.Length).ToArray();
        if (names.Length > 1) order = TlcVariableOrder.Order(names);
        var lines = new List<string>();
        foreach (var i in order)
        {
            if (before.TryGetValue(names[i], out var old) && old.Equals(values[i])) continue;
            var line = TlcTracePrinter.FormatState([names[i]], [values[i]]);
            lines.Add(names.Length == 1 ? line : "/\\ " + line);
        }
        return string.Join('\n', lines);
    }

    // A file that cannot be written at the end (the folder vanished, the disk is full) must not
    // cost the verdict: one error line, and the run's result stands.
    private static void WriteOutputFile(TextWriter output, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"Error: cannot write {path}: {e.Message}");
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


    private static string FormatElapsed(TimeSpan elapsed) =>
        elapsed.TotalMinutes < 1 ? $"{(int)elapsed.TotalSeconds:00}s" : $"{(int)elapsed.TotalMinutes}min {elapsed.Seconds:00}s";

    /// <summary>
    /// TLC's line about the new states each expanded state produced: minimum, rounded mean,
    /// maximum and 95th percentile over buckets 0..31 (the last one also counts larger out-degrees);
    /// none when no state was expanded.
    /// </summary>
    internal static string? OutDegreeLine(IReadOnlyList<long>? buckets)
    {
        if (buckets is null) return null;
        long observations = 0, sum = 0;
        int min = -1, max = -1;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] == 0) continue;
            if (min < 0) min = i;
            max = i;
            observations += buckets[i];
            sum += buckets[i] * i;
        }
        if (observations == 0) return null;
        var mean = (long)Math.Floor(sum / (double)observations + 0.5); // Java's Math.round
        var position = (long)(observations * 0.95);
        long cumulative = 0;
        var percentile = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            cumulative += buckets[i];
            if (buckets[i] > 0 && cumulative > position)
            {
                percentile = i;
                break;
            }
        }
        return $"The average outdegree of the complete state graph is {mean} (minimum is {min}, the maximum {max} and the 95th percentile is {percentile}).";
    }

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
