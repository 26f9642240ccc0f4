using Verification.Systematic.Engine;
using Verification.Systematic.Tests.Systems;
using Xunit.Abstractions;

namespace Verification.Systematic.Tests;

public class ExplorerSmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("random")]
    [InlineData("probabilistic")]
    [InlineData("pct")]
    [InlineData("fair-pct")]
    [InlineData("pos")]
    [InlineData("delay-bounding")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Smoke(string strategy)
    {
        foreach (var system in new SystemDefinition[] { new RegisterSystem(), new PingPongSystem(), new LeaderElectionSystem() })
        {
            var config = new TestConfiguration { Strategy = strategy, Iterations = 2000, Seed = 1, ReportDirectory = "/tmp/explorer-smoke" };
            var buggy = TestingEngine.Run(system, system.Bugs[0].Name, config);
            output.WriteLine($"{system.Name} bug: {buggy.Summary()}");
            if (buggy.Bug is { } b) output.WriteLine(b.Describe());
            var fixedReport = TestingEngine.Run(system, null, config);
            output.WriteLine($"{system.Name} fixed: {fixedReport.Summary()}");
            if (fixedReport.Bug is { } f) output.WriteLine(f.Describe());
        }
    }
}
