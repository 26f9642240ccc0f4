using System.CommandLine;
using Verification.Cli.Explorer;
using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;
using Verification.Systematic.Strategies;
using Verification.Tla.Conformance;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify replay FILE [--conformance [--itf OUT.itf.json]]`: re-runs a schedule recorded by `verify test`
/// exactly (Coyote's `coyote replay`); with --conformance, with the system's conformance recorder
/// attached, as `verify test --conformance` ran it, and --itf writes the run's trace as the spec sees
/// it, for `verify validate`. Exit codes: 2 the bug reproduced (with --conformance: also a run that
/// does not conform), 0 the schedule ran without a bug, 1 bad or foreign file, or a system without
/// a refinement mapping.
/// </summary>
public static class ReplayCommand
{
    public static Command Create() => Create(ExplorerSystems.Registered);

    /// <summary>A `replay` command over the given systems (tests register their own), whose spec paths are relative to <paramref name="repositoryRoot"/> (default: <see cref="Cli.RepositoryRoot"/>).</summary>
    public static Command Create(Func<IReadOnlyList<SystemDefinition>> systems, Func<string>? repositoryRoot = null)
    {
        var file = new Argument<string>("schedule-file") { Description = "A schedule file written by `verify test`" };
        var conformance = new Option<bool>(ConformanceSession.ReplayOption)
        {
            Description = "Validate the replayed run's trace against the system's TLA+ spec, as `verify test --conformance` did (a non-conforming run is a bug)",
        };
        var itf = new Option<string?>("--itf") { Description = "With --conformance: write the replayed run's trace, through the refinement mapping, to this ITF JSON file (input of `verify validate`)" };
        var states = new Option<bool>(AbstractStates.Option) { Description = "Print the spec's variables (through the system's refinement mapping) after boot and the changed ones after each step" };
        var html = new Option<string?>(Reports.HtmlReport.Option) { Description = "Write an HTML report of the replayed run (space-time diagram, the spec's state per step, the verdict)" };
        var engine = new Option<string?>(Coyote.CoyoteRuns.EngineOption) { Description = "explorer (a schedule file of `verify test`, the default) or coyote (a .trace file of `verify test --engine coyote`)" };
        var assembly = ExplorerSystems.AssemblyOption();
        var command = new Command("replay", "Re-run a recorded failing schedule step by step and print its trace") { file, conformance, itf, states, html, engine, assembly };
        command.SetAction(int (parse) =>
        {
            var candidates = ExplorerSystems.Select(systems, parse.GetValue(assembly));
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(file)!;
            var validate = parse.GetValue(conformance);
            if (Coyote.CoyoteRuns.IsCoyote(parse.GetValue(engine))) return Coyote.CoyoteRuns.Replay(output, candidates(), path, validate, repositoryRoot?.Invoke());
            var itfPath = parse.GetValue(itf);
            if (itfPath is not null && !validate) throw new UserError("--itf writes the trace the conformance recorder sees: add --conformance");
            if (!File.Exists(path)) throw new UserError($"{path}: no such schedule file");
            TestReport report;
            SystemDefinition system;
            ConformanceRecorder? recorder = null;
            AbstractStateRecorder? stateRecorder = null;
            Reports.RunRecorder? runRecorder = null;
            IRefinementMapping? htmlMapping = null;
            var htmlPath = parse.GetValue(html);
            try
            {
                var schedule = ScheduleFile.Load(path);
                system = ExplorerSystems.Find(candidates(), schedule.System);
                // A run the spec-invariant monitor failed (`verify test`'s default) replays with that monitor.
                if (schedule.Detector?.StartsWith(SpecInvariantCheck.Detector(""), StringComparison.Ordinal) == true) system = new SpecInvariantsSetting(system, on: true);
                ScenarioInstrumentation? instrumentation = null;
                if (validate)
                {
                    var session = Conformance.TestConformance.Start(system, sample: 1, coverage: false, repositoryRoot?.Invoke());
                    instrumentation = new ScenarioInstrumentation(s => session.AttachToEveryRun(s, created => recorder = created), ConformanceSession.ReplayOption);
                }
                else if (schedule.Detector == ConformanceRecorder.DetectorName)
                {
                    throw new UserError($"{path}: the schedule recorded a run that does not conform to {schedule.System}'s spec; replay it with {ConformanceSession.ReplayOption}");
                }
                if (parse.GetValue(states))
                    instrumentation = AbstractStates.Instrument(AbstractStates.MappingOf(system), instrumentation, created => stateRecorder = created);
                if (htmlPath is not null)
                {
                    htmlMapping = ProtocolSystem.MappingOf(system);
                    var mapping = htmlMapping;
                    instrumentation = Reports.RunReports.Instrument(() => Reports.RunReports.NewRecorder(mapping), instrumentation, created => runRecorder = created);
                }
                report = TestingEngine.Replay(system, path, instrumentation);
            }
            catch (ScheduleFormatException e)
            {
                throw new UserError(e.Message);
            }
            catch (ScheduleMismatchException e)
            {
                throw new UserError($"{path}: {e.Message}");
            }
            output.WriteLine($"verify replay {path}: {report.SystemName}{(report.BugName is null ? "" : $" --bug {report.BugName}")}, {report.Strategy}, seed {report.Seed}");
            if (htmlPath is not null && runRecorder is { Recorded: true })
            {
                var title = report.Bug is { } shown ? $"{report.SystemName}: {shown.Detector} at step {shown.FailingStep} (replayed)" : $"{report.SystemName}: replayed schedule, no bug";
                var verdict = report.Bug is { } failed ? Reports.RunReports.VerdictOf(failed)
                    : recorder?.ResultSoFar.Verdict == ConformanceVerdict.Conforms ? new Reports.ReportVerdict("no bug", $"{report.Steps} steps replayed; the run conforms to the spec of {system.Name}", null, Failed: false)
                    : new Reports.ReportVerdict("no bug", $"{report.Steps} steps replayed, no bug", null, Failed: false);
                Reports.RunReports.WriteAndPoint(output, Reports.RunReports.Build(runRecorder, htmlMapping, title, [$"verify replay {path}"], verdict, report.Bug?.Trace ?? report.ReplayedTrace), htmlPath);
            }
            if (recorder is not null)
            {
                // A system monitor that failed the run mid-step kept the recorder from that step's end.
                if (report.Bug is { Detector: not ConformanceRecorder.DetectorName } failed && failed.Trace.Count > 0)
                    recorder.IncludeFailingStep();
                PrintConformance(output, system, recorder, report.Bug);
                if (itfPath is not null) WriteItf(output, system, recorder, itfPath, repositoryRoot?.Invoke() ?? Cli.SystemsRoot());
            }
            if (report.Bug is { } bug)
            {
                output.WriteLine(stateRecorder is null ? bug.Describe() : AbstractStates.Describe(bug, stateRecorder));
                if (report.ExpectedDetector is { } expected && expected != bug.Detector)
                {
                    // With the spec watching, the run may leave the spec before the recorded bug shows:
                    // that is the bug this replay reports (one diagnosis), not a failure to reproduce.
                    if (validate && bug.Detector == ConformanceRecorder.DetectorName)
                    {
                        output.WriteLine($"  note: the schedule recorded a '{expected}' bug; with {ConformanceSession.ReplayOption} the run fails earlier, at step {bug.FailingStep}, where it leaves the spec");
                        return TestCommand.BugFoundExitCode;
                    }
                    throw new UserError($"{path}: the schedule recorded a '{expected}' bug but the replay found '{bug.Detector}'");
                }
                return TestCommand.BugFoundExitCode;
            }
            if (stateRecorder is not null) AbstractStates.PrintTrace(output, report.ReplayedTrace ?? [], stateRecorder);
            output.WriteLine($"  {report.Steps} steps replayed, no bug");
            if (report.ExpectedDetector is { } missing)
                throw new UserError($"{path}: the recorded '{missing}' bug did not reproduce");
            return 0;
        });
        return command;
    }

    private static void PrintConformance(TextWriter output, SystemDefinition system, ConformanceRecorder recorder, BugReport? bug)
    {
        var result = recorder.ResultSoFar;
        switch (result.Verdict)
        {
            case ConformanceVerdict.Conforms:
                output.WriteLine($"  conformance: the replayed run conforms to the spec of {system.Name} ({result.StepsValidated:N0} steps validated)");
                break;
            case ConformanceVerdict.DoesNotConform when bug?.Detector == ConformanceRecorder.DetectorName:
                output.WriteLine($"  conformance: the replayed run does NOT conform to the spec of {system.Name} (the diagnosis is in the bug below)");
                break;
            case ConformanceVerdict.DoesNotConform:
                // Another detector failed the run first; the spec rejects the run as well.
                output.WriteLine($"  conformance: the replayed run does NOT conform either: {recorder.FailureMessage!.Replace("\n", "\n  ", StringComparison.Ordinal)}");
                break;
            default:
                output.WriteLine($"  conformance: the replayed run could not be validated against the spec of {system.Name}: {result.InconclusiveReason}");
                break;
        }
    }

    private static void WriteItf(TextWriter output, SystemDefinition system, ConformanceRecorder recorder, string itfPath, string root)
    {
        try
        {
            recorder.WriteItf(itfPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserError($"{itfPath}: cannot write the ITF trace: {e.Message}");
        }
        string Relative(string repositoryPath) => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(root, repositoryPath));
        output.WriteLine($"  ITF trace of {recorder.Steps:N0} states written to {itfPath}; validate it with: verify validate {itfPath} --spec {Relative(system.Spec!)} -config {Relative(system.ConformanceConfig!)}");
    }
}
