using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Commit;

internal static class CommitTestKit
{
    /// <summary>Portfolio schedules at seed 1, as `verify all` and the catalog tests explore.</summary>
    public static TestConfiguration Portfolio(int iterations) => new()
    {
        Strategy = "portfolio",
        Iterations = iterations,
        Seed = 1,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-commit-tests"),
    };
}
