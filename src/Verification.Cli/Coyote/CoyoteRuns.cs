using System.Globalization;
using Verification.Cli.Commands;
using Verification.Cli.Explorer;
using Verification.Coyote;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Cli.Coyote;

/// <summary>`verify test SYSTEM --engine coyote` and `verify replay --engine coyote FILE`: the same nodes under Microsoft Coyote's TestingEngine.</summary>
internal static class CoyoteRuns
{
    public const string EngineOption = "--engine";

    /// <summary>The engine named by --engine: "explorer" (ours, the default) or "coyote"; anything else is a one-line error.</summary>
    public static bool IsCoyote(string? engine) => engine switch
    {
        null or "explorer" => false,
        "coyote" => true,
        _ => throw new UserError($"unknown engine '{Verification.Tla.Messages.Quote(engine)}' (expected explorer or coyote)"),
    };

    /// <param name="replayOptions">Flags the printed replay command needs to find the system (`--assembly PATH`).</param>
    public static int Test(TextWriter output, SystemDefinition system, string? bug, CoyoteOptions options, bool conformance, int sample, string? repositoryRoot, string replayOptions = "")
    {
        try
        {
            CoyoteEngine.Validate(options);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message);
        }
        var session = conformance ? Conformance.TestConformance.Start(system, sample, repositoryRoot: repositoryRoot) : null;
        if (session is not null) options = options with { Instrument = session.Attach, ReplayOptions = ConformanceSession.ReplayOption };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify test {system.Name}{(bug is null ? "" : $" --bug {bug}")} --engine coyote: strategy {options.Strategy}, {options.Iterations:N0} iterations, seed {options.Seed}, max steps {options.MaxSteps ?? system.DefaultMaxSteps:N0}{(CoyoteEngine.IsFair(options.Strategy) ? " (fair: 10x)" : "")}"));
        CoyoteReport report;
        try
        {
            report = CoyoteEngine.Run(system, bug, options);
        }
        catch (IOException e)
        {
            throw new UserError($"cannot write the Coyote trace: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserError($"cannot write the Coyote trace: {e.Message}");
        }
        if (session is not null)
        {
            session.CountIterationsBelow(report.Iterations);
            Conformance.TestConformance.PrintSummary(session, output);
        }
        output.WriteLine(report.Summary());
        if (report.Bug is { } found) output.WriteLine(found.Describe(replayOptions: replayOptions));
        return report.BugFound ? TestCommand.BugFoundExitCode : report.Inconclusive ? TestCommand.InconclusiveExitCode : 0;
    }

    public static int Replay(TextWriter output, IReadOnlyList<SystemDefinition> systems, string path, bool conformance, string? repositoryRoot)
    {
        CoyoteTraceFile.Loaded loaded;
        try
        {
            loaded = CoyoteTraceFile.Load(path);
        }
        catch (CoyoteTraceFormatException e)
        {
            throw new UserError(e.Message);
        }
        var system = ExplorerSystems.Find(systems, loaded.System);
        var options = loaded.Options;
        var validate = conformance || loaded.Options.ReplayOptions.Contains(ConformanceSession.ReplayOption, StringComparison.Ordinal);
        ConformanceRecorder? recorder = null;
        if (validate)
        {
            var session = Conformance.TestConformance.Start(system, sample: 1, coverage: false, repositoryRoot);
            options = options with { Instrument = s => session.AttachToEveryRun(s, created => recorder = created) };
        }
        CoyoteReport report;
        try
        {
            report = CoyoteEngine.Replay(system, loaded.Bug, options, loaded.Trace);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"{path}: {e.Message}");
        }
        output.WriteLine($"verify replay --engine coyote {path}: {system.Name}{(loaded.Bug is null ? "" : $" --bug {loaded.Bug}")}, {options.Strategy}, seed {options.Seed}{(validate ? ", with the conformance recorder" : "")}");
        if (recorder is not null && recorder.ResultSoFar.Verdict == Verification.Tla.Conformance.ConformanceVerdict.Conforms)
            output.WriteLine($"  conformance: the replayed run conforms to the spec of {system.Name} so far ({recorder.Steps:N0} states recorded)");
        if (report.Bug is { } bug)
        {
            output.WriteLine(bug.Describe());
            if (loaded.Detector is { } expected && expected != bug.Detector && bug.Detector != ConformanceRecorder.DetectorName)
                throw new UserError($"{path}: the trace recorded a '{expected}' bug but the replay found '{bug.Detector}'");
            return TestCommand.BugFoundExitCode;
        }
        output.WriteLine(report.Summary());
        if (loaded.Detector is { } missing) throw new UserError($"{path}: the recorded '{missing}' bug did not reproduce");
        return 0;
    }
}
