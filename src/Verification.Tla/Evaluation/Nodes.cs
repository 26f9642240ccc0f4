using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

public sealed class NotExpr(SourceSpan span, Expr operand) : Expr(span, operand.Level)
{
    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(!operand.EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame) => !operand.EvalBool(context, frame);
}

/// <summary>A conjunction (infix or a bulleted list), evaluated left to right with short-circuit.</summary>
public sealed class AndExpr(SourceSpan span, Expr[] items) : Expr(span, MaxLevel(items))
{
    public Expr[] Items { get; } = items;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame)
    {
        try
        {
            foreach (var item in Items)
                if (!item.EvalBool(context, frame)) return false;
            return true;
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }
}

public sealed class OrExpr(SourceSpan span, Expr[] items) : Expr(span, MaxLevel(items))
{
    public Expr[] Items { get; } = items;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame)
    {
        try
        {
            foreach (var item in Items)
                if (item.EvalBool(context, frame)) return true;
            return false;
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }
}

public sealed class ImpliesExpr(SourceSpan span, Expr left, Expr right) : Expr(span, Math.Max(left.Level, right.Level))
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame) =>
        !Left.EvalBool(context, frame) || Right.EvalBool(context, frame);
}

public sealed class EquivExpr(SourceSpan span, Expr left, Expr right) : Expr(span, Math.Max(left.Level, right.Level))
{
    public override Value Eval(EvalContext context, Frame? frame) =>
        BoolValue.Of(left.EvalBool(context, frame) == right.EvalBool(context, frame));
}

public sealed class IfExpr(SourceSpan span, Expr condition, Expr then, Expr otherwise)
    : Expr(span, Math.Max(condition.Level, Math.Max(then.Level, otherwise.Level)))
{
    public Expr Condition { get; } = condition;

    public Expr Then { get; } = then;

    public Expr Else { get; } = otherwise;

    public override Value Eval(EvalContext context, Frame? frame) =>
        Condition.EvalBool(context, frame) ? Then.Eval(context, frame) : Else.Eval(context, frame);
}

public sealed class CaseExpr(SourceSpan span, Expr[] guards, Expr[] values, Expr? other)
    : Expr(span, Math.Max(MaxLevel(guards), Math.Max(MaxLevel(values), other?.Level ?? 0)))
{
    public Expr[] Guards { get; } = guards;

    public Expr[] Values { get; } = values;

    public Expr? Other { get; } = other;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        for (var i = 0; i < Guards.Length; i++)
            if (Guards[i].EvalBool(context, frame)) return Values[i].Eval(context, frame);
        if (Other is not null) return Other.Eval(context, frame);
        throw new EvaluationException("Attempted to evaluate a CASE with no conditions true.", Span);
    }
}

