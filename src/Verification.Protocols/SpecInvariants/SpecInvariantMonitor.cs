using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Tla;
using Verification.Tla.Values;

namespace Verification.Protocols.SpecInvariants;

/// <summary>
/// The spec's invariants as a monitor: after boot and after every step, the world is mapped to the
/// spec's variables and each invariant of the system's conformance model is evaluated on that state;
/// the first one that is FALSE (or cannot be evaluated) fails the run, as the detector
/// "invariant:NAME", with the step and the values of the variables it reads. Only invariants that
/// read a variable the step changed are evaluated again.
/// </summary>
public sealed class SpecInvariantMonitor : SpecMonitor
{
    private readonly SpecInvariantCheck _check;
    private Value?[]? _previous;
    private bool[] _changed = [];

    internal SpecInvariantMonitor(SpecInvariantCheck check) => _check = check;

    /// <summary>The system's invariants this monitor checks (shared by every run).</summary>
    public SpecInvariantCheck Check => _check;

    public override string Name => "spec-invariants";

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not (RunStarted or StepCompleted)) return;
        var mapped = _check.Mapping.AbstractState(world);
        var plan = _check.PlanFor(mapped);
        var variables = _check.Invariants.Variables;
        var values = new Value?[variables.Count];
        if (_changed.Length != values.Length) _changed = new bool[values.Length];
        var anyChanged = false;
        for (var v = 0; v < values.Length; v++)
        {
            values[v] = mapped.GetValueOrDefault(variables[v]);
            _changed[v] = _previous is null || !Equals(values[v], _previous[v]);
            anyChanged |= _changed[v];
        }
        _previous = values;
        if (!anyChanged) return;
        Value[]? state = null;
        for (var i = 0; i < plan.Checked.Length; i++)
        {
            var reads = plan.ReadIndexes[i];
            if (!ReadsAny(reads)) continue;
            var invariant = plan.Checked[i];
            foreach (var v in reads)
                if (values[v] is null)
                    throw new MonitorViolation(SpecInvariantCheck.Detector(invariant.Name),
                        $"{invariant.Name} cannot be evaluated {When(e, world)}: the refinement mapping of {_check.Mapping.System} gave no value to {variables[v]}, which it gave at the start of the run");
            try
            {
                state ??= _check.Evaluator.State(values);
            }
            catch (ArgumentException exception)
            {
                throw new MonitorViolation(Name, $"the state {When(e, world)} is no state of the spec's model: {exception.Message}");
            }
            if (_check.Evaluator.Violation(invariant.Index, state) is { } why)
                throw new MonitorViolation(SpecInvariantCheck.Detector(invariant.Name), Describe(invariant.Name, why, e, world, reads, values));
        }
    }

    private bool ReadsAny(int[] reads)
    {
        foreach (var v in reads)
            if (_changed[v]) return true;
        return false;
    }

    private static string When(MonitorEvent e, IWorldView world) =>
        e is StepCompleted step ? $"after step {step.Step} ({Messages.Truncate(step.Label, 200)})" : "in the initial state";

    /// <summary>"the spec invariant X is FALSE after step 12 (Label)", then the variables it reads, as TLA+ prints them.</summary>
    private string Describe(string invariant, string why, MonitorEvent e, IWorldView world, int[] reads, Value?[] values)
    {
        var lines = new List<string> { $"the spec invariant {invariant} ({_check.Config}) {why} {When(e, world)}; the state as the spec sees it:" };
        foreach (var v in reads)
            lines.Add($"  {_check.Invariants.Variables[v]} = {Messages.Truncate(ValuePrinter.Print(values[v]!), 300)}");
        return string.Join("\n", lines);
    }
}
