using System.Collections.Concurrent;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Tla.Conformance;

namespace Verification.Protocols.SpecInvariants;

/// <summary>The spec invariants of a system cannot be checked (its spec or model is missing or does not load).</summary>
public sealed class SpecInvariantSetupException(string message) : Exception(message);

/// <summary>
/// A system's spec invariants, checked on its implementation: the INVARIANTs of its conformance model
/// (<see cref="SystemDefinition.ConformanceConfig"/>), evaluated after every step on the state its
/// refinement mapping gives (<see cref="SpecInvariantMonitor"/>). Loaded once per system and model and
/// shared by every run and thread. An invariant that reads a variable the mapping leaves out cannot be
/// judged: it is not checked, and <see cref="Notes"/> says so (never a silent pass).
/// </summary>
public sealed class SpecInvariantCheck
{
    private static readonly ConcurrentDictionary<(string System, string Spec, string Config, string NotChecked), Lazy<SpecInvariantCheck?>> Loaded = new();

    private readonly IReadOnlyDictionary<string, string> _notChecked;

    private readonly ThreadLocal<StateInvariants.Evaluator> _evaluators;
    private readonly Lock _lock = new();
    private Plan? _plan;

    private SpecInvariantCheck(IRefinementMapping mapping, StateInvariants invariants, string config, IReadOnlyDictionary<string, string> notChecked)
    {
        _notChecked = notChecked;
        Mapping = mapping;
        Invariants = invariants;
        Config = config;
        _evaluators = new ThreadLocal<StateInvariants.Evaluator>(invariants.NewEvaluator);
    }

    /// <summary>The detector name of a violated invariant (as "liveness:" names a liveness monitor).</summary>
    public static string Detector(string invariant) => $"invariant:{invariant}";

    public IRefinementMapping Mapping { get; }

    public StateInvariants Invariants { get; }

    /// <summary>The model's file name, as reports name it.</summary>
    public string Config { get; }

    /// <summary>The invariants checked on every step; known once a first state has been mapped (before that, every invariant of the model).</summary>
    public IReadOnlyList<StateInvariant> Checked => _plan?.Checked ?? Invariants.All;

    /// <summary>Why an invariant of the model is not checked on the implementation (one line each); empty before a first state has been mapped.</summary>
    public IReadOnlyList<string> Notes => _plan?.Notes ?? [];

    /// <summary>
    /// The check of a system whose spec, conformance model and refinement mapping exist, and whose
    /// model names invariants; null otherwise (nothing to check). Spec paths are relative to the
    /// folder above the running code that holds them (the repository).
    /// </summary>
    /// <exception cref="SpecInvariantSetupException">the spec or the model is not found or does not load.</exception>
    /// <param name="notChecked">Invariants of the model left to the system's own monitors, each with the reason (shown in <see cref="Notes"/>); default: those the system declares (<see cref="ISpecInvariantExclusions"/>).</param>
    public static SpecInvariantCheck? For(SystemDefinition system, IReadOnlyDictionary<string, string>? notChecked = null)
    {
        notChecked ??= (system as ISpecInvariantExclusions)?.SpecInvariantsLeftToMonitors;
        if (system.Spec is not { } spec || system.ConformanceConfig is not { } config) return null;
        var mapping = ProtocolSystem.MappingOf(system);
        if (mapping is null) return null;
        notChecked ??= new Dictionary<string, string>();
        var key = (mapping.System, spec, config, string.Join("\n", notChecked.OrderBy(static n => n.Key, StringComparer.Ordinal).Select(static n => $"{n.Key}: {n.Value}")));
        return Loaded.GetOrAdd(key, _ => new Lazy<SpecInvariantCheck?>(() => Load(mapping, spec, config, notChecked))).Value;
    }

    private static SpecInvariantCheck? Load(IRefinementMapping mapping, string spec, string config, IReadOnlyDictionary<string, string> notChecked)
    {
        var root = RootHolding(spec)
            ?? throw new SpecInvariantSetupException($"{spec}: the spec of {mapping.System} is not found above {AppContext.BaseDirectory} or the working directory, so its invariants cannot be checked");
        return Create(mapping, Path.Combine(root, spec), Path.Combine(root, config), notChecked);
    }