/// <summary><c>a = b</c>, failing as TLC does on values it cannot compare.</summary>
public sealed class EqualsExpr(SourceSpan span, Expr left, Expr right, bool negated) : Expr(span, Math.Max(left.Level, right.Level))
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame)
    {
        var a = Left.Eval(context, frame);
        var b = Right.Eval(context, frame);
        // Fast paths for the common cases; strings are interned, so equal strings are one object.
        if (ReferenceEquals(a, b)) return !negated;
        if (a is IntValue x && b is IntValue y) return (x.Value == y.Value) != negated;
        if (a is StringValue && b is StringValue) return negated;
        try
        {
            return ValueOps.CheckedEquals(a, b) != negated;
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

public sealed class InExpr(SourceSpan span, Expr element, Expr set, bool negated) : Expr(span, Math.Max(element.Level, set.Level))
{
    public Expr Element { get; } = element;

    public Expr Set { get; } = set;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    // e \in {x \in S : P}, also through a definition without parameters: TLC decides it as
    // e \in S /\ P(e) without building the set (SUBSET SUBSET 1..4 filtered has 2^16 candidates).
    private readonly SetFilterExpr? _filter = set switch
    {
        SetFilterExpr direct => direct,
        InlineDefinitionExpr { Operator.Body: SetFilterExpr body } => body,
        ConstantDefinitionExpr { Operator.Body: SetFilterExpr body } => body,
        _ => null,
    };

    private SetValue? _constantDomain;

    private CompiledOperator? FilterOperator => Set switch
    {
        InlineDefinitionExpr inline => inline.Operator,
        ConstantDefinitionExpr constant => constant.Operator,
        _ => null,
    };

    public override bool EvalBool(EvalContext context, Frame? frame)
    {
        var e = Element.Eval(context, frame);
        if (_filter is not null)
        {
            var filterFrame = ReferenceEquals(_filter, Set) ? frame
                : FilterOperator is { FrameSize: > 0 } op ? new Frame(op.FrameSize, null) : null;
            if (Set is ConstantDefinitionExpr)
            {
                // A constant set's domain is computed once, as TLC evaluates the definition once:
                // evaluating it again for every state (Seq <- a UNION of function sets) is costly.
                var domain = Volatile.Read(ref _constantDomain) ?? (_constantDomain = _filter.Domain(context, filterFrame));
                return _filter.Contains(context, filterFrame, e, domain) != negated;
            }
            return _filter.Contains(context, filterFrame, e) != negated;
        }
        var s = Set.Eval(context, frame);
        try
        {
            return ValueOps.In(e, s) != negated;
        }
        catch (EvalException ex)
        {
            throw Located(ex);
        }
    }
}

/// <summary>A built-in operator of one argument.</summary>
public sealed class Builtin1Expr(SourceSpan span, Func<Value, Value> op, Expr operand) : Expr(span, operand.Level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        try
        {
            var a = operand.Eval(context, frame);
            return op(a);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }
}

/// <summary>A built-in operator of two arguments.</summary>
public sealed class Builtin2Expr(SourceSpan span, Func<Value, Value, Value> op, Expr left, Expr right)
    : Expr(span, Math.Max(left.Level, right.Level))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        try
        {
            var a = left.Eval(context, frame);
            var b = right.Eval(context, frame);
            return op(a, b);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }
}

/// <summary>A built-in operator of any arity that may need the context (Print, higher-order ones).</summary>
public sealed class BuiltinNExpr(SourceSpan span, Func<EvalContext, Frame?, Expr[], Value> op, Expr[] operands, int level)
    : Expr(span, level)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        try
        {
            return op(context, frame, operands);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }
}

public sealed class SetEnumerationExpr(SourceSpan span, Expr[] elements) : Expr(span, MaxLevel(elements))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        if (elements.Length == 0) return FiniteSetValue.Empty;
        var values = new Value[elements.Length];
        for (var i = 0; i < values.Length; i++) values[i] = elements[i].Eval(context, frame);
        return FiniteSetValue.FromCanonical(FiniteSetValue.Canonicalize(values));
    }
}

public sealed class TupleConstructorExpr(SourceSpan span, Expr[] elements) : Expr(span, MaxLevel(elements))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        if (elements.Length == 0) return FunctionValue.EmptyTuple;
        var values = new Value[elements.Length];
        for (var i = 0; i < values.Length; i++) values[i] = elements[i].Eval(context, frame);
        return FunctionValue.Tuple(values);
    }
}

/// <summary><c>[a |-> e1, b |-> e2]</c>; the fields are sorted once, at compile time.</summary>
public sealed class RecordConstructorExpr : Expr
{
    private readonly Value[] _sortedNames;
    private readonly Expr[] _sortedValues;

    public RecordConstructorExpr(SourceSpan span, string[] names, Expr[] values) : base(span, MaxLevel(values))
    {
        var order = Enumerable.Range(0, names.Length).OrderBy(i => names[i], StringComparer.Ordinal).ToArray();
        _sortedNames = order.Select(i => (Value)StringValue.Of(names[i])).ToArray();
        _sortedValues = order.Select(i => values[i]).ToArray();
        for (var i = 1; i < _sortedNames.Length; i++)
            if (_sortedNames[i].Equals(_sortedNames[i - 1]))
                throw new EvaluationException($"The record has the field {names[order[i]]} twice.", span);
    }

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var values = new Value[_sortedValues.Length];
        for (var i = 0; i < values.Length; i++) values[i] = _sortedValues[i].Eval(context, frame);
        return FunctionValue.FromCanonical(_sortedNames, values);
    }
}

