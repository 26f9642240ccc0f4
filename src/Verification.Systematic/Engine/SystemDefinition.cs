using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Engine;

/// <summary>
/// A seeded bug of a system, switched on by name, with the budgets within which it must be found
/// (portfolio schedules at seed 1, as `verify all` and the catalog tests hunt it).
/// </summary>
public sealed record BugInfo(string Name, string Description)
{
    /// <summary>Schedules within which the system's monitors must find the bug.</summary>
    public int Budget { get; init; } = 5_000;

    /// <summary>Schedules within which conformance alone (the monitors off) must find it, unless it is <see cref="InvisibleToSpec"/>.</summary>
    public int ConformanceBudget { get; init; } = 1_000;

    /// <summary>Whether conformance alone sees the bug (it shows in the spec's variables).</summary>
    public bool SeenByConformance => InvisibleToSpec is null;

    /// <summary>
    /// Why the bug's effect never shows in the spec's variables, so that trace conformance cannot
    /// catch it (it only withholds steps, or acts above the spec's level); null when it shows.
    /// </summary>
    public string? InvisibleToSpec { get; init; }
}

/// <summary>
/// A system under test: the unit `verify test NAME` runs and `verify list` lists. Concrete
/// definitions are discovered by reflection (public, non-abstract, parameterless constructor), so a
/// protocol registers itself just by defining one next to its node.
/// </summary>
public abstract class SystemDefinition
{
    /// <summary>The TLA+ module name of the system's spec (e.g. "FifoBroadcast"); looked up case-insensitively.</summary>
    public abstract string Name { get; }

    /// <summary>"broadcast", "consensus", or "example".</summary>
    public abstract string Family { get; }

    public virtual string Description => Name;

    /// <summary>Path of the TLA+ spec relative to the repository root (or absolute, for a system outside it), or null.</summary>
    public virtual string? Spec => null;

    /// <summary>Path of the CI model (.cfg with the safety checks) relative to the repository root, or null.</summary>
    public virtual string? Config => null;

    /// <summary>
    /// Path of the model the explorer's traces are validated against (`verify test --conformance`):
    /// the spec's constants sized like the scenarios (nodes, workload), which the CI model may keep
    /// smaller for model checking. Defaults to <see cref="Config"/>.
    /// </summary>
    public virtual string? ConformanceConfig => Config;

    /// <summary>
    /// Paths of the models that check the spec's liveness properties (same roots as <see cref="Config"/>);
    /// a listed file that does not exist is a failing check, never a skipped one.
    /// </summary>
    public virtual IReadOnlyList<string> LivenessConfigs => [];

    public virtual IReadOnlyList<BugInfo> Bugs => [];

    /// <summary>Schedules (portfolio, seed 1) the correct system must survive, and whose runs must conform to its spec.</summary>
    public virtual int ExplorationBudget => 200;

    /// <summary>
    /// The assembly whose code the system runs: a schedule records its build, and replay refuses one
    /// recorded by another. A definition that wraps another (to add monitors) answers with the inner one's.
    /// </summary>
    public virtual System.Reflection.Assembly CodeAssembly => GetType().Assembly;

    /// <summary>Default unfair step bound for one iteration of this system.</summary>
    public virtual int DefaultMaxSteps => 1_000;

    /// <summary>Builds a fresh scenario; <paramref name="bug"/> is null or one of <see cref="Bugs"/>.</summary>
    public abstract Scenario CreateScenario(string? bug);
}

/// <summary>
/// Everything one iteration needs: nodes, workload, faults and the monitors that judge it. A record,
/// so that instrumenting a scenario (other monitors, other faults) is a <c>with</c> expression.
/// </summary>
public sealed record Scenario
{
    public required int NodeCount { get; init; }

    /// <summary>Builds a node object with empty volatile state (on first boot and on every restart).</summary>
    public required Func<int, INode> CreateNode { get; init; }

    public IReadOnlyList<ClientRequest> Workload { get; init; } = [];

    public FaultModel Faults { get; init; } = FaultModel.Reliable;

    /// <summary>Fresh monitors for one iteration.</summary>
    public Func<IReadOnlyList<SpecMonitor>> CreateMonitors { get; init; } = () => [];

    /// <summary>
    /// Every issued request of a node that never crashed must be answered (INodeContext.Reply)
    /// before the system goes quiet; otherwise the run is reported as a deadlock (Coyote's notion:
    /// nothing can move, yet a client is still waiting).
    /// </summary>
    public bool RepliesExpected { get; init; }
}
