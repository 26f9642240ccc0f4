using Verification.Protocols.Consensus.Raft;
using Verification.Protocols.Conformance;
using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.SpecInvariants;

/// <summary>
/// The spec's invariants checked on the implementations: every system with a conformance model
/// gets the monitor, it alone finds each seeded bug that breaks a state invariant within the budget
/// of that bug's own test (same strategy, iterations and seed), and it never fires on a correct run.
/// </summary>
public class SpecInvariantMonitorTests
{
    /// <summary>Every registered system with a refinement mapping (a new one is covered without a new test).</summary>
    private static readonly Dictionary<string, SystemDefinition> Systems = SystemCatalog.Discover(ProtocolsAssembly.Assembly)
        .Where(static s => ProtocolSystem.MappingOf(s) is not null)
        .ToDictionary(static s => s.Name);

    /// <summary>The system's scenario with the spec-invariant monitor as its only judge.</summary>
    private static Func<Scenario> SpecInvariantsOnly(SystemDefinition system, string? bug) => () =>
    {
        var scenario = new SpecInvariantsSetting(system, on: true).CreateScenario(bug);
        return scenario with
        {
            RepliesExpected = false,
            CreateMonitors = () => scenario.CreateMonitors().Where(static m => m is SpecInvariantMonitor).ToArray(),
        };
    };

    private static TestConfiguration Budget(string strategy, int iterations) => new() { Strategy = strategy, Iterations = iterations, Seed = 1, Shrink = false };