public sealed class FieldAccessExpr(SourceSpan span, Expr record, string field) : Expr(span, record.Level)
{
    private readonly StringValue _field = StringValue.Of(field);

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var r = record.Eval(context, frame);
        if (r is FunctionValue f)
        {
            // Field names are interned strings: a reference scan beats a binary search on small records.
            var names = f.DomainElements;
            for (var i = 0; i < names.Length; i++)
                if (ReferenceEquals(names[i], _field)) return f.ValueAt(i);
            if (f.TryApply(_field, out var result)) return result;
        }
        try
        {
            if (r.Kind != ValueKind.Function)
                throw new EvalException($"Attempted to access field {field} of a non-record value:\n{Describe(r)}");
            return ValueOps.Apply(r, _field);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

/// <summary><c>f[a]</c>, or <c>f[a, b]</c> meaning f applied to &lt;&lt;a, b&gt;&gt;.</summary>
public sealed class FunctionApplicationExpr(SourceSpan span, Expr function, Expr[] arguments)
    : Expr(span, Math.Max(function.Level, MaxLevel(arguments)))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var f = function.Eval(context, frame);
        Value argument;
        if (arguments.Length == 1)
        {
            argument = arguments[0].Eval(context, frame);
        }
        else
        {
            var values = new Value[arguments.Length];
            for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Eval(context, frame);
            argument = FunctionValue.Tuple(values);
        }
        if (f is FunctionValue fv && fv.TryApply(argument, out var result)) return result;
        try
        {
            return ValueOps.Apply(f, argument);
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

/// <summary>
/// <c>[f EXCEPT !p1 = e1, !p2 = e2]</c>: updates applied left to right; <c>@</c> in a value reads
/// the slot <see cref="_atSlot"/>, set to the old value at that update's path.
/// </summary>
public sealed class ExceptExpr(SourceSpan span, Expr function, Expr[][] paths, Expr[] values, int atSlot)
    : Expr(span, Math.Max(function.Level, Math.Max(MaxLevel(values), MaxLevel(paths.SelectMany(static p => p)))))
{
    private readonly int _atSlot = atSlot;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var result = function.Eval(context, frame);
        for (var u = 0; u < paths.Length; u++)
        {
            if (paths[u].Length == 1)
            {
                result = ExceptAtOneArgument(result, paths[u][0].Eval(context, frame), values[u], context, frame);
                continue;
            }
            var path = new Value[paths[u].Length];
            for (var i = 0; i < path.Length; i++) path[i] = paths[u][i].Eval(context, frame);
            try
            {
                result = ExceptAlong(result, path, 0, values[u], context, frame);
            }
            catch (EvalException e)
            {
                throw Located(e);
            }
        }
        return result;
    }

    // ValueOps.Except along an evaluated path, without a closure for the new value (the path
    // arguments are all evaluated first, as before).
    private Value ExceptAlong(Value current, Value[] path, int depth, Expr valueExpr, EvalContext context, Frame? frame)
    {
        if (depth == path.Length)
        {
            if (_atSlot >= 0) frame!.Slots[_atSlot] = current;
            return valueExpr.Eval(context, frame);
        }
        var f = current switch
        {
            FunctionValue fv => fv,
            LazyFunctionValue lazy => lazy.ToFinite(),
            _ => throw new EvalException($"The EXCEPT construct was applied to a non-function:\n{ValuePrinter.Print(current)}"),
        };
        var index = f.IndexOf(path[depth]);
        if (index < 0) return f;
        return f.WithAt(index, ExceptAlong(f.ValueAt(index), path, depth + 1, valueExpr, context, frame));
    }

    // [f EXCEPT ![a] = e], the common case (one argument or field): the same as ValueOps.Except
    // with a one-step path, without the path array and the closure.
    private Value ExceptAtOneArgument(Value current, Value argument, Expr valueExpr, EvalContext context, Frame? frame)
    {
        try
        {
            var f = current switch
            {
                FunctionValue fv => fv,
                LazyFunctionValue lazy => lazy.ToFinite(),
                _ => throw new EvalException($"The EXCEPT construct was applied to a non-function:\n{ValuePrinter.Print(current)}"),
            };
            var index = f.IndexOf(argument);
            if (index < 0) return f;
            if (_atSlot >= 0) frame!.Slots[_atSlot] = f.ValueAt(index);
            return f.WithAt(index, valueExpr.Eval(context, frame));
        }
        catch (EvalException e)
        {
            throw Located(e);
        }
    }
}

public sealed class ChooseExpr(SourceSpan span, BinderSet binder, Expr body) : Expr(span, Math.Max(binder.Level, body.Level))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        // Elements come in the canonical order, so the first one satisfying the body is TLC's choice.
        var completed = binder.ForEach(context, frame, body, static (c, f, b) => !b.EvalBool(c, f), Span);
        if (!completed) return binder.CurrentElement(frame);
        throw new EvaluationException(
            "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.", Span);
    }
}

