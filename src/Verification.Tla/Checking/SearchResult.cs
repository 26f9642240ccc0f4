using Verification.Tla.Evaluation;

namespace Verification.Tla.Checking;

/// <summary>How a check ended; each maps to one of TLC's exit codes (<see cref="ExitCodes"/>).</summary>
public enum CheckOutcome
{
    Success,
    InvariantViolated,
    Deadlock,
    ActionPropertyViolated,
    /// <summary>A state-predicate PROPERTY fails in an initial state.</summary>
    PropertyViolated,
    AssumptionViolated,
    AssertionFailed,
    /// <summary>An evaluation error while computing initial states or successors (or in a constraint).</summary>
    EvaluationError,
    /// <summary>An evaluation error while evaluating an invariant.</summary>
    InvariantEvaluationError,
    /// <summary>An evaluation error while evaluating a property.</summary>
    PropertyEvaluationError,
    SpecError,
    ConfigError,
    /// <summary>A temporal property TLC cannot handle (TLC: "cannot handle the temporal formula", exit 255).</summary>
    UnsupportedTemporalFormula,
}

/// <summary>TLC 2.19's process exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int AssumptionViolated = 10;
    public const int Deadlock = 11;
    public const int SafetyViolation = 12;
    public const int LivenessViolation = 13;
    public const int AssertionFailed = 14;
    public const int EvaluationError = 75;
    public const int InvariantEvaluationError = 76;
    public const int PropertyEvaluationError = 77;
    public const int SpecParseError = 150;
    public const int ConfigParseError = 151;
    public const int StateSpaceTooLarge = 152;
    public const int SystemError = 153;
    public const int OtherError = 255;

    public static int For(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Success => Success,
        CheckOutcome.InvariantViolated => SafetyViolation,
        CheckOutcome.Deadlock => Deadlock,
        CheckOutcome.ActionPropertyViolated => LivenessViolation,
        CheckOutcome.PropertyViolated => LivenessViolation,
        CheckOutcome.AssumptionViolated => AssumptionViolated,
        CheckOutcome.AssertionFailed => AssertionFailed,
        CheckOutcome.EvaluationError => EvaluationError,
        CheckOutcome.InvariantEvaluationError => InvariantEvaluationError,
        CheckOutcome.PropertyEvaluationError => PropertyEvaluationError,
        CheckOutcome.SpecError => SpecParseError,
        CheckOutcome.ConfigError => ConfigParseError,
        _ => OtherError,
    };
}

/// <summary>One state of a counterexample and the action that produced it (−1: an initial state).</summary>
public readonly record struct TraceStep<TState>(TState State, int Action);

/// <summary>What a search found, before it is printed.</summary>
public sealed class SearchResult<TState>
{
    public CheckOutcome Outcome { get; init; }

    /// <summary>The index of the violated invariant or property (into the system's name lists), else −1.</summary>
    public int ViolatedIndex { get; init; } = -1;

    public long StatesGenerated { get; init; }

    public long DistinctStates { get; init; }

    public long StatesLeftOnQueue { get; init; }

    /// <summary>TLC's "depth of the complete state graph search"; null where TLC prints none.</summary>
    public int? Depth { get; init; }

    /// <summary>
    /// For a complete search: how many expanded states produced 0, 1, ... 31 (or more) new states,
    /// from which TLC prints its "average outdegree" line.
    /// </summary>
    public IReadOnlyList<long>? OutDegrees { get; init; }

    /// <summary>The counterexample (shortest, from an initial state), or null.</summary>
    public IReadOnlyList<TraceStep<TState>>? Trace { get; init; }

    public EvaluationException? Error { get; init; }

    /// <summary>True when the initial states were never all computed (TLC then prints no counts).</summary>
    public bool FailedBeforeSearch { get; init; }

    /// <summary>Bytes held by the fingerprint set at the end.</summary>
    public long FingerprintSetBytes { get; init; }
}
