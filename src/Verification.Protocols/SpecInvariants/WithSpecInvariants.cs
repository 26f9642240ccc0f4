using Verification.Systematic.Engine;

namespace Verification.Protocols.SpecInvariants;

/// <summary>
/// A system whose scenarios also check the spec's invariants (<see cref="SpecInvariantMonitor"/>,
/// after the system's own monitors): what `verify test` and `verify replay` run unless told
/// `--no-spec-invariants`. Not listed by `verify list` (no parameterless constructor).
/// </summary>
public sealed class WithSpecInvariants(SystemDefinition system) : SystemDefinition
{
    public SystemDefinition System => system;

    public override string Name => system.Name;
    public override string Family => system.Family;
    public override string Description => system.Description;
    public override string? Spec => system.Spec;
    public override string? Config => system.Config;
    public override string? ConformanceConfig => system.ConformanceConfig;
    public override IReadOnlyList<BugInfo> Bugs => system.Bugs;
    public override int DefaultMaxSteps => system.DefaultMaxSteps;

    /// <summary>The check the scenarios get, or null when the system has nothing to check (no mapping, no spec, no invariant).</summary>
    /// <exception cref="SpecInvariantSetupException">the spec or the model is not found or does not load.</exception>
    public SpecInvariantCheck? Check => SpecInvariantCheck.For(system, (system as ISpecInvariantExclusions)?.SpecInvariantsLeftToMonitors);

    public override Scenario CreateScenario(string? bug)
    {
        var scenario = system.CreateScenario(bug);
        return Check is { } check ? scenario with { CreateMonitors = SpecInvariantCheck.With(check, scenario.CreateMonitors) } : scenario;
    }
}