public sealed class QuantifierExpr(SourceSpan span, bool universal, BinderSet binders, Expr body)
    : Expr(span, Math.Max(binders.Level, body.Level))
{
    public bool Universal { get; } = universal;

    public BinderSet Binders { get; } = binders;

    public Expr Body { get; } = body;

    public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(EvalBool(context, frame));

    public override bool EvalBool(EvalContext context, Frame? frame)
    {
        // The iteration stops at the first witness (\E) or counterexample (\A).
        var completed = Binders.ForEach(context, frame, this,
            static (c, f, self) => self.Body.EvalBool(c, f) == self.Universal, Span);
        return completed ? Universal : !Universal;
    }
}

public sealed class SetFilterExpr(SourceSpan span, BinderSet binder, Expr predicate) : Expr(span, Math.Max(binder.Level, predicate.Level))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var domain = binder.SingleDomain(context, frame, Span);
        if (!domain.IsFinite) return Lazy(domain, context, frame);
        var kept = new List<Value>();
        // A static lambda and a struct argument: no closure per evaluation.
        binder.ForEachIn(domain, context, frame, (Predicate: predicate, Binder: binder, Kept: kept), static (c, f, arg) =>
        {
            if (arg.Predicate.EvalBool(c, f)) arg.Kept.Add(arg.Binder.CurrentElement(f));
            return true;
        }, Span);
        return FiniteSetValue.FromCanonical(kept.ToArray());
    }

    /// <summary>The set the filter draws from.</summary>
    public SetValue Domain(EvalContext context, Frame? frame) => binder.SingleDomain(context, frame, Span);

    /// <summary>Membership without building the set: in the domain, then the predicate.</summary>
    public bool Contains(EvalContext context, Frame? frame, Value element) => Contains(context, frame, element, Domain(context, frame));

    /// <summary>Membership in the filter of an already evaluated domain.</summary>
    public bool Contains(EvalContext context, Frame? frame, Value element, SetValue domain)
    {
        bool inDomain;
        try
        {
            inDomain = ValueOps.In(element, domain);
        }
        catch (EvalException ex)
        {
            throw Located(ex);
        }
        if (!inDomain) return false;
        binder.BindArgument(frame, element);
        return predicate.EvalBool(context, frame);
    }

    // {n \in Nat : n > 0}: TLC keeps it lazy and answers membership from the domain and the
    // predicate, evaluated in a copy of this frame (later evaluations here reuse the frame).
    private FilteredSetValue Lazy(SetValue domain, EvalContext context, Frame? frame)
    {
        var captured = frame is null ? null : Copy(frame);
        return new FilteredSetValue(domain, element =>
        {
            var f = captured is null ? null : Copy(captured);
            binder.BindArgument(f, element);
            return predicate.EvalBool(context, f);
        });
    }

    private static Frame Copy(Frame frame)
    {
        var copy = new Frame(frame.Slots.Length, frame.Parent);
        Array.Copy(frame.Slots, copy.Slots, frame.Slots.Length);
        return copy;
    }
}

public sealed class SetMapExpr(SourceSpan span, BinderSet binders, Expr body) : Expr(span, Math.Max(binders.Level, body.Level))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var images = new List<Value>();
        binders.ForEach(context, frame, (Body: body, Images: images), static (c, f, arg) =>
        {
            arg.Images.Add(arg.Body.Eval(c, f));
            return true;
        }, Span);
        return images.Count == 0 ? FiniteSetValue.Empty : FiniteSetValue.FromCanonical(FiniteSetValue.Canonicalize(images.ToArray()));
    }
}

