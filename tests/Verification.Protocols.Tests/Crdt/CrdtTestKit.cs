using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;

namespace Verification.Protocols.Tests.Crdt;

/// <summary>Budgets and scenarios shared by the CRDT systems' tests.</summary>
internal static class CrdtTestKit
{
    /// <summary>Random schedules at seed 1; a CRDT run is 20-40 steps. The tests assert what is found, not the shrunk schedule.</summary>
    public static TestConfiguration Budget(int iterations, string strategy = "random") => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        Seed = 1,
        Shrink = false,
        // The scenario-only runs below do not know the systems' DefaultMaxSteps.
        MaxSteps = 200,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "verification-crdt-tests"),
    };

    /// <summary>The system's scenario with <paramref name="bug"/> switched on, judged by one monitor only.</summary>
    public static Func<Scenario> JudgedBy(SystemDefinition system, string bug, Func<SpecMonitor> monitor) =>
        () => system.CreateScenario(bug) with { CreateMonitors = () => [monitor()] };

    /// <summary>Each of the three strong-eventual-consistency checks, alone, finds <paramref name="bug"/>.</summary>
    public static void EachCheckFinds(SystemDefinition system, string bug, int iterations)
    {
        Explore.AssertFindsBug(system.Name, JudgedBy(system, bug, () => new StrongConvergenceMonitor()), Budget(iterations), "StrongConvergence");
        Explore.AssertFindsBug(system.Name, JudgedBy(system, bug, () => new ReplicaHistoryMonitor()), Budget(iterations), "ConvergenceHistory");
        Explore.AssertFindsBug(system.Name, JudgedBy(system, bug, () => new ConvergenceMonitor()), Budget(iterations), "liveness:Convergence");
    }

    /// <summary>
    /// The correct system survives, and every run's liveness was judged: each ended quiet (or past
    /// the heal phase), so Convergence was checked after the partition healed, never skipped.
    /// </summary>
    public static void AssertConvergesEveryRun(SystemDefinition system, TestConfiguration config)
    {
        var report = Explore.AssertNoBug(system, null, config);
        Assert.Equal(config.Iterations, report.Iterations);
        Assert.Equal(0, report.LivenessUnjudgedRuns);
    }
}
