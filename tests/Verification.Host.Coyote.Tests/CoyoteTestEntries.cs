using Microsoft.Coyote.SystematicTesting;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// The same iteration for Coyote's own command line, which finds methods marked [Test] in the
/// rewritten assembly: `coyote test Verification.Host.Coyote.Tests.dll -m
/// Verification.Host.Coyote.Tests.CoyoteTestEntries.AckBeforeFsync -i 30 -s 1` (docs/coyote.md).
/// </summary>
public static class CoyoteTestEntries
{
    [Test]
    public static Task CorrectHost() => Scenario(null);

    [Test]
    public static Task AckBeforeFsync() => Scenario("ack-before-fsync");

    [Test]
    public static Task UnsynchronizedDispatch() => Scenario("unsynchronized-dispatch");

    private static Task Scenario(string? hostBug)
    {
        HostScenario.Prepare();
        return HostScenario.RunAsync(hostBug);
    }
}
