using Verification.Tla;
using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Cli.Reports;

/// <summary>
/// The HTML report of a TLA+ behaviour: a counterexample of `verify check` (the states in order, the
/// lasso's loop marked) or a trace of `verify validate` (with the conformance diagnosis at its step).
/// </summary>
public static class TraceReports
{
    /// <summary>One state of a behaviour: the label of the step that led to it, and each variable's value (null: not observed).</summary>
    public sealed record TraceState(string Label, string? Action, IReadOnlyList<Value?> Values);

    public static ReportModel Build(IReadOnlyList<string> variables, IReadOnlyList<TraceState> states, string title, IReadOnlyList<string> subtitle, ReportVerdict? verdict, int? loop = null)
    {
        var steps = new List<ReportStep>(states.Count);
        IReadOnlyList<Value?>? previous = null;
        foreach (var state in states)
        {
            var changed = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var v = 0; v < variables.Count && v < state.Values.Count; v++)
            {
                var value = state.Values[v];
                var before = previous is not null && v < previous.Count ? previous[v] : null;
                if (previous is not null && Equals(value, before)) continue;
                changed[variables[v]] = value is null ? "(not observed)" : Print(value);
            }
            steps.Add(new ReportStep(-1, steps.Count == 0 ? "init" : "step", state.Label, state.Action) { Changed = changed });
            previous = state.Values;
        }
        return new ReportModel { Kind = "trace", Title = title, Subtitle = subtitle, Steps = steps, Verdict = verdict, Loop = loop };
    }

    /// <summary>A counterexample as the checker wrote it in ITF (labels in mbt::actionTaken, the lasso's loop).</summary>
    public static ReportModel FromItf(ItfTrace trace, string title, IReadOnlyList<string> subtitle, ReportVerdict? verdict)
    {
        var states = trace.States.Select((state, i) =>
        {
            var label = state.Extra.TryGetValue(ItfTrace.ActionTakenKey, out var taken) && taken is StringValue s ? s.Value : i == 0 ? "Initial predicate" : "(no label)";
            var open = label.IndexOf(' ', StringComparison.Ordinal);
            return new TraceState(label, i == 0 ? null : open > 0 ? label[..open] : label, state.Values.Select(static v => (Value?)v).ToArray());
        }).ToArray();
        return Build(trace.Variables, states, title, subtitle, verdict, trace.Loop);
    }

    /// <summary>A trace given to `verify validate`, with the verdict at the diagnosed step.</summary>
    public static ReportModel FromObserved(ObservedTrace trace, ValidationResult result, string title)
    {
        var states = trace.Events.Select((e, i) => new TraceState(e.Label ?? e.Action ?? (i == 0 ? "initial state" : "(no label)"), e.Action, e.State)).ToArray();
        var verdict = result.Verdict switch
        {
            ConformanceVerdict.Conforms => new ReportVerdict("conforms", result.Describe(), null, Failed: false),
            ConformanceVerdict.DoesNotConform => new ReportVerdict("does not conform", result.Diagnosis!.Describe(), result.Diagnosis.Step),
            _ => new ReportVerdict("inconclusive", result.InconclusiveReason ?? "inconclusive", null),
        };
        // The diagnosis names states by their index in the trace ("state 4"): number them the same way.
        return Build(trace.Variables, states, title, [trace.Source], verdict) with { FirstStateNumber = 0 };
    }

    private static string Print(Value value)
    {
        try
        {
            return Messages.Truncate(ValuePrinter.Print(value), RunReports.MaxValueLength);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return $"(cannot print: {e.Message})";
        }
    }
}
