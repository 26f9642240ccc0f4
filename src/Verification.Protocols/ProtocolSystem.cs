using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Protocols;

/// <summary>
/// A protocol under test, declared in one place: its scenario and seeded bugs (<see cref="SystemDefinition"/>),
/// its refinement mapping to its spec, and its spec's models, found by convention in
/// <see cref="SpecFolder"/> (<c>specs/&lt;Family&gt;</c>): the spec <c>&lt;Name&gt;.tla</c>, the CI model
/// <c>MC&lt;Name&gt;.cfg</c> (safety), the liveness model <c>MC&lt;Name&gt;Liveness.cfg</c> and the conformance
/// model <c>MC&lt;Name&gt;Conformance.cfg</c>; each is overridable. A missing file is a failing check in
/// `verify all` and a marked cell in `verify list`, never a silently skipped one.
/// </summary>
public abstract class ProtocolSystem : SystemDefinition
{
    private IRefinementMapping? _mapping;

    /// <summary>How the nodes' state maps to the spec's variables (built once).</summary>
    public IRefinementMapping Mapping => _mapping ??= CreateMapping();

    protected abstract IRefinementMapping CreateMapping();

    /// <summary>The mapping of a system, or null when it is not a protocol system (it then has none).</summary>
    public static IRefinementMapping? MappingOf(SystemDefinition system) => system switch
    {
        ProtocolSystem protocol => protocol.Mapping,
        // `verify test` runs a system with its spec-invariant monitor switched on or off: the same system.
        SpecInvariants.SpecInvariantsSetting setting => MappingOf(setting.System),
        _ => null,
    };

    /// <summary>
    /// The folder of the spec and its models: relative to the repository root, or absolute (a system
    /// outside the repository keeps its spec next to its assembly, <see cref="NextToAssembly"/>).
    /// </summary>
    public virtual string SpecFolder => $"specs/{Family}";

    public override string? Spec => InSpecFolder($"{Name}.tla");

    public override string? Config => InSpecFolder($"MC{Name}.cfg");

    public override IReadOnlyList<string> LivenessConfigs => [InSpecFolder($"MC{Name}Liveness.cfg")];

    public override string? ConformanceConfig => InSpecFolder($"MC{Name}Conformance.cfg");

    protected string InSpecFolder(string file) => $"{SpecFolder}/{file}";

    /// <summary>
    /// Whether `verify run` runs this system as real processes: its mapping reads one node's view (the host
    /// maps one node at a time), its conformance model is large enough for a real run's workload, and a
    /// correct real run validates (tests/Verification.Host.Tests/RealRunSystemsTests). Off unless a system says so,
    /// so that a system never tried outside the explorer is refused with a reason instead of a false verdict.
    /// </summary>
    public virtual bool RunsAsRealProcesses => false;

    /// <summary>A folder next to the assembly that declares <paramref name="system"/> (where its build copies the spec).</summary>
    protected static string NextToAssembly(Type system, string folder) =>
        Path.Combine(Path.GetDirectoryName(system.Assembly.Location) ?? AppContext.BaseDirectory, folder);
}

/// <summary>
/// A protocol whose seeded bugs are switched on by a value of <typeparamref name="TBug"/> (a flag enum,
/// an options record, a bool): the catalog names each bug once, and the scenario is built from the parsed value.
/// </summary>
public abstract class ProtocolSystem<TBug> : ProtocolSystem
{
    protected abstract BugCatalog<TBug> Catalog { get; }

    public sealed override IReadOnlyList<BugInfo> Bugs => Catalog;

    public sealed override Scenario CreateScenario(string? bug) => ScenarioFor(Catalog.Parse(bug, Name));

    /// <summary>The scenario with <paramref name="bug"/> switched on (<see cref="BugCatalog{TFlag}.Correct"/>: none).</summary>
    protected abstract Scenario ScenarioFor(TBug bug);
}
