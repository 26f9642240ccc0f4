namespace Verification.Systematic.Engine;

/// <summary>Thrown by <see cref="Explore"/> assertions; the message holds the report and the replay command.</summary>
public sealed class ExplorationAssertionException(string message) : Exception(message);

/// <summary>
/// Test-framework-neutral assertions so a protocol test reads "run this system under this strategy
/// and budget; assert no bug" or "assert bug X is found". A failing assertion's message contains
/// the bug report and the `verify replay` command.
/// </summary>
public static class Explore
{
    public static TestReport AssertNoBug(SystemDefinition system, string? bug, TestConfiguration config)
    {
        var report = TestingEngine.Run(system, bug, config);
        if (report.Bug is { } found)
            throw new ExplorationAssertionException($"expected no bug, but the explorer found one.\n{report.Summary()}\n{found.Describe()}");
        return report;
    }

    public static TestReport AssertNoBug(string systemName, Func<Scenario> scenario, TestConfiguration config)
    {
        var report = TestingEngine.Run(systemName, scenario, config);
        if (report.Bug is { } found)
            throw new ExplorationAssertionException($"expected no bug, but the explorer found one.\n{report.Summary()}\n{found.Describe()}");
        return report;
    }

    /// <param name="expectedDetector">The monitor name, "exception", "deadlock" or "liveness:&lt;monitor&gt;"; "liveness" accepts any liveness monitor; null accepts any bug.</param>
    public static BugReport AssertFindsBug(SystemDefinition system, string? bug, TestConfiguration config, string? expectedDetector = null) =>
        Check(TestingEngine.Run(system, bug, config), expectedDetector);

    public static BugReport AssertFindsBug(string systemName, Func<Scenario> scenario, TestConfiguration config, string? expectedDetector = null) =>
        Check(TestingEngine.Run(systemName, scenario, config), expectedDetector);

    private static BugReport Check(TestReport report, string? expectedDetector)
    {
        if (report.Bug is not { } found)
            throw new ExplorationAssertionException(
                $"expected the explorer to find {(expectedDetector is null ? "a bug" : $"a '{expectedDetector}' bug")}, but it found none.\n{report.Summary()}");
        if (expectedDetector is not null && !Matches(found.Detector, expectedDetector))
            throw new ExplorationAssertionException($"expected a '{expectedDetector}' bug, but the explorer found a '{found.Detector}' bug.\n{found.Describe()}");
        return found;
    }

    private static bool Matches(string detector, string expected) =>
        string.Equals(detector, expected, StringComparison.Ordinal)
        || (expected == "liveness" && detector.StartsWith("liveness:", StringComparison.Ordinal));
}
