using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Checking;
using Verification.Tla.Conformance;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify validate TRACE... --spec SPEC.tla [-config CFG]`: trace validation. Exit 0 when every
/// trace conforms, 12 (TLC's safety-violation code) when one does not (with the diagnosis), 152 when
/// the search over a partial trace hit its frontier bound (no verdict), 75 when evaluating the spec
/// failed, 150/151 for an unusable spec or cfg, 1 for a malformed trace (one located line).
/// </summary>
public static class ValidateCommand
{
    public const int Inconclusive = ExitCodes.StateSpaceTooLarge;

    public static Command Create()
    {
        var traces = new Argument<string[]>("trace")
        {
            Description = "Trace files: ITF JSON (.itf.json, complete or partial), NDJSON event logs (.ndjson), per-node logs with vector clocks " +
                          "(validated together as one run), or folders of per-node logs",
            Arity = ArgumentArity.OneOrMore,
        };
        var spec = new Option<string>("--spec", "-spec") { Description = "The root module (SPEC.tla)", Required = true };
        var config = new Option<string?>("-config", "--config") { Description = "The model configuration (default: SPEC.cfg next to the spec)" };
        var maxFrontier = new Option<int>("--max-frontier")
        {
            Description = "Spec states tracked per trace position when the trace leaves variables out; past it the result is inconclusive",
            DefaultValueFactory = _ => 100_000,
        };
        var coverage = new Option<bool>("--coverage") { Description = "Print which spec actions (and arguments) the traces exercised" };
        var library = CheckCommand.LibraryOption();
        var merge = new Option<bool>("--merge") { Description = "Validate all the given logs as one run (per-node logs are merged without this flag; it merges logs of other programs, read through a mapping)" };
        var map = new Option<string?>("--map") { Description = "A mapping file (JSON) saying how the events of logs written by other programs become spec steps (default: LOG.map.json next to each log)" };
        var mergeOut = new Option<string?>("--merge-out") { Description = "Write the order of the merged logs' lines that conforms as one NDJSON file" };
        var html = new Option<string?>(Reports.HtmlReport.Option) { Description = "Write an HTML report of the first trace that does not conform (else of the first trace): its states, changed variables highlighted, the diagnosis at its step" };
        var command = new Command("validate", "Check implementation traces against a TLA+ spec (trace validation), with a diagnosis of the first step the spec does not allow")
        {
            traces, spec, config, maxFrontier, coverage, library, html, merge, map, mergeOut,
        };
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var frontier = parse.GetValue(maxFrontier);
            if (frontier < 1) throw new UserError($"--max-frontier must be positive, not {frontier}");
            return Run(parse.GetValue(traces)!, parse.GetValue(spec)!, parse.GetValue(config), frontier, parse.GetValue(coverage), output,
                parse.GetValue(library) ?? [], parse.GetValue(html), new MergeOptions(parse.GetValue(merge), parse.GetValue(map), parse.GetValue(mergeOut)));
        });
        return command;
    }

    /// <summary>How logs are merged: <see cref="Merge"/> forces one run of all logs, <see cref="Map"/> reads logs of other programs, <see cref="Output"/> gets the conforming order.</summary>
    public sealed record MergeOptions(bool Merge = false, string? Map = null, string? Output = null);

    public static int Run(IReadOnlyList<string> tracePaths, string specPath, string? configPath, int maxFrontier, bool printCoverage, TextWriter output,
        IReadOnlyList<string>? libraryFolders = null, string? htmlPath = null, MergeOptions? merging = null)
    {
        merging ??= new MergeOptions();
        (ObservedTrace Trace, ValidationResult Result)? shown = null;
        if (!specPath.EndsWith(".tla", StringComparison.Ordinal) && !File.Exists(specPath) && File.Exists(specPath + ".tla")) specPath += ".tla";
        ConformanceSpec spec;
        try
        {
            spec = ConformanceSpec.Load(specPath, configPath, libraryFolders);
        }
        catch (ConformanceSetupException e)
        {
            throw new UserError(e.Message, e.ExitCode);
        }
        var options = new ValidationOptions { MaxFrontier = maxFrontier, RecordCoverage = printCoverage };
        var validator = new TraceValidator(spec, options);
        var table = new ConformanceCoverage(spec);
        var exit = ExitCodes.Success;
        var (runs, singles) = LogRuns.Group(tracePaths, merging);
        if (merging.Output is not null && runs.Count != 1)
            throw new UserError($"--merge-out needs exactly one run of per-node logs to merge; {(runs.Count == 0 ? "none was given" : $"{runs.Count} were given")}");
        foreach (var run in runs)
        {
            var code = LogRuns.Validate(run, spec, validator, merging, output);
            if (exit == ExitCodes.Success || (exit != ExitCodes.SafetyViolation && code == ExitCodes.SafetyViolation)) exit = code;
        }
        foreach (var path in singles)
        {
            ObservedTrace trace;
            try
            {
                trace = TraceReader.ReadFile(path, spec);
            }
            catch (TraceFormatException e)
            {
                throw new UserError(e.Message);
            }
            var clock = Stopwatch.StartNew();
            ValidationResult result;
            try
            {
                result = validator.Validate(trace);
            }
            catch (TraceFormatException e)
            {
                // A label whose arguments no instance of its action can take: the trace is mislabelled.
                throw new UserError(e.Message);
            }
            clock.Stop();
            table.Add(result);
            if (shown is null || (shown.Value.Result.Verdict != ConformanceVerdict.DoesNotConform && result.Verdict == ConformanceVerdict.DoesNotConform))
                shown = (trace, result);
            var rate = clock.Elapsed.TotalSeconds > 0 ? (result.StepsValidated / clock.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
            switch (result.Verdict)
            {
                case ConformanceVerdict.Conforms:
                    output.WriteLine($"{path}: conforms ({trace.Events.Count:N0} state{(trace.Events.Count == 1 ? "" : "s")}, {result.StepsValidated:N0} step{(result.StepsValidated == 1 ? "" : "s")} validated, {rate} steps/s, largest frontier {result.LargestFrontier:N0}).");
                    break;
                case ConformanceVerdict.DoesNotConform:
                    output.WriteLine($"{path}: does NOT conform.");
                    output.WriteLine(result.Diagnosis!.Describe());
                    exit = ExitCodes.SafetyViolation;
                    break;
                default:
                    output.WriteLine($"{path}: inconclusive: {result.InconclusiveReason}");
                    if (exit == ExitCodes.Success) exit = result.FrontierBoundHit ? Inconclusive : ExitCodes.EvaluationError;
                    break;
            }
        }
        if (htmlPath is not null && shown is { } report)
        {
            var title = $"{Path.GetFileName(report.Trace.Source)}: {(report.Result.Verdict switch { ConformanceVerdict.Conforms => "conforms to", ConformanceVerdict.DoesNotConform => "does NOT conform to", _ => "could not be validated against" })} {Path.GetFileName(specPath)}";
            Reports.HtmlReport.Write(Reports.TraceReports.FromObserved(report.Trace, report.Result, title), htmlPath);
            output.WriteLine($"html report: {htmlPath} ({report.Trace.Events.Count:N0} states of {report.Trace.Source}; open it in a browser)");
        }
        if (printCoverage)
        {
            output.WriteLine();
            output.WriteLine(table.FormatTable());
        }
        return exit;
    }
}
