using System.Collections.Concurrent;
using Verification.Protocols.Consensus.Raft;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Conformance;

namespace Verification.Protocols.Tests.Conformance;

/// <summary>
/// Explored runs of Raft validated against specs/consensus/Raft.tla: the correct node conforms on
/// every schedule (random, PCT, POS; crashes, loss, duplication and partitions on) of `verify test
/// Raft`, of every MIT 6.5840 scenario and of RaftKv, and coverage shows every action of the spec
/// exercised; every seeded bug is rejected by conformance alone (the system's monitors off) with
/// a diagnosis naming the action where the implementation leaves the spec.
/// </summary>
public sealed class RaftConformanceTests
{
    // A fair strategy (random) runs 10 x MaxSteps by default; after the heal phase those steps are
    // mostly heartbeats, so a shorter bound keeps the campaigns quick without losing any action.
    private static TestConfiguration Config(string strategy, int iterations, int maxSteps) =>
        ConformanceTestKit.Config(strategy, iterations) with { MaxSteps = maxSteps, MaxFairSteps = 2 * maxSteps };

    private static readonly ConcurrentDictionary<string, ConformanceSpec> Specs = new();

    /// <summary>A session on the conformance model of <paramref name="system"/> (a scenario "Raft/..." shares Raft's mapping).</summary>
    private static ConformanceSession Session(SystemDefinition system, bool coverage)
    {
        var spec = Specs.GetOrAdd(system.ConformanceConfig!, config => ConformanceSpec.Load(
            Path.Combine(ConformanceTestKit.RepositoryRoot, system.Spec!), Path.Combine(ConformanceTestKit.RepositoryRoot, config)));
        return new ConformanceSession(ProtocolSystem.MappingOf(system)!, spec, new ValidationOptions { RecordCoverage = coverage, MaxFrontier = 20_000 });
    }

    private static TestReport Run(SystemDefinition system, string? bug, ConformanceSession session, TestConfiguration config, bool monitors = true) =>
        TestingEngine.Run(system.Name, () => monitors ? session.Attach(system.CreateScenario(bug)) : ConformanceOnly.Judge(session, system.CreateScenario(bug)), config);

    [Fact]
    public void Correct_runs_conform_on_every_schedule_and_cover_every_action()
    {
        var system = ConformanceTestKit.System("Raft");
        var session = Session(system, coverage: true);
        foreach (var strategy in new[] { "random", "pct", "pos" })
        {
            var report = Run(system, null, session, Config(strategy, 30, system.DefaultMaxSteps));
            Assert.False(report.BugFound, $"Raft with {strategy}: {report.Bug?.Message}");
        }
        // At least one trace per iteration (the determinism check runs the first iteration twice).
        Assert.True(session.TracesChecked >= 90, $"{session.TracesChecked} traces checked");
        Assert.Equal(0, session.NonConforming);
        Assert.Equal(0, session.Inconclusive);
        Assert.True(session.StepsValidated > 30_000, $"{session.StepsValidated} steps validated");
        Assert.True(session.Coverage.NeverExercised.Count == 0, session.Coverage.FormatTable());
    }

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in RaftScenarios.All6_5840()) data.Add(scenario.Scenario);
        return data;
    }

    /// <summary>Every scenario (3, 5 and 7 nodes, each its own fault model) conforms under every strategy.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_conforms(string name)
    {
        var system = RaftScenarios.All6_5840().Single(s => s.Scenario == name);
        var session = Session(system, coverage: false);
        foreach (var strategy in new[] { "random", "pct", "pos" })
        {
            // The fault phases end by step 500; a little past it the cluster is healed and runs on heartbeats.
            var report = Run(system, null, session, Config(strategy, 3, Math.Min(system.DefaultMaxSteps, 600)));
            Assert.False(report.BugFound, $"{system.Name} with {strategy}: {report.Bug?.Message}");
        }
        Assert.True(session.TracesChecked >= 9, $"{session.TracesChecked} traces checked");
        Assert.Equal(0, session.NonConforming);
        Assert.Equal(0, session.Inconclusive);
    }

    /// <summary>The key-value store's Raft node conforms to the same spec; its seeded bug (local reads) is above the spec.</summary>
    [Fact]
    public void RaftKv_runs_conform()
    {
        var system = ConformanceTestKit.System("RaftKv");
        var session = Session(system, coverage: false);
        foreach (var strategy in new[] { "random", "pct", "pos" })
        {
            var report = Run(system, null, session, Config(strategy, 5, system.DefaultMaxSteps));
            Assert.False(report.BugFound, $"RaftKv with {strategy}: {report.Bug?.Message}");
        }
        Assert.True(session.TracesChecked >= 15 && session.NonConforming == 0 && session.Inconclusive == 0,
            $"{session.TracesChecked} traces, {session.NonConforming} not conforming, {session.Inconclusive} inconclusive");
    }

    /// <summary>
    /// Each bug leaves the spec at the step that does what the bug does wrong, and the diagnosis
    /// names that action and the variable it sets wrong. forget-vote shows at the crash: the vote
    /// was never on stable storage, so the node comes back without it, which Crash does not allow.
    /// </summary>
    [Theory]
    [InlineData("commit-old-term", "HandleLogResponse", "commitLength")]
    [InlineData("forget-vote", "Crash", "votedFor")]
    [InlineData("no-log-check", "HandleVoteRequest", "votedFor")]
    [InlineData("truncate-on-stale", "HandleLogRequest", "log")]
    [InlineData("stale-votes", "HandleVoteResponse", "currentRole")]
    public void Seeded_bugs_are_rejected_by_conformance_alone(string bug, string action, string variable)
    {
        var system = ConformanceTestKit.System("Raft");
        var session = Session(system, coverage: false);
        var report = Run(system, bug, session, Config("pct", 100, system.DefaultMaxSteps), monitors: false);
        Assert.True(report.BugFound, $"Raft/{bug}: conformance did not reject any run in 100 iterations");
        Assert.Equal("conformance", report.Bug!.Detector);
        Assert.True(report.Bug.Message.Contains($"Claimed action: {action}", StringComparison.Ordinal), report.Bug.Message);
        Assert.Contains("Failed conjunct", report.Bug.Message);
        // Validation runs alongside the run, so the run stops at the step the spec does not allow.
        Assert.Contains($"(step {report.Bug.FailingStep} of the run)", report.Bug.Message);
        Assert.True(report.Bug.Message.Contains(variable, StringComparison.Ordinal), report.Bug.Message);
        // Raft's labels give the node as its index (HandleVoteRequest(0, ...) is n1's step).
        Assert.Contains(", taken by n", report.Bug.Message);
        ConformanceTestKit.AssertExaminesTheActingNode(report);
    }
}
