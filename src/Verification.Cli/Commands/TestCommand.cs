using System.CommandLine;
using System.Globalization;
using Verification.Cli.Explorer;
using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify test SYSTEM`: systematic testing of a registered system (Coyote's `coyote test`).
/// Exit codes: 0 no bug found, 2 bug found (Coyote's), 3 inconclusive (no iteration completed within
/// the time budget, or no run got past the fault phase to judge liveness), 1 bad input.
/// </summary>
public static class TestCommand
{
    public const int BugFoundExitCode = 2;

    /// <summary>The flag that leaves the spec-invariant monitor out of the system's scenarios.</summary>
    public const string SpecInvariantsOption = "--no-spec-invariants";

    /// <summary>No bug, and no verdict: nothing explored, or the bound too small to judge liveness.</summary>
    public const int InconclusiveExitCode = 3;

    public static Command Create() => Create(ExplorerSystems.Registered);

    /// <summary>A `test` command over the given systems (tests register their own), whose spec paths are relative to <paramref name="repositoryRoot"/> (default: <see cref="Cli.RepositoryRoot"/>).</summary>
    public static Command Create(Func<IReadOnlyList<SystemDefinition>> systems, Func<string>? repositoryRoot = null)
    {
        var systemArgument = new Argument<string>("system") { Description = "The system to test (see `verify list`)" };
        var strategy = new Option<string>("--strategy", "-s")
        {
            Description = $"Exploration strategy: {StrategyCatalog.Describe()}",
            DefaultValueFactory = _ => "random",
        };
        var iterations = new Option<int>("--iterations", "-i") { Description = "Number of iterations (schedules) to run", DefaultValueFactory = _ => 100 };
        var maxSteps = new Option<int?>("--max-steps", "-ms") { Description = "Unfair step bound per iteration (fair strategies get 10x); default: the system's" };
        var maxFairSteps = new Option<int?>("--max-fair-steps") { Description = "Step bound of fair strategies; default 10 x --max-steps" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the campaign; the same seed gives the same schedules", DefaultValueFactory = _ => 1UL };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Worker threads (0 = all cores); the result does not depend on it", DefaultValueFactory = _ => 1 };
        var bug = new Option<string?>("--bug") { Description = "Switch on a seeded bug of the system (see `verify list`)" };
        var bound = new Option<int?>("--bound", "-sv") { Description = "Strategy bound: PCT depth d, probabilistic coin flips, delay-bounding delays" };
        var noShrink = new Option<bool>("--no-shrink") { Description = "Report the failing schedule as found, without minimizing it" };
        var reportDirectory = new Option<string?>("--report-dir") { Description = "Folder for schedule files (default: verify-schedules-USER in the temp directory)" };
        var conformance = new Option<bool>("--conformance") { Description = "Validate the trace of every explored schedule against the system's TLA+ spec; a non-conforming trace is a bug" };
        var sample = new Option<int>("--sample") { Description = "With --conformance: validate every Nth schedule only", DefaultValueFactory = _ => 1 };
        var timeBudget = new Option<double?>("--time-budget") { Description = "Stop after this many seconds even if iterations remain" };
        var states = new Option<bool>(AbstractStates.Option) { Description = "In a bug report, print the spec's variables (through the system's refinement mapping) after boot and the changed ones after each step" };
        var html = new Option<string?>(Reports.HtmlReport.Option) { Description = "Write an HTML report (space-time diagram, the spec's state per step) of the failing run, or of the first explored schedule when no bug is found" };
        var threshold = new Option<int?>("--liveness-temperature-threshold") { Description = "Steps a liveness monitor may stay hot under a fair schedule; default half the fair bound" };
        var noSpecInvariants = new Option<bool>(SpecInvariantsOption) { Description = "Leave out the spec-invariant monitor (the INVARIANTs of the system's conformance model, evaluated after every step on the state its refinement mapping gives)" };
        var engine = new Option<string?>(Coyote.CoyoteRuns.EngineOption) { Description = "explorer (ours, the default) or coyote (the same nodes as actors under Microsoft Coyote; strategies: " + string.Join(", ", Verification.Coyote.CoyoteEngine.Strategies) + ")" };

        var assembly = ExplorerSystems.AssemblyOption();
        var command = new Command("test", "Explore schedules of a system (messages, timers, faults) and report the first bug with a replayable schedule")
        {
            systemArgument, strategy, iterations, maxSteps, maxFairSteps, seed, parallel, bug, bound, noShrink, reportDirectory, timeBudget, conformance, sample, threshold, states, html, engine, assembly, noSpecInvariants,
        };
        command.SetAction(int (parse) =>
        {
            var candidates = ExplorerSystems.Select(systems, parse.GetValue(assembly));
            var output = parse.InvocationConfiguration.Output;
            var system = ExplorerSystems.Find(candidates(), parse.GetValue(systemArgument)!);
            system = new SpecInvariantsSetting(system, on: !parse.GetValue(noSpecInvariants));
            var strategyName = parse.GetValue(strategy)!;
            if (Coyote.CoyoteRuns.IsCoyote(parse.GetValue(engine)))
            {
                if (parse.GetValue(states) || parse.GetValue(html) is not null || parse.GetValue(parallel) != 1 || parse.GetValue(timeBudget) is not null || parse.GetValue(noShrink))
                    throw new UserError($"{AbstractStates.Option}, {Reports.HtmlReport.Option}, --parallel, --time-budget and --no-shrink belong to our explorer; Coyote runs one iteration at a time and reports its trace unshrunk");
                string? coyoteBug;
                try
                {
                    coyoteBug = TestingEngine.ResolveBug(system, parse.GetValue(bug));
                }
                catch (ArgumentException e)
                {
                    throw new UserError(e.Message);
                }
                return Coyote.CoyoteRuns.Test(output, system, coyoteBug, new Verification.Coyote.CoyoteOptions
                {
                    Strategy = strategyName,
                    Iterations = parse.GetValue(iterations),
                    Seed = parse.GetValue(seed),
                    MaxSteps = parse.GetValue(maxSteps),
                    MaxFairSteps = parse.GetValue(maxFairSteps),
                    StrategyBound = parse.GetValue(bound),
                    LivenessTemperatureThreshold = parse.GetValue(threshold),
                    ReportDirectory = parse.GetValue(reportDirectory),
                }, parse.GetValue(conformance), parse.GetValue(sample), repositoryRoot?.Invoke(), AssemblyReplayOption(parse.GetValue(assembly)));
            }
            if (!StrategyCatalog.IsKnown(strategyName))
                throw new UserError($"unknown strategy '{strategyName}' (expected one of: {StrategyCatalog.Describe()})");
            string? bugName;
            try
            {
                bugName = TestingEngine.ResolveBug(system, parse.GetValue(bug));
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message);
            }
            var workers = parse.GetValue(parallel);
            if (workers < 0) throw new UserError($"--parallel must be 0 (all cores) or positive, not {workers}");
            if (workers == 0) workers = Environment.ProcessorCount;
            var budgetSeconds = parse.GetValue(timeBudget);
            if (budgetSeconds is { } b && !(b > 0 && b <= TimeSpan.MaxValue.TotalSeconds / 2))
                throw new UserError($"--time-budget must be a positive number of seconds, not {b.ToString(CultureInfo.InvariantCulture)}");
            var mapping = parse.GetValue(states) ? AbstractStates.MappingOf(system) : null;
            var iterationCount = parse.GetValue(iterations);
            if (iterationCount < 1) throw new UserError($"--iterations must be at least 1, not {iterationCount}: nothing would be tested");

            var config = new TestConfiguration
            {
                Strategy = strategyName,
                Iterations = iterationCount,
                MaxSteps = parse.GetValue(maxSteps),
                MaxFairSteps = parse.GetValue(maxFairSteps),
                Seed = parse.GetValue(seed),
                Parallel = workers,
                StrategyBound = parse.GetValue(bound),
                Shrink = !parse.GetValue(noShrink),
                ReportDirectory = parse.GetValue(reportDirectory),
                TimeBudget = budgetSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
                LivenessTemperatureThreshold = parse.GetValue(threshold),
                // The replay finds a system of the user's assembly only when told where it is.
                ReplayOptions = AssemblyReplayOption(parse.GetValue(assembly)),
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verify test {system.Name}{(bugName is null ? "" : $" --bug {bugName}")}: strategy {strategyName}, {config.Iterations:N0} iterations, seed {config.Seed}, max steps {config.MaxSteps ?? system.DefaultMaxSteps:N0}, {workers} worker{(workers == 1 ? "" : "s")}"));

            TestReport report;
            string? withStates = null;
            var htmlPath = parse.GetValue(html);
            var htmlMapping = htmlPath is null ? null : ProtocolSystem.MappingOf(system);
            Reports.RunRecorder? runRecorder = null;
            try
            {
                var session = parse.GetValue(conformance) ? Conformance.TestConformance.Start(system, parse.GetValue(sample), repositoryRoot: repositoryRoot?.Invoke()) : null;
                // For the report of a run without a bug: the first explored schedule (iteration 0), recorded as the campaign runs it.
                var firstRun = htmlPath is null ? null : Reports.RunReports.Instrument(
                    () => Reports.RunReports.NewRecorder(htmlMapping, iteration: 0, recording: r => runRecorder = r), session?.Instrumentation(), static _ => { });
                report = session is null
                    ? ExplorerOutput.RunWithProgress(output, progress => TestingEngine.Run(system, bugName, config with { Progress = progress }, firstRun))
                    : firstRun is null
                        ? ExplorerOutput.RunWithProgress(output, progress => Conformance.TestConformance.Run(system, bugName, config with { Progress = progress }, session))
                        : ExplorerOutput.RunWithProgress(output, progress => TestingEngine.Run(system, bugName, config with { Progress = progress }, firstRun));
                if (session is not null) Conformance.TestConformance.PrintSummary(session, output);
                if (mapping is not null && report.Bug is { ScheduleFile: { } file } found)
                {
                    // The reported schedule replayed with a state recorder (and the campaign's recorder, if any).
                    AbstractStateRecorder? recorder = null;
                    var instrumentation = AbstractStates.Instrument(mapping, session?.Instrumentation(), created => recorder = created);
                    var replay = TestingEngine.Replay(system, file, instrumentation);
                    if (recorder is not null && replay.Bug is { } again && again.Detector == found.Detector)
                        withStates = AbstractStates.Describe(found, recorder);
                }
                if (htmlPath is not null && report.Bug is { ScheduleFile: { } reported })
                {
                    // The reported (shrunk) schedule replayed with a run recorder, instrumented as the campaign was.
                    Reports.RunRecorder? replayed = null;
                    var instrumentation = Reports.RunReports.Instrument(() => Reports.RunReports.NewRecorder(htmlMapping), session?.Instrumentation(), created => replayed = created);
                    TestingEngine.Replay(system, reported, instrumentation);
                    runRecorder = replayed;
                }
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message);
            }
            catch (IOException e)
            {
                throw new UserError($"cannot write schedule files: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UserError($"cannot write schedule files: {e.Message}");
            }
            ExplorerOutput.PrintReport(output, report, withStates);
            SpecInvariantsSummary.Print(output, system);
            if (htmlPath is not null) WriteHtml(output, htmlPath, system, bugName, strategyName, config, report, runRecorder, htmlMapping);
            return report.BugFound ? BugFoundExitCode : report.Inconclusive ? InconclusiveExitCode : 0;
        });
        return command;
    }

    private static void WriteHtml(TextWriter output, string path, SystemDefinition system, string? bugName, string strategy, TestConfiguration config, TestReport report, Reports.RunRecorder? recorder, IRefinementMapping? mapping)
    {
        if (recorder is null || !recorder.Recorded)
        {
            output.WriteLine($"  html report: not written (no run was recorded{(report.ExploredNothing ? ": nothing was explored" : "")})");
            return;
        }
        var command = string.Create(CultureInfo.InvariantCulture, $"verify test {system.Name}{(bugName is null ? "" : $" --bug {bugName}")} --strategy {strategy} --seed {config.Seed}");
        var model = report.Bug is { } bug
            ? Reports.RunReports.Build(recorder, mapping, $"{system.Name}: {bug.Detector} at step {bug.FailingStep}", [command, $"the reported schedule ({bug.ShrunkLength} steps): {bug.ReplayCommand}"], Reports.RunReports.VerdictOf(bug), bug.Trace)
            : Reports.RunReports.Build(recorder, mapping, $"{system.Name}: the first explored schedule (no bug found)", [command, "iteration 1 of the campaign"],
                new Reports.ReportVerdict("no bug found", report.Summary().Split('\n')[0], null, Failed: false));
        Reports.RunReports.WriteAndPoint(output, model, path);
    }

    /// <summary>`--assembly PATH` for a report's replay command when the system came from the user's assembly, else nothing.</summary>
    private static string AssemblyReplayOption(string? assembly) =>
        assembly is null ? "" : $"{ExplorerSystems.AssemblyOptionName} {TestingEngine.Quote(Path.GetFullPath(assembly))}";
}
