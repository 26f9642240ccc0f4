using Verification.Coyote;
using Verification.Protocols;
using Verification.Systematic.Engine;
using Xunit.Abstractions;

namespace Verification.Coyote.Tests;

public sealed class DebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var system = SystemCatalog.Find(SystemCatalog.Discover(ProtocolsAssembly.Assembly), Environment.GetEnvironmentVariable("PROBE_SYSTEM") ?? "Raft")!;
        var report = CoyoteEngine.Run(system, Environment.GetEnvironmentVariable("PROBE_BUG"), new CoyoteOptions { Iterations = 1, WriteTrace = false });
        output.WriteLine(report.Summary());
        output.WriteLine(string.Join("\n", CoyoteEngine.LastLabels ?? []));
    }
}
