using System.Runtime.CompilerServices;
using Verification.Protocols.Broadcast.CausalBroadcast;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla.Checking;
using Verification.Tla.Config;
using Verification.Tla.Semantics;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>
/// Refinement checked against the spec itself: along explored runs, the mapped state after every
/// step must be a successor (under the spec's Next) of the mapped state before it, starting from
/// the spec's initial state, and must satisfy the spec's invariants. A seeded bug makes the node
/// take a step the spec does not allow, which this check reports at that very step.
/// </summary>
internal sealed class SpecRefinement
{
    private readonly TlaModel model;
    private readonly Value[] initial;

    /// <param name="configText">A model sized like the system's scenario (the CI models are smaller).</param>
    public SpecRefinement(string spec, string configText)
    {
        var loaded = ModuleLoader.Load(Path.Combine(RepositoryRoot(), spec));
        model = new TlaModel(loaded, ConfigReader.Parse(configText, Path.ChangeExtension(spec, ".refinement.cfg")));
        var initialStates = new CollectingSink();
        model.CreateExplorer().InitialStates(initialStates);
        initial = Assert.Single(initialStates.States);
    }

    public int StepsChecked;

    /// <summary>The folder holding Verification.sln, found from this source file or the working directory, wherever the build output lives.</summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile) ?? "", Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
                if (File.Exists(Path.Combine(directory, "Verification.sln"))) return directory;
        throw new DirectoryNotFoundException("cannot find the repository root (Verification.sln) above the test sources or the working directory");
    }

    /// <summary>
    /// The system's scenario with a refinement monitor: for the correct version next to the
    /// system's own monitors; with a seeded <paramref name="bug"/> alone, so that the refinement
    /// check has to catch the bug by itself.
    /// </summary>
    public Func<Scenario> Scenario(SystemDefinition system, string? bug, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState) => () =>
    {
        var scenario = system.CreateScenario(bug);
        return new Scenario
        {
            NodeCount = scenario.NodeCount,
            CreateNode = scenario.CreateNode,
            Workload = scenario.Workload,
            Faults = scenario.Faults,
            CreateMonitors = bug is null
                ? () => [.. scenario.CreateMonitors(), new RefinementMonitor(this, abstractState)]
                : () => [new RefinementMonitor(this, abstractState)],
        };
    };

    private sealed class RefinementMonitor(SpecRefinement refinement, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState) : SpecMonitor
    {
        private readonly IStateExplorer<Value[]> explorer = refinement.model.CreateExplorer();
        private Value[] previous = refinement.initial;

        public override string Name => "Refinement";

        public override void OnEvent(MonitorEvent e, IWorldView world)
        {
            if (e is not StepCompleted step) return;
            var mapped = abstractState(world);
            var variables = refinement.model.Variables;
            Assert(mapped.Keys.SequenceEqual(variables), $"the mapping gives {string.Join(", ", mapped.Keys)}; the spec's variables are {string.Join(", ", variables)}");
            var current = variables.Select(v => mapped[v]).ToArray();
            if (!current.SequenceEqual(previous))
            {
                var match = new MatchingSink(current);
                explorer.Successors(previous, match);
                Assert(match.Found, $"step {step.Step} ({step.Label}) is not a step of the spec; it changed {Differences(previous, current)}");
            }
            for (var i = 0; i < refinement.model.InvariantNames.Count; i++)
                Assert(explorer.Invariant(i, current), $"after step {step.Step} ({step.Label}) the spec's invariant {refinement.model.InvariantNames[i]} is false");
            previous = current;
            Interlocked.Increment(ref refinement.StepsChecked);
        }

        private string Differences(Value[] before, Value[] after) => string.Join("; ", refinement.model.Variables
            .Select((name, i) => (name, i))
            .Where(v => !before[v.i].Equals(after[v.i]))
            .Select(v => $"{v.name} from {before[v.i]} to {after[v.i]}"));
    }

    private sealed class CollectingSink : IStateSink<Value[]>
    {
        public List<Value[]> States { get; } = [];

        public bool Accept(Value[] state, int action)
        {
            States.Add([.. state]);
            return true;
        }
    }

    private sealed class MatchingSink(Value[] target) : IStateSink<Value[]>
    {
        public bool Found { get; private set; }

        public bool Accept(Value[] state, int action)
        {
            Found = state.SequenceEqual(target);
            return !Found;
        }
    }
}

public class CausalBroadcastRefinementTests
{
    private static readonly CausalBroadcastSystem System = new();

    private static readonly SpecRefinement Spec = new(System.Spec!, """
        CONSTANTS Node = {n1, n2, n3}  MaxBroadcasts = 4
        INIT Init  NEXT Next
        INVARIANTS TypeOK NoCreation NoDuplication CausalOrder
        """);

    private static readonly TestConfiguration Budget = BroadcastTestKit.Budget("random") with { Iterations = 30 };

    [Fact]
    public void Every_step_of_the_node_is_a_step_of_the_spec()
    {
        var before = Spec.StepsChecked;
        Explore.AssertNoBug(System.Name, Spec.Scenario(System, null, CausalBroadcastRefinement.AbstractState), Budget);
        Assert.True(Spec.StepsChecked - before > 500, "the refinement monitor must have checked the runs' steps");
    }

    [Fact]
    public void Ignoring_own_messages_takes_a_step_the_spec_does_not_allow() =>
        Explore.AssertFindsBug(System.Name, Spec.Scenario(System, CausalBroadcastSystem.IgnoreOwn, CausalBroadcastRefinement.AbstractState), Budget, "Refinement");
}
