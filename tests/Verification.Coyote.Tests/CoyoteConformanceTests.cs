using Verification.Protocols.Conformance;
using Verification.Tla.Conformance;

namespace Verification.Coyote.Tests;

/// <summary>
/// A seeded bug whose effect shows in the spec's variables is rejected by trace conformance when
/// Coyote explores it too: the failing Coyote run, recorded through the refinement mapping, is
/// not a behaviour of the spec (the recorder placed before the system's monitors, as `verify
/// replay --conformance` places it, so it sees the failing step as well).
/// </summary>
public sealed class CoyoteConformanceTests
{
    // system, bug, iterations (Coyote random, seed 1; the bug's budget in CoyoteSystemTests)
    public static TheoryData<string, string, int> VisibleBugs() => new()
    {
        { "Paxos", "no-adopt", 20 },
        { "Paxos", "shared-ballot", 20 },
        { "LamportTotalOrder", "deliver-early", 30 },
        { "Gossip", "no-dedup", 20 },
    };

    [Theory]
    [MemberData(nameof(VisibleBugs))]
    public void Seeded_bug_visible_in_the_spec_is_rejected_by_conformance_under_Coyote(string name, string bug, int iterations)
    {
        var system = CoyoteKit.System(name);
        Assert.Null(system.Bugs.Single(b => b.Name == bug).InvisibleToSpec);
        var session = CoyoteKit.Conformance(system);
        ConformanceRecorder? last = null;
        var report = CoyoteEngine.Run(system, bug, new CoyoteOptions
        {
            Iterations = iterations,
            Seed = 1,
            WriteTrace = false,
            Instrument = s => session.AttachToEveryRun(s, created => last = created),
        });
        Assert.NotNull(report.Bug);
        Assert.NotNull(last);
        if (report.Bug.Detector != ConformanceRecorder.DetectorName) last.IncludeFailingStep();
        var verdict = last.ResultSoFar;
        Assert.True(verdict.Verdict == ConformanceVerdict.DoesNotConform, $"{report.Bug.Detector}: {report.Bug.Message}\nconformance: {verdict.Verdict} {verdict.InconclusiveReason}");
    }
}