    /// <summary>The check of the invariants of the model <paramref name="configPath"/> through <paramref name="mapping"/>; null when the model names none.</summary>
    internal static SpecInvariantCheck? Create(IRefinementMapping mapping, string specPath, string configPath, IReadOnlyDictionary<string, string> notChecked)
    {
        var config = Path.GetFileName(configPath);
        ConformanceSpec loaded;
        try
        {
            loaded = ConformanceSpec.Load(specPath, configPath);
        }
        catch (ConformanceSetupException e)
        {
            throw new SpecInvariantSetupException(e.Message);
        }
        var invariants = StateInvariants.Of(loaded);
        var unknown = notChecked.Keys.Where(name => invariants.All.All(i => i.Name != name)).ToArray();
        if (unknown.Length > 0)
            throw new SpecInvariantSetupException($"{config}: {mapping.System} leaves {string.Join(", ", unknown)} to its own monitors, but the model has no such invariant (its invariants: {string.Join(", ", invariants.All.Select(static i => i.Name))})");
        return invariants.All.Count == 0 ? null : new SpecInvariantCheck(mapping, invariants, config, notChecked);
    }

    /// <summary>The nearest folder above the working directory or the running code that holds <paramref name="relativePath"/>.</summary>
    private static string? RootHolding(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, relativePath))) return dir.FullName;
        return null;
    }

    /// <summary>The check whose monitor the scenario's runs get, or null when they get none.</summary>
    public static SpecInvariantCheck? Of(Scenario scenario) =>
        scenario.CreateMonitors().OfType<SpecInvariantMonitor>().FirstOrDefault()?.Check;

    /// <summary>A fresh monitor for one run.</summary>
    public SpecMonitor NewMonitor() => new SpecInvariantMonitor(this);

    /// <summary>
    /// The monitors followed by a spec-invariant monitor of <paramref name="check"/> (after them, so
    /// that a property both watch is reported by the system's own monitor, which says more).
    /// </summary>
    public static Func<IReadOnlyList<SpecMonitor>> With(SpecInvariantCheck check, Func<IReadOnlyList<SpecMonitor>> monitors) =>
        () => [.. monitors(), check.NewMonitor()];

    /// <summary>
    /// The system's monitors followed by its spec-invariant monitor, for a system whose scenarios
    /// check some of its properties only through the spec's invariants (its own monitor for them removed).
    /// </summary>
    /// <exception cref="SpecInvariantSetupException">the spec or the model is not found or does not load, or names no invariant.</exception>
    /// <remarks>The spec is loaded when the first run's monitors are made, not when the scenario is (hosts that only read a scenario's nodes need no spec).</remarks>
    public static Func<IReadOnlyList<SpecMonitor>> With(SystemDefinition system, Func<IReadOnlyList<SpecMonitor>> monitors) =>
        () => [.. monitors(), (For(system) ?? throw new SpecInvariantSetupException($"{system.Name} checks properties through its spec's invariants, but it has no refinement mapping, spec or invariant to check")).NewMonitor()];

    internal StateInvariants.Evaluator Evaluator => _evaluators.Value!;

    /// <summary>What to evaluate on every state, decided on the first mapped state (the mapping gives the same variables at every state).</summary>
    internal Plan PlanFor(IReadOnlyDictionary<string, Tla.Values.Value> state)
    {
        if (_plan is { } known) return known;
        lock (_lock) return _plan ??= Plan.Of(this, state);
    }

    internal sealed record Plan(StateInvariant[] Checked, int[][] ReadIndexes, string[] Notes)
    {
        public static Plan Of(SpecInvariantCheck check, IReadOnlyDictionary<string, Tla.Values.Value> state)
        {
            var variables = check.Invariants.Variables;
            var missing = variables.Where(v => !state.ContainsKey(v)).ToHashSet(StringComparer.Ordinal);
            var checkedInvariants = new List<StateInvariant>();
            var reads = new List<int[]>();
            var notes = new List<string>();
            foreach (var invariant in check.Invariants.All)
            {
                if (check._notChecked.TryGetValue(invariant.Name, out var reason))
                {
                    notes.Add($"{invariant.Name} of {check.Config} is not checked on the implementation: {reason}");
                    continue;
                }
                var read = invariant.Reads ?? variables;
                var unmapped = read.Where(missing.Contains).ToArray();
                if (unmapped.Length > 0)
                {
                    notes.Add($"{invariant.Name} of {check.Config} is not checked on the implementation: it reads {string.Join(", ", unmapped)}, which the refinement mapping of {check.Mapping.System} leaves out"
                        + (invariant.Reads is null ? " (the variables it reads cannot be told from the spec, so it counts as reading all)" : ""));
                    continue;
                }
                checkedInvariants.Add(invariant);
                reads.Add(read.Select(v => IndexOf(variables, v)).ToArray());
            }
            return new Plan([.. checkedInvariants], [.. reads], [.. notes]);
        }

        private static int IndexOf(IReadOnlyList<string> variables, string name)
        {
            for (var i = 0; i < variables.Count; i++)
                if (variables[i] == name) return i;
            throw new InvalidOperationException($"{name} is no variable of the spec");
        }
    }
}
