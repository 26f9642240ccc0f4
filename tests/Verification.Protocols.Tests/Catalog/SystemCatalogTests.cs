using Verification.Protocols.Conformance;
using Verification.Protocols.Tests.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Checking;
using Verification.Tla.Config;
using Verification.Tla.Conformance;
using Verification.Tla.Semantics;

namespace Verification.Protocols.Tests.Catalog;

/// <summary>
/// Every registered system, checked from its declaration alone, so that a new protocol needs no test
/// file of its own to be covered: its spec and models parse, its CI model checks, the correct system
/// survives its exploration budget with every run conforming to its spec, and each seeded bug is found
/// within the budgets it declares (by the monitors, and by conformance alone unless it is invisible to
/// the spec). Budgets are portfolio schedules at seed 1, as `verify all` runs them. Three classes, so
/// that xunit runs the model checks, the explorations and the bug hunts side by side.
/// </summary>
public static class SystemCatalogKit
{
    public static IReadOnlyList<SystemDefinition> Registered { get; } = SystemCatalog.Discover(ProtocolsAssembly.Assembly);

    public static TheoryData<string> Systems() => new(Registered.Select(static s => s.Name));

    /// <summary>
    /// The CI models too slow for the test suite (Debug build, under load: MCRaft.cfg 2 min 33 s, which
    /// RaftKv shares; MCMultiPaxos.cfg 1 min 9 s; the others 40 s or less), checked by `verify all` only.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CiModelCheckedByVerifyAllOnly { get; } = new Dictionary<string, string>
    {
        ["Raft"] = "MCRaft.cfg: 2 min 33 s in a Debug test run under load",
        ["RaftKv"] = "Raft's MCRaft.cfg",
        ["MultiPaxos"] = "MCMultiPaxos.cfg: 1 min 9 s in a Debug test run under load",
    };

    public static TheoryData<string> SystemsWhoseCiModelIsCheckedHere() =>
        new(Registered.Select(static s => s.Name).Where(static n => !CiModelCheckedByVerifyAllOnly.ContainsKey(n)));

    public static ProtocolSystem System(string name) =>
        Assert.IsAssignableFrom<ProtocolSystem>(SystemCatalog.Find(Registered, name));

    public static string InRepository(string path) => Path.Combine(ConformanceTestKit.RepositoryRoot, path);

    public static TestConfiguration Portfolio(int iterations) => ConformanceTestKit.Config("portfolio", iterations);
}

public class SystemCatalogModelTests
{
    [Fact]
    public void Every_protocol_system_is_registered_and_every_model_left_to_verify_all_is_named()
    {
        Assert.Equal(26, SystemCatalogKit.Registered.Count);
        Assert.All(SystemCatalogKit.Registered, static s => Assert.IsAssignableFrom<ProtocolSystem>(s));
        Assert.All(SystemCatalogKit.CiModelCheckedByVerifyAllOnly.Keys, static n => SystemCatalogKit.System(n));
    }

    [Theory]
    [MemberData(nameof(SystemCatalogKit.Systems), MemberType = typeof(SystemCatalogKit))]
    public void Its_spec_and_every_model_parse_and_bind(string name)
    {
        var system = SystemCatalogKit.System(name);
        Assert.NotNull(system.Mapping);
        var spec = ModuleLoader.Load(SystemCatalogKit.InRepository(system.Spec!));
        foreach (var config in new[] { system.Config!, system.ConformanceConfig! }.Concat(system.LivenessConfigs).Distinct())
        {
            Assert.True(File.Exists(SystemCatalogKit.InRepository(config)), $"{name}: {config} does not exist");
            _ = new TlaModel(spec, ConfigReader.Read(SystemCatalogKit.InRepository(config)));
        }
        Assert.Equal(system.Bugs.Count, system.Bugs.Select(static b => b.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Throws<ArgumentException>(() => system.CreateScenario("no-such-bug"));
    }

    /// <summary>The CI model (MC&lt;Name&gt;.cfg, the safety checks) model-checks with no violation. Liveness models: ProjectSpecLivenessTests.</summary>
    [Theory]
    [MemberData(nameof(SystemCatalogKit.SystemsWhoseCiModelIsCheckedHere), MemberType = typeof(SystemCatalogKit))]
    public void Its_CI_model_checks(string name)
    {
        var system = SystemCatalogKit.System(name);
        var output = new StringWriter();
        var result = ModelChecker.Run(SystemCatalogKit.InRepository(system.Spec!), SystemCatalogKit.InRepository(system.Config!), new CheckOptions(), output);
        Assert.True(result.Outcome == CheckOutcome.Success, $"{name}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Empty(result.UncheckedProperties);
        Assert.True(result.DistinctStates > 1, $"{name}: {result.DistinctStates} distinct states");
    }

}

public class SystemCatalogExplorationTests
{
    /// <summary>Every fourth run is validated (`verify all` validates all of them): Raft's 200 runs take minutes to validate in a Debug build.</summary>
    private const int ConformanceSample = 4;

    /// <summary>One campaign checks both: the monitors find no bug and the spec accepts every validated run.</summary>
    [Theory]
    [MemberData(nameof(SystemCatalogKit.Systems), MemberType = typeof(SystemCatalogKit))]
    public void The_correct_system_survives_its_budget_and_its_runs_conform(string name)
    {
        var system = SystemCatalogKit.System(name);
        var session = ConformanceSession.For(system, ConformanceTestKit.RepositoryRoot, new ValidationOptions { MaxFrontier = 20_000 }, ConformanceSample);
        var report = TestingEngine.Run(system, null, SystemCatalogKit.Portfolio(system.ExplorationBudget), session.Instrumentation());
        Assert.False(report.BugFound, $"{name}: {report.Bug?.Detector}: {report.Bug?.Message}");
        Assert.Equal(system.ExplorationBudget, report.Iterations);
        Assert.Equal(0, session.NonConforming);
        Assert.Equal(0, session.Inconclusive);
        Assert.True(session.TracesChecked >= system.ExplorationBudget / ConformanceSample, $"{name}: {session.TracesChecked} traces checked");
    }
}

public class SystemCatalogBugTests
{
    public static TheoryData<string, string> SeededBugs()
    {
        var data = new TheoryData<string, string>();
        foreach (var system in SystemCatalogKit.Registered)
            foreach (var bug in system.Bugs)
                data.Add(system.Name, bug.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Each_seeded_bug_is_found_within_its_budgets(string name, string bugName)
    {
        var system = SystemCatalogKit.System(name);
        var bug = system.Bugs.Single(b => b.Name == bugName);
        var byMonitors = TestingEngine.Run(system, bug.Name, SystemCatalogKit.Portfolio(bug.Budget));
        Assert.True(byMonitors.BugFound, $"{name} --bug {bug.Name}: the monitors found nothing in {bug.Budget:N0} schedules");
        Assert.NotEqual("conformance", byMonitors.Bug!.Detector);
        if (!bug.SeenByConformance) return;
        var session = ConformanceTestKit.Session(system, coverage: false);
        var alone = TestingEngine.Run(system.Name, () => ConformanceOnly.Judge(session, system.CreateScenario(bug.Name)), SystemCatalogKit.Portfolio(bug.ConformanceBudget));
        Assert.True(alone.BugFound, $"{name} --bug {bug.Name}: conformance alone found nothing in {bug.ConformanceBudget:N0} schedules");
        Assert.Equal("conformance", alone.Bug!.Detector);
    }
}
