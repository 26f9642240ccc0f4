using Verification.Tla.Syntax;
using System.Runtime.CompilerServices;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// A compiled operator definition (module level, LET, LAMBDA or instance). Its body runs in a
/// fresh <see cref="Frame"/> of <see cref="FrameSize"/> slots whose first slots are the
/// parameters; LET operators and LAMBDAs get the frame they were defined in as parent.
/// </summary>
public sealed class CompiledOperator(string name, SourceSpan span, int arity)
{
    public string Name { get; } = name;

    public SourceSpan Span { get; } = span;

    public int Arity { get; } = arity;

    /// <summary>Which parameters are operators (`F(_)`) rather than values.</summary>
    public bool[] OperatorParameters { get; set; } = new bool[arity];

    public Expr Body { get; set; } = null!;

    public int FrameSize { get; set; }

    /// <summary>True when evaluating the body may draw a random value (it uses RandomElement, directly or not).</summary>
    public bool DrawsRandom { get; set; }

    /// <summary>True when evaluating the body may print or read or write a file (directly or not).</summary>
    public bool TouchesWorld { get; set; }

    /// <summary>True when the body enumerates a set (a quantifier, CHOOSE, set or function constructor), directly or not.</summary>
    public bool Iterates { get; set; }

    /// <summary>
    /// Results of this operator by the identity of its arguments, for an operator whose result
    /// depends on nothing else (see <see cref="CallMemo.Applies"/>); created on first call.
    /// </summary>
    internal CallMemo? Memo;

    /// <summary>
    /// For a state-level definition without parameters: the variables its value is a function of,
    /// ascending (set by the model where they are known from the syntax); its values are then
    /// remembered by the identity of those variables' values (<see cref="StateMemo"/>).
    /// </summary>
    internal int[]? StateReads { get; set; }

    /// <summary>The values of this definition by the identity of its <see cref="StateReads"/>' values; created on first use.</summary>
    internal CallMemo? StateMemo;

    /// <summary>True when the body refers to its defining frame (LET operators, LAMBDAs).</summary>
    public bool NeedsParentFrame { get; set; }

    /// <summary>The level of the body with every parameter taken as constant.</summary>
    public int Level => Body?.Level ?? ProvisionalLevel;

    /// <summary>The level assumed for recursive references while the body is being compiled.</summary>
    public int ProvisionalLevel { get; set; } = Levels.State;

    // A constant-level definition without parameters is evaluated once (TLC does the same).
    private Value? _constantValue;
    private readonly Lock _constantLock = new();

    public Value ConstantValue(EvalContext context)
    {
        if (_constantValue is { } known) return known;
        lock (_constantLock)
        {
            _constantValue ??= Body.Eval(context, FrameSize == 0 ? null : new Frame(FrameSize, null));
            return _constantValue;
        }
    }

    public Value Invoke(EvalContext context, Frame? parent, Value[] arguments)
    {
        var frame = new Frame(FrameSize, NeedsParentFrame ? parent : null);
        for (var i = 0; i < arguments.Length; i++) frame.Slots[i] = arguments[i];
        return Body.Eval(context, frame);
    }

    public override string ToString() => Name;
}

/// <summary>A defined operator or LAMBDA passed as an argument, with the frame it closes over.</summary>
public sealed class DefinedOperatorValue(CompiledOperator op, Frame? closure) : OperatorValue
{
    public CompiledOperator Operator { get; } = op;

    public Frame? Closure { get; } = closure;

    public override int Arity => Operator.Arity;

    public override Value Invoke(EvalContext context, Value[] arguments) => Operator.Invoke(context, Closure, arguments);
}

/// <summary>A built-in operator passed as an argument (`Fold(+, 0, s)`).</summary>
public sealed class BuiltinOperatorValue(string name, int arity, Func<EvalContext, Value[], Value> implementation) : OperatorValue
{
    public string Name { get; } = name;

    public override int Arity => arity;

    public override Value Invoke(EvalContext context, Value[] arguments) => implementation(context, arguments);
}

/// <summary>
/// An argument that is an operator: produces the <see cref="OperatorValue"/> at run time. Its level
/// is the operator's (a LAMBDA over a variable is state-level), so that a call passing it is no
/// more constant than the operator it passes.
/// </summary>
public abstract class OperatorArgument(SourceSpan span, int level = Levels.Constant) : Expr(span, level)
{
    public abstract OperatorValue Resolve(EvalContext context, Frame? frame);

