using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.FailureDetectors;

internal static class FailureDetectorTestKit
{
    /// <summary>A campaign of <paramref name="iterations"/> schedules of <paramref name="strategy"/> at seed 1.</summary>
    public static TestConfiguration Budget(string strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        Seed = 1,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-failure-detector-tests"),
    };
}