/// <summary><c>[x \in S, y \in T |-> e]</c>; a function over an infinite domain is computed lazily.</summary>
public sealed class FunctionConstructorExpr(SourceSpan span, BinderSet binders, Expr body, bool lazy, int selfSlot = -1)
    : Expr(span, Math.Max(binders.Level, body.Level))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var domain = binders.Domain(context, frame, Span);
        if (lazy || !domain.IsFinite) return Lazy(domain, context, frame);
        // Sized up front where the size is known: a function over a long log is built per state.
        var size = domain is FiniteSetValue or IntervalValue ? (int)Math.Min(domain.Count, 1 << 20) : 0;
        var keys = new List<Value>(size);
        var values = new List<Value>(size);
        binders.ForEach(context, frame, (Binders: binders, Body: body, Keys: keys, Values: values), static (c, f, arg) =>
        {
            arg.Keys.Add(arg.Binders.CurrentArgument(f));
            arg.Values.Add(arg.Body.Eval(c, f));
            return true;
        }, Span);
        return FunctionValue.FromCanonical(keys.ToArray(), values.ToArray());
    }

    // The body runs later, on application: it needs a frame of its own (a copy of the current
    // one) so that later evaluations here do not disturb its bound variables. (A method of its
    // own, so that the eager path allocates no closure.)
    private LazyFunctionValue Lazy(SetValue domain, EvalContext context, Frame? frame)
    {
        var captured = frame is null ? null : Copy(frame);
        LazyFunctionValue? function = null;
        function = new LazyFunctionValue(domain, argument =>
        {
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw EvalContext.TooDeep("a recursive function", Span);
            var f = captured is null ? null : Copy(captured);
            // A recursive definition refers to itself through this slot (LET f[n \in S] == ... f[n - 1]).
            if (selfSlot >= 0) f!.Slots[selfSlot] = function;
            binders.BindArgument(f, argument);
            return body.Eval(context, f);
        });
        return function;
    }

    private static Frame Copy(Frame frame)
    {
        var copy = new Frame(frame.Slots.Length, frame.Parent);
        Array.Copy(frame.Slots, copy.Slots, frame.Slots.Length);
        return copy;
    }
}

/// <summary>ENABLED A: whether the action has a successor from the current state.</summary>
public sealed class EnabledExpr(SourceSpan span, ActionNode action) : Expr(span, Levels.State)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var saved = context.Next;
        var wasEnabled = context.EvaluatesEnabled;
        context.Next = new Value?[saved.Length];
        context.EvaluatesEnabled = true;
        try
        {
            var found = false;
            action.Run(context, frame, new FinalContinuation(_ =>
            {
                found = true;
                return false;
            }));
            return BoolValue.Of(found);
        }
        finally
        {
            context.Next = saved;
            context.EvaluatesEnabled = wasEnabled;
        }
    }
}

/// <summary>
/// `a + b + c + ...` with a built-in operator: ((a + b) + c) + ... evaluated in a loop, so a chain
/// of any length needs no recursion. <paramref name="spans"/> are the operands' spans; the i-th
/// application spans operands 0..i, and errors carry the same positions as the nested form.
/// </summary>
public sealed class LeftFoldExpr(BuiltinOperatorValue op, SourceSpan[] spans, Expr[] operands)
    : Expr(spans[0].To(spans[^1]), MaxLevel(operands))
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        var step = 1;
        EvaluationException? raised = null;
        try
        {
            var accumulated = operands[0].Eval(context, frame);
            for (; step < operands.Length; step++)
            {
                var next = operands[step].Eval(context, frame);
                try
                {
                    accumulated = op.Invoke(context, [accumulated, next]);
                }
                catch (EvalException e)
                {
                    raised = new EvaluationException(e.Message, ApplicationSpan(step),
                        e is AssertionFailedException ? EvaluationFailure.AssertionFailed : EvaluationFailure.Error);
                    AddEnclosing(raised, step + 1);
                    throw raised;
                }
            }
            return accumulated;
        }
        catch (EvalException e)
        {
            var located = new EvaluationException(e.Message, ApplicationSpan(step),
                e is AssertionFailedException ? EvaluationFailure.AssertionFailed : EvaluationFailure.Error);
            AddEnclosing(located, step + 1);
            throw located;
        }
        catch (EvaluationException e) when (!ReferenceEquals(e, raised) && AddEnclosing(e, step))
        {
            throw;
        }
    }

    private SourceSpan ApplicationSpan(int step) => spans[0].To(spans[step]);

    /// <summary>The applications from <paramref name="from"/> outwards enclose the failure.</summary>
    private bool AddEnclosing(EvaluationException e, int from)
    {
        for (var i = from; i < operands.Length; i++) e.AddPosition(ApplicationSpan(i));
        return false;
    }
}