    public override Value Eval(EvalContext context, Frame? frame) =>
        throw new EvaluationException("An operator was used where a value is expected.", Span);
}

public sealed class DefinedOperatorArgument(SourceSpan span, CompiledOperator op, int parentDepth, int level) : OperatorArgument(span, level)
{
    public override OperatorValue Resolve(EvalContext context, Frame? frame) =>
        new DefinedOperatorValue(op, op.NeedsParentFrame ? frame?.Up(parentDepth) : null);
}

public sealed class BuiltinOperatorArgument(SourceSpan span, BuiltinOperatorValue op) : OperatorArgument(span)
{
    public override OperatorValue Resolve(EvalContext context, Frame? frame) => op;
}

/// <summary>An operator parameter passed on as an argument (`Twice(F, x) == F(F(x))` calling `G(F)`).</summary>
public sealed class ParameterOperatorArgument(SourceSpan span, int depth, int slot) : OperatorArgument(span, Levels.State)
{
    public override OperatorValue Resolve(EvalContext context, Frame? frame) =>
        frame!.Up(depth).Slots[slot] as OperatorValue
        ?? throw new EvaluationException("An operator argument was expected here.", Span);
}

/// <summary>A call of a defined operator with arguments.</summary>
public sealed class CallExpr : Expr
{
    private readonly CompiledOperator _op;
    private readonly Expr[] _arguments;
    private readonly int _parentDepth;
    private readonly bool _anyLazy;

    public CallExpr(SourceSpan span, CompiledOperator op, Expr[] arguments, int parentDepth, int level)
        : base(span, level)
    {
        _op = op;
        _arguments = arguments;
        _parentDepth = parentDepth;
        // Arguments are passed by name where it matters: one that refers to the next state is
        // evaluated where it is used, and so is a state-level one when the body is an action
        // (`Inc(v) == v' = v + 1`: v' is the argument evaluated in the next state).
        _lazyFromLevel = op.Level >= Levels.Action ? Levels.State : Levels.Action;
        var lazyFrom = _lazyFromLevel;
        _anyLazy = arguments.Any(a => a.Level >= lazyFrom || a is OperatorArgument);
    }

    private readonly int _lazyFromLevel;

    public CompiledOperator Operator => _op;

    public Frame BuildFrame(EvalContext context, Frame? frame)
    {
        var callee = new Frame(_op.FrameSize, _op.NeedsParentFrame ? frame?.Up(_parentDepth) : null);
        var slots = callee.Slots;
        if (!_anyLazy)
        {
            for (var i = 0; i < _arguments.Length; i++) slots[i] = _arguments[i].Eval(context, frame);
            return callee;
        }
        for (var i = 0; i < _arguments.Length; i++)
        {
            var argument = _arguments[i];
            slots[i] = argument switch
            {
                OperatorArgument op => op.Resolve(context, frame),
                _ when argument.Level >= _lazyFromLevel => new Thunk(argument, frame),
                _ => argument.Eval(context, frame),
            };
        }
        return callee;
    }

