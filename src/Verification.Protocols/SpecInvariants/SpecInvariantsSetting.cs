using Verification.Systematic.Engine;

namespace Verification.Protocols.SpecInvariants;

/// <summary>
/// A system with the spec-invariant monitor switched on or off in every scenario: on, its scenarios
/// also check the spec's invariants (<see cref="SpecInvariantMonitor"/>, after the system's own
/// monitors), as `verify test` and `verify replay` run them unless told `--no-spec-invariants`; off,
/// they leave it out, also where the system's own scenarios check some invariants only that way.
/// Not listed by `verify list` (no parameterless constructor).
/// </summary>
public sealed class SpecInvariantsSetting(SystemDefinition system, bool on) : SystemDefinition
{
    public SystemDefinition System => system;

    public bool On => on;

    public override string Name => system.Name;
    public override string Family => system.Family;
    public override string Description => system.Description;
    public override string? Spec => system.Spec;
    public override string? Config => system.Config;
    public override string? ConformanceConfig => system.ConformanceConfig;
    public override IReadOnlyList<string> LivenessConfigs => system.LivenessConfigs;
    public override IReadOnlyList<BugInfo> Bugs => system.Bugs;
    public override int ExplorationBudget => system.ExplorationBudget;
    public override int DefaultMaxSteps => system.DefaultMaxSteps;
    public override System.Reflection.Assembly CodeAssembly => system.CodeAssembly;

    /// <summary>The check the scenarios get, or null when off or when the system has nothing to check (no mapping, no spec, no invariant).</summary>
    /// <exception cref="SpecInvariantSetupException">the spec or the model is not found or does not load.</exception>
    public SpecInvariantCheck? Check => on ? SpecInvariantCheck.For(system) : null;

    public override Scenario CreateScenario(string? bug)
    {
        var scenario = system.CreateScenario(bug);
        var monitors = scenario.CreateMonitors;
        if (!on) return scenario with { CreateMonitors = () => monitors().Where(static m => m is not SpecInvariantMonitor).ToArray() };
        // A system whose own scenarios check its invariants already gets them once.
        if (Check is not { } check || SpecInvariantCheck.Of(scenario) is not null) return scenario;
        return scenario with { CreateMonitors = SpecInvariantCheck.With(check, monitors) };
    }
}
