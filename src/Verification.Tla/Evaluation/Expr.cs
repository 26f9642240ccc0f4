using System.Runtime.CompilerServices;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>Expression levels as SANY defines them.</summary>
public static class Levels
{
    public const int Constant = 0;
    public const int State = 1;
    public const int Action = 2;
    public const int Temporal = 3;
}

/// <summary>
/// A compiled expression: names are resolved and the tree is built once, so evaluating it per
/// state is a walk over these nodes with no lookups. <see cref="Level"/> is the expression's
/// level (constant, state, action), which decides what may be cached and what must stay lazy.
/// </summary>
public abstract class Expr(SourceSpan span, int level)
{
    public SourceSpan Span { get; } = span;

    public int Level { get; protected set; } = level;

    public abstract Value Eval(EvalContext context, Frame? frame);

    /// <summary>
    /// Evaluates to a boolean; anything else is an evaluation error at this expression. Boolean
    /// operators override it to skip the round trip through <see cref="BoolValue"/>.
    /// </summary>
    public virtual bool EvalBool(EvalContext context, Frame? frame)
    {
        var value = Eval(context, frame);
        if (value is BoolValue b) return b.Value;
        throw new EvaluationException($"A non-boolean expression ({Describe(value)}) was used as a formula.", Span);
    }

    public SetValue EvalSet(EvalContext context, Frame? frame, string what)
    {
        var value = Eval(context, frame);
        if (value is SetValue s) return s;
        throw new EvaluationException($"{what} should be a set, but instead it is:\n{Describe(value)}", Span);
    }

    protected EvaluationException Located(EvalException e) =>
        new(e.Message, Span, e is AssertionFailedException ? EvaluationFailure.AssertionFailed : EvaluationFailure.Error);

    internal static string Describe(Value value)
    {
        var text = ValuePrinter.Print(value);
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    internal static int MaxLevel(IEnumerable<Expr> expressions)
    {
        var level = Levels.Constant;
        foreach (var e in expressions) level = Math.Max(level, e.Level);
        return level;
    }
}

public sealed class ConstantExpr(SourceSpan span, Value value) : Expr(span, Levels.Constant)
{
    public Value Value { get; } = value;

    public override Value Eval(EvalContext context, Frame? frame) => Value;
}

/// <summary>An unprimed variable.</summary>
public sealed class VariableExpr(SourceSpan span, int index, string name) : Expr(span, Levels.State)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public override Value Eval(EvalContext context, Frame? frame) =>
        context.Current[Index] ?? throw new EvaluationException(
            $"In evaluation, the identifier {Name} is either undefined or not an operator (the variable has no value yet).", Span);
}

/// <summary>A primed variable <c>x'</c>.</summary>
public sealed class PrimedVariableExpr(SourceSpan span, int index, string name) : Expr(span, Levels.Action)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public override Value Eval(EvalContext context, Frame? frame) =>
        context.Next[Index] ?? throw new EvaluationException(
            $"The primed variable {Name}' is used before it has been assigned a value.", Span);
}

/// <summary><c>e'</c> for an expression other than a variable: e evaluated in the next state.</summary>
public sealed class PrimeExpr(SourceSpan span, Expr inner) : Expr(span, Levels.Action)
{
    public Expr Inner { get; } = inner;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var current = context.Current;
        context.Current = context.Next;
        try
        {
            return Inner.Eval(context, frame);
        }
        finally
        {
            context.Current = current;
        }
    }
}

/// <summary>A parameter or bound variable, <paramref name="depth"/> frames up.</summary>
public sealed class LocalExpr(SourceSpan span, int depth, int slot, string name, int level) : Expr(span, level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var home = frame!;
        for (var i = 0; i < depth; i++) home = home.Parent!;
        var stored = home.Slots[slot];
        // A value slot holds a value or, for an argument that refers to primed variables, a thunk.
        if (stored is Thunk thunk) return thunk.Force(context);
        if (stored is null) throw new EvaluationException($"The identifier {name} has no value here.", Span);
        return Unsafe.As<Value>(stored);
    }
}

/// <summary>
/// A zero-argument LET definition: evaluated on first use and kept for the rest of that LET
/// activation, unless it refers to primed variables (then it is recomputed, because successor
/// enumeration assigns and unassigns them while the LET is active).
/// </summary>
public sealed class LetValueExpr(SourceSpan span, int depth, int slot, Expr definition) : Expr(span, definition.Level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var home = frame!.Up(depth);
        if (home.Slots[slot] is Value known) return known;
        var value = definition.Eval(context, home);
        if (definition.Level < Levels.Action) home.Slots[slot] = value;
        return value;
    }
}

/// <summary>
/// A LET function's reference to itself inside its own body: the function value is in its slot by
/// the time the (lazily evaluated) body runs; otherwise it is computed as <see cref="LetValueExpr"/> does.
/// </summary>
public sealed class LetRecursiveFunctionExpr(SourceSpan span, int depth, LocalSymbol function) : Expr(span, Levels.Constant)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var home = frame!.Up(depth);
        if (home.Slots[function.Slot] is Value known) return known;
        var definition = function.LetDefinition ?? throw new EvaluationException($"{function.Name} is used in its own definition.", Span);
        var value = definition.Eval(context, home);
        if (definition.Level < Levels.Action) home.Slots[function.Slot] = value;
        return value;
    }
}

/// <summary>Clears the slots of a LET's zero-argument definitions, then evaluates the body.</summary>
public sealed class LetExpr(SourceSpan span, int[] slots, Expr body) : Expr(span, body.Level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        foreach (var slot in slots) frame!.Slots[slot] = null;
        return body.Eval(context, frame);
    }
}
