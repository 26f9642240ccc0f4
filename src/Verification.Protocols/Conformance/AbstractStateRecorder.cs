using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// Records the run as the spec sees it, the abstract state (spec variable to value) after boot and
/// after every step, for reports that show it next to the trace (`--states`). It only watches:
/// no assertion, never hot. Placed first among the monitors, it sees each step before a monitor
/// that fails the run on that step stops it, so the failing step has its state too.
/// </summary>
public sealed class AbstractStateRecorder(IRefinementMapping mapping) : SpecMonitor
{
    private readonly List<IReadOnlyDictionary<string, Value>?> _states = [];
    private readonly List<string?> _problems = [];

    public override string Name => "abstract-states";

    /// <summary>The state after boot (index 0) and after each step (index = step), null where the mapping could not say.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Value>?> States => _states;

    /// <summary>Why the mapping gave no state at an index (a node the mapping needs is down, ...).</summary>
    public IReadOnlyList<string?> Problems => _problems;

    /// <summary>The scenario with a recorder first among its monitors; <paramref name="onCreated"/> sees each one.</summary>
    public static Scenario Attach(Scenario scenario, IRefinementMapping mapping, Action<AbstractStateRecorder> onCreated)
    {
        var create = scenario.CreateMonitors;
        return scenario with
        {
            CreateMonitors = () =>
            {
                var recorder = new AbstractStateRecorder(mapping);
                onCreated(recorder);
                return [recorder, .. create()];
            },
        };
    }

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        // Every event of a step arrives after the world applied the step: the first one gives its state.
        while (_states.Count <= world.Step)
        {
            if (_states.Count < world.Step)
            {
                _states.Add(null);
                _problems.Add("not observed");
                continue;
            }
            try
            {
                _states.Add(mapping.AbstractState(world));
                _problems.Add(null);
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException or NullReferenceException)
            {
                _states.Add(null);
                _problems.Add(exception.Message);
            }
        }
    }

    /// <summary>
    /// Lines describing the state at <paramref name="index"/>: every variable for the state after boot,
    /// the variables that changed (primed) after a step; each value as TLA+ prints it, cut to a readable length.
    /// </summary>
    public IEnumerable<string> Describe(int index)
    {
        if (index >= _states.Count) yield break;
        if (_states[index] is not { } state)
        {
            yield return $"(no abstract state: {Messages.Quote(_problems[index] ?? "unknown")})";
            yield break;
        }
        var before = index > 0 ? _states[index - 1] : null;
        foreach (var (variable, value) in state)
        {
            if (before is not null && before.TryGetValue(variable, out var old) && old.Equals(value)) continue;
            yield return $"{variable}{(index > 0 ? "'" : "")} = {Messages.Truncate(ValuePrinter.Print(value), 300)}";
        }
    }
}
