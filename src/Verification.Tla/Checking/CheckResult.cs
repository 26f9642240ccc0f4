using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// One state of a counterexample as printed: the action label and the variables' values.
/// <paramref name="SpecVariables"/> is false when <see cref="Variables"/> are an ALIAS's fields,
/// which are printed as given rather than in TLC's variable order.
/// </summary>
public sealed record TraceState(string Label, IReadOnlyList<(string Name, Value Value)> Variables, Value[] State, bool SpecVariables = true);

/// <summary>The outcome of `verify check` / <see cref="ModelChecker.Run"/>, with TLC's figures.</summary>
public sealed record CheckResult
{
    public CheckOutcome Outcome { get; init; }

    /// <summary>The violated invariant or action property, as TLC names it; null otherwise.</summary>
    public string? Violated { get; init; }

    /// <summary>Null where TLC prints no counts (an ASSUME failed, the spec did not load).</summary>
    public long? StatesGenerated { get; init; }

    public long? DistinctStates { get; init; }

    public long? StatesLeftOnQueue { get; init; }

    /// <summary>Null where TLC prints no depth (an evaluation error while computing successors).</summary>
    public int? Depth { get; init; }

    /// <summary>The counterexample, or null.</summary>
    public IReadOnlyList<TraceState>? Trace { get; init; }

    /// <summary>The error message (with its location) for errors; null on success.</summary>
    public string? Message { get; init; }

    /// <summary>PROPERTY formulas this checker did not check (temporal ones; see the liveness issue).</summary>
    public IReadOnlyList<string> UncheckedProperties { get; init; } = [];

    public TimeSpan Elapsed { get; init; }

    /// <summary>The explored graph (states are variable values in declaration order), when requested.</summary>
    public StateGraph<Value[]>? StateGraph { get; init; }

    /// <summary>Peak managed memory during the run, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    public int ExitCode => ExitCodes.For(Outcome);

    /// <summary>The kit's name for the result: success, invariant, deadlock, property, assumption or error.</summary>
    public string ResultKind => Outcome switch
    {
        CheckOutcome.Success => "success",
        CheckOutcome.InvariantViolated => "invariant",
        CheckOutcome.Deadlock => "deadlock",
        CheckOutcome.ActionPropertyViolated or CheckOutcome.PropertyViolated => "property",
        CheckOutcome.AssumptionViolated => "assumption",
        _ => "error",
    };
}