    // system, bug, strategy, iterations (the budget of the bug's own test), the invariant that breaks.
    public static TheoryData<string, string, string, int, string> SeededBugs => new()
    {
        { "BestEffortBroadcast", "deliver-duplicates", "random", 1_000, "NoDuplication" },
        { "CausalBroadcast", "ignore-own", "random", 200, "CausalOrder" },
        { "FifoBroadcast", "no-holdback", "random", 1_000, "FifoOrder" },
        { "Gossip", "no-dedup", "random", 200, "NoDuplication" },
        { "IsisTotalOrder", "min-agreement", "random", 200, "TotalOrder" },
        { "LamportTotalOrder", "deliver-early", "random", 200, "TotalOrder" },
        // The system's own test accepts TotalOrder or FifoOrder: both break; FifoOrder shows first.
        { "SequencerTotalOrder", "no-fifo-sequencer", "random", 200, "FifoOrder" },
        { "MultiPaxos", "apply-out-of-order", "random", 300, "InOrder" },
        { "Raft", "no-log-check", "random", 40, "LeaderCompleteness" },
        { "Raft", "truncate-on-stale", "pos", 60, "LeaderCompleteness" },
        { "Raft", "stale-votes", "pct", 200, "ElectionSafety" },
        // Found as two logs that disagree (the second leader of a term overwrites the first one's entries) before two leaders coexist.
        { "Raft", "forget-vote", "pos", 600, "LogMatching" },
        // commit-old-term is not here: the spec invariants do not find it within its budget (1,000 random
        // schedules); LeaderCompletenessMonitor reports it as soon as a node lacking a committed entry becomes electable.
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void The_spec_invariants_alone_find_the_seeded_bug_within_its_budget(string system, string bug, string strategy, int iterations, string invariant)
    {
        var definition = Systems[system];
        var found = Explore.AssertFindsBug(definition.Name, SpecInvariantsOnly(definition, bug), Budget(strategy, iterations));
        Assert.True(found.Detector == SpecInvariantCheck.Detector(invariant), $"{found.Detector}\n{found.Message}");
        Assert.Contains($"the spec invariant {invariant} (", found.Message);
        // FALSE, or not evaluable (log[j][k] past the end of a log truncated below its commit length).
        Assert.Matches("(?s) (is FALSE|cannot be evaluated: .*) after step ", found.Message);
    }

    public static TheoryData<string> SystemNames => new(Systems.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// Invariants not checked on the implementation: left to the system's own monitors on purpose, or
    /// reading a variable the mapping leaves out (BestEffortBroadcast's TypeOK reads its fault counter
    /// duplicates). The rest must all be checked.
    /// </summary>
    private static readonly Dictionary<string, string[]> NotChecked = new()
    {
        ["BestEffortBroadcast"] = ["TypeOK"],
        ["Paxos"] = ["Agreement", "Validity"],
        ["MultiPaxos"] = ["Agreement", "Validity"],
    };

    [Theory]
    [MemberData(nameof(SystemNames))]
    public void Every_system_checks_its_conformance_models_invariants_and_survives_a_short_campaign(string system)
    {
        var definition = new SpecInvariantsSetting(Systems[system], on: true);
        Explore.AssertNoBug(definition, null, Budget("random", 5));
        var check = definition.Check;
        Assert.NotNull(check);
        Assert.Same(check, SpecInvariantCheck.Of(definition.CreateScenario(null)));
        var skipped = NotChecked.GetValueOrDefault(system, []);
        Assert.Equal(check.Invariants.All.Select(static i => i.Name).Except(skipped), check.Checked.Select(static i => i.Name));
        Assert.Equal(skipped.Length, check.Notes.Count);
    }

    [Fact]
    public void The_variables_an_invariant_reads_are_found_through_the_definitions_it_calls()
    {
        var check = RaftCheck(new RaftSystem().Mapping);
        var reads = check.Invariants.All.ToDictionary(static i => i.Name, static i => i.Reads);
        Assert.Equal(["currentRole", "currentTerm"], reads["ElectionSafety"]);
        Assert.Equal(["log"], reads["LogMatching"]);
        Assert.Equal(["commitLength", "currentRole", "currentTerm", "log"], reads["LeaderCompleteness"]);
        Assert.Equal(check.Invariants.Variables.Order(StringComparer.Ordinal), reads["TypeOK"]);
    }

    [Fact]
    public void An_invariant_that_reads_a_variable_the_mapping_leaves_out_is_not_checked_and_says_why()
    {
        var raft = new RaftSystem().Mapping;
        var withoutMsgs = new RefinementMapping("Raft", world => raft.AbstractState(world).Where(static v => v.Key != "msgs").ToDictionary());
        var check = RaftCheck(withoutMsgs);
        var system = new RaftSystem();
        Explore.AssertNoBug(system.Name, () => system.CreateScenario(null) with { CreateMonitors = () => [check.NewMonitor()] }, Budget("random", 3));
        var note = Assert.Single(check.Notes);
        Assert.Equal("TypeOK of MCRaftConformance.cfg is not checked on the implementation: it reads msgs, which the refinement mapping of Raft leaves out", note);
        Assert.DoesNotContain(check.Checked, static i => i.Name == "TypeOK");
        Assert.Contains(check.Checked, static i => i.Name == "ElectionSafety");
        // The invariants it can judge still catch the bug.
        var found = Explore.AssertFindsBug(system.Name, () => system.CreateScenario("no-log-check") with { CreateMonitors = () => [check.NewMonitor()] }, Budget("random", 40));
        Assert.StartsWith("invariant:", found.Detector);
    }

    [Fact]
    public void Leaving_an_invariant_the_model_does_not_have_to_the_monitors_is_a_setup_error()
    {
        var error = Assert.Throws<SpecInvariantSetupException>(() => SpecInvariantCheck.Create(new RaftSystem().Mapping,
            Path.Combine(Conformance.ConformanceTestKit.RepositoryRoot, "specs/consensus/Raft.tla"),
            Path.Combine(Conformance.ConformanceTestKit.RepositoryRoot, "specs/consensus/MCRaftConformance.cfg"),
            new Dictionary<string, string> { ["Agreement"] = "no reason" }));
        Assert.StartsWith("MCRaftConformance.cfg: Raft leaves Agreement to its own monitors, but the model has no such invariant (its invariants: TypeOK, ElectionSafety", error.Message);
    }

    [Fact]
    public void The_cli_flag_leaves_the_monitor_out_and_says_so()
    {
        var (exit, output, error) = Consensus.RaftTests.RunCli("test", "Gossip", "--iterations", "3", "--no-spec-invariants");
        Assert.True(exit == 0, output + error);
        Assert.Contains("Spec invariants: not checked (--no-spec-invariants)", output);
        (exit, output, error) = Consensus.RaftTests.RunCli("test", "Gossip", "--iterations", "3");
        Assert.True(exit == 0, output + error);
        Assert.Contains("Spec invariants of MCGossipConformance.cfg checked after every step: TypeOK, NoCreation, NoDuplication, BoundedRounds", output);
    }

    [Fact]
    public void A_spec_that_cannot_be_found_is_a_setup_error_naming_it()
    {
        var error = Assert.Throws<SpecInvariantSetupException>(() => new SpecInvariantsSetting(new MisplacedRaft(), on: true).CreateScenario(null));
        Assert.Equal("specs/consensus/NoSuchRaft.tla: the spec of Raft is not found above " + AppContext.BaseDirectory + " or the working directory, so its invariants cannot be checked", error.Message);
    }

    /// <summary>Raft with a spec path that names no file.</summary>
    private sealed class MisplacedRaft() : ProtocolSystem
    {
        public override string Name => "Raft";
        public override string Family => "consensus";
        public override string? Spec => "specs/consensus/NoSuchRaft.tla";
        public override string? ConformanceConfig => "specs/consensus/MCRaftConformance.cfg";
        protected override IRefinementMapping CreateMapping() => new RaftSystem().Mapping;
        public override Scenario CreateScenario(string? bug) => new RaftSystem().CreateScenario(bug);
    }

    private static SpecInvariantCheck RaftCheck(IRefinementMapping mapping) => SpecInvariantCheck.Create(mapping,
        Path.Combine(Conformance.ConformanceTestKit.RepositoryRoot, "specs/consensus/Raft.tla"),
        Path.Combine(Conformance.ConformanceTestKit.RepositoryRoot, "specs/consensus/MCRaftConformance.cfg"),
        new Dictionary<string, string>())!;
}
