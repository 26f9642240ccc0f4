using System.Globalization;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Conformance;

namespace Verification.Cli.Conformance;

/// <summary>
/// What `verify test SYSTEM --conformance [--sample N]` needs: a session that validates the trace
/// of every (or every Nth) explored schedule against the system's spec in-line, the campaign run
/// with it (a non-conforming run is a bug whose detector is "conformance", message = the
/// diagnosis), and the summary lines printed after the campaign.
/// </summary>
public static class TestConformance
{
    /// <summary>
    /// The session for the system, or a one-line <see cref="UserError"/> (no mapping, no spec, spec
    /// errors); the system's spec paths are relative to <paramref name="repositoryRoot"/> (default: <see cref="Cli.RepositoryRoot"/>).
    /// </summary>
    public static ConformanceSession Start(SystemDefinition system, int sample, bool coverage = true, string? repositoryRoot = null)
    {
        if (sample < 1) throw new UserError($"--sample must be positive, not {sample}");
        try
        {
            return ConformanceSession.For(system, repositoryRoot ?? Cli.SystemsRoot(), new ValidationOptions { RecordCoverage = coverage }, sample);
        }
        catch (ConformanceSetupException e)
        {
            throw new UserError(e.Message, e.ExitCode);
        }
    }

    /// <summary>
    /// Runs the campaign with the session's recorders attached to the system's scenarios; a failing
    /// schedule replays with `verify replay FILE --conformance`.
    /// </summary>
    public static TestReport Run(SystemDefinition system, string? bug, TestConfiguration config, ConformanceSession session) =>
        TestingEngine.Run(system, bug, config, session.Instrumentation());

    /// <summary>"Conformance: N traces validated against SPEC, M steps; K inconclusive" and the coverage table.</summary>
    public static void PrintSummary(ConformanceSession session, TextWriter output, bool coverageTable = true)
    {
        var line = string.Format(CultureInfo.InvariantCulture,
            "Conformance: {0:N0} run traces validated against the spec of {1} ({2:N0} steps); {3:N0} not conforming, {4:N0} inconclusive.",
            session.TracesChecked, session.Mapping.System, session.StepsValidated, session.NonConforming, session.Inconclusive);
        output.WriteLine(line);
        if (session.StepsValidated > 0)
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  validation: {0:N0} steps/s ({1:F2} s spent validating)", session.StepsPerSecond, session.ValidationTime.TotalSeconds));
        if (session.FirstInconclusiveReason is { } reason) output.WriteLine($"  first inconclusive run: {reason}");
        if (coverageTable && session.Options.RecordCoverage)
        {
            output.WriteLine();
            output.WriteLine(session.Coverage.FormatTable());
        }
    }
}
