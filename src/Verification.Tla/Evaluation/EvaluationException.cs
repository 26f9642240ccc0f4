using Verification.Tla.Syntax;

namespace Verification.Tla.Evaluation;

/// <summary>What kind of failure an <see cref="EvaluationException"/> reports (it decides the exit code).</summary>
public enum EvaluationFailure
{
    /// <summary>An expression could not be evaluated (domain, CHOOSE, overflow, type mismatch...).</summary>
    Error,

    /// <summary>TLC's <c>Assert(FALSE, msg)</c>.</summary>
    AssertionFailed,
}

/// <summary>
/// An error while evaluating the spec, located the way TLC locates it: the innermost expression
/// plus the chain of enclosing expressions being evaluated when it happened (outermost first).
/// </summary>
public sealed class EvaluationException : Exception
{
    private readonly List<SourceSpan> _positions = [];

    public EvaluationException(string message, SourceSpan span, EvaluationFailure failure = EvaluationFailure.Error)
        : base(message)
    {
        Failure = failure;
        if (!span.IsNone) _positions.Add(span);
    }

    public EvaluationFailure Failure { get; }

    /// <summary>The expressions being evaluated, outermost first; the last one is where it failed.</summary>
    public IReadOnlyList<SourceSpan> Positions => _positions;

    public SourceSpan Span => _positions.Count == 0 ? SourceSpan.None : _positions[^1];

    /// <summary>
    /// Records an enclosing expression from an exception filter, and returns false so the
    /// exception travels on: filters run before any unwinding, so nothing is rethrown on a deep
    /// stack (rethrowing from a catch block at every level of a deep recursion overflows it).
    /// </summary>
    public bool AddPosition(SourceSpan span)
    {
        Within(span);
        return false;
    }

    /// <summary>Records an enclosing expression while the exception travels outwards.</summary>
    public EvaluationException Within(SourceSpan span)
    {
        if (span.IsNone || (_positions.Count > 0 && _positions[0] == span)) return this;
        // A deep recursion passes through thousands of enclosing calls: past a bound, only the
        // outermost one is kept in front of the innermost ones.
        if (_positions.Count >= MaxPositions) _positions[0] = span;
        else _positions.Insert(0, span);
        return this;
    }

    private const int MaxPositions = 200;
}