    public override Value Eval(EvalContext context, Frame? frame)
    {
        // Recursion is as deep as the stack allows (TLC's limit is the JVM's stack); a runaway one
        // becomes an evaluation error here, with room left on the stack to report it. Checking
        // every few calls keeps the cost off ordinary calls.
        if ((++context.CallDepth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            context.CallDepth = 0;
            throw EvalContext.TooDeep(_op.Name, Span);
        }
        try
        {
            var callee = BuildFrame(context, frame);
            var memo = Memo();
            if (memo is null) return _op.Body.Eval(context, callee);
            if (memo.TryGet(callee.Slots, _arguments.Length, out var known)) return known;
            var arguments = CallMemo.Arguments.Copy(callee.Slots, _arguments.Length);
            var result = _op.Body.Eval(context, callee);
            memo.Add(arguments, result);
            return result;
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        finally
        {
            if (context.CallDepth > 0) context.CallDepth--;
        }
    }

    // Decided on the first call, when the operator (which may be recursive) is fully compiled.
    private int _memoDecision; // 0 undecided, 1 memoized, 2 not

    private CallMemo? Memo()
    {
        if (_memoDecision == 0) _memoDecision = CallMemo.Applies(_op, _anyLazy) ? 1 : 2;
        if (_memoDecision == 2) return null;
        var memo = _op.Memo;
        if (memo is null)
        {
            Interlocked.CompareExchange(ref _op.Memo, new CallMemo(), null);
            memo = _op.Memo!;
        }
        if (!memo.IsOff) return memo;
        _memoDecision = 2;
        return null;
    }
}

/// <summary>A defined operator without parameters whose value depends on the state.</summary>
public sealed class InlineDefinitionExpr(SourceSpan span, CompiledOperator op) : Expr(span, op.Level)
{
    public CompiledOperator Operator => op;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (op.StateReads is { } reads && Memo() is { } memo && Key(context.Current, reads) is { } key)
        {
            if (memo.TryGet(key, reads.Length, out var known)) return known;
            // Copied before the body runs: a definition it uses fills the same scratch array.
            var arguments = CallMemo.Arguments.Copy(key, reads.Length);
            var value = op.Body.Eval(context, op.FrameSize == 0 ? null : new Frame(op.FrameSize, null));
            memo.Add(arguments, value);
            return value;
        }
        return op.Body.Eval(context, op.FrameSize == 0 ? null : new Frame(op.FrameSize, null));
    }

    private CallMemo? Memo()
    {
        var memo = op.StateMemo;
        if (memo is null)
        {
            Interlocked.CompareExchange(ref op.StateMemo, new CallMemo(), null);
            memo = op.StateMemo!;
        }
        return memo.IsOff ? null : memo;
    }

    [ThreadStatic] private static object?[]? _key;

    // The values of the variables read, in this thread's scratch array; null while one has no value yet
    // (Init assigning, or a primed variable not assigned): then the definition is evaluated as usual.
    private static object?[]? Key(Value?[] state, int[] reads)
    {
        var key = _key is { } scratch && scratch.Length >= reads.Length ? scratch : _key = new object?[Math.Max(8, reads.Length)];
        for (var i = 0; i < reads.Length; i++)
        {
            if (state[reads[i]] is not { } value) return null;
            key[i] = value;
        }
        return key;
    }
}

/// <summary>A constant-level definition without parameters: computed once.</summary>
public sealed class ConstantDefinitionExpr(SourceSpan span, CompiledOperator op) : Expr(span, Levels.Constant)
{
    public CompiledOperator Operator => op;

    public override Value Eval(EvalContext context, Frame? frame) => op.ConstantValue(context);
}

/// <summary><c>F(a, b)</c> where F is an operator parameter.</summary>
public sealed class ParameterCallExpr(SourceSpan span, int depth, int slot, string name, Expr[] arguments, int level)
    : Expr(span, level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw EvalContext.TooDeep(name, Span);
        if (frame!.Up(depth).Slots[slot] is not OperatorValue op)
            throw new EvaluationException($"{name} is not an operator.", Span);
        if (op.Arity != arguments.Length)
            throw new EvaluationException($"The operator {name} takes {op.Arity} arguments but is given {arguments.Length}.", Span);
        var values = new Value[arguments.Length];
        for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Eval(context, frame);
        try
        {
            return op.Invoke(context, values);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

/// <summary>
/// An operator constant of an instantiated module applied to arguments, where the INSTANCE gives an
/// operator for it (`INSTANCE Rounds WITH Leader &lt;- RoundRobin`, or a LAMBDA).
/// </summary>
public sealed class SubstitutedOperatorCallExpr(SourceSpan span, OperatorArgument op, string name, Expr[] arguments, int level)
    : Expr(span, level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var resolved = op.Resolve(context, frame);
        if (resolved.Arity != arguments.Length)
            throw new EvaluationException($"The operator {name} takes {resolved.Arity} arguments but is given {arguments.Length}.", Span);
        var values = new Value[arguments.Length];
        for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Eval(context, frame);
        try
        {
            return resolved.Invoke(context, values);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

/// <summary>A top-level expression compiled in a layout of its own: each evaluation gets a fresh frame.</summary>
public sealed class FramedExpr(Expr inner, FrameLayout layout) : Expr(inner.Span, inner.Level)
{
    public override Value Eval(EvalContext context, Frame? frame) =>
        inner.Eval(context, layout.Size == 0 ? null : new Frame(layout.Size, null));
}
