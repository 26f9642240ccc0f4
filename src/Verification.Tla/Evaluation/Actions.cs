using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// What to do after a part of an action has been satisfied: the rest of the enclosing conjunction,
/// and finally the emission of a complete state. Returning false stops the whole enumeration.
/// </summary>
public abstract class Continuation
{
    public abstract bool Continue(EvalContext context);
}

/// <summary>The end of an action: every variable should now have a value.</summary>
public sealed class FinalContinuation(Func<EvalContext, bool> emit) : Continuation
{
    public override bool Continue(EvalContext context) => emit(context);
}

/// <summary>Run <see cref="_node"/> in <see cref="_frame"/>, then continue with <see cref="_next"/>.</summary>
public sealed class NodeContinuation(ActionNode node, Frame? frame, Continuation next) : Continuation
{
    private readonly ActionNode _node = node;
    private readonly Frame? _frame = frame;
    private readonly Continuation _next = next;

    public override bool Continue(EvalContext context) => _node.Run(context, _frame, _next);
}

/// <summary>
/// An action (or an initial predicate) compiled for enumeration, with TLC's semantics: a
/// conjunction is satisfied left to right, <c>x' = e</c> assigns x' when it has no value yet and
/// compares otherwise, <c>x' \in S</c> tries every element, a disjunction or an <c>\E</c> tries
/// every branch or witness (each yields its own successors, as in TLC), IF/CASE/LET and calls of
/// defined operators are entered, and anything else is a guard evaluated in the partial state.
/// For an initial predicate the same nodes assign the unprimed variables.
/// </summary>
public abstract class ActionNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>Enumerates; false when the consumer asked to stop.</summary>
    public abstract bool Run(EvalContext context, Frame? frame, Continuation next);

    /// <summary>Whether the node has at least one way to hold (its value as a boolean, all variables being assigned).</summary>
    public static bool Holds(ActionNode node, EvalContext context, Frame? frame)
    {
        // One probe per context, not a closure per call: a nested Holds saves and restores its flag.
        var probe = context.HoldsProbe ??= new Probe();
        var outer = probe.Found;
        probe.Found = false;
        try
        {
            node.Run(context, frame, probe);
            return probe.Found;
        }
        finally
        {
            probe.Found = outer;
        }
    }

    /// <summary>The continuation of <see cref="Holds"/>: notes that a way was found and stops.</summary>
    internal sealed class Probe : Continuation
    {
        public bool Found;

        public override bool Continue(EvalContext context)
        {
            Found = true;
            return false;
        }
    }
}

public sealed class GuardAction(Expr condition) : ActionNode(condition.Span)
{
    public Expr Condition { get; } = condition;

    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        bool holds;
        try
        {
            holds = Condition.EvalBool(context, frame);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        return !holds || next.Continue(context);
    }
}

public sealed class ConjunctionAction(SourceSpan span, ActionNode[] items) : ActionNode(span)
{
    public IReadOnlyList<ActionNode> Items => items;

    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        try
        {
            return RunFrom(0, context, frame, next);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
    }

    /// <summary>Satisfies the conjuncts from <paramref name="index"/> on, then goes on with <paramref name="next"/>.</summary>
    internal bool RunFrom(int index, EvalContext context, Frame? frame, Continuation next)
    {
        // Guards are evaluated in place; only a conjunct that may assign needs a continuation.
        // A later conjunct reached with every variable assigned is a boolean too (TLC's fast path).
        while (items[index] is GuardAction || (index > 0 && context.AllAssigned()))
        {
            bool holds;
            if (items[index] is GuardAction guard)
            {
                try
                {
                    holds = guard.Condition.EvalBool(context, frame);
                }
                catch (EvaluationException e) when (e.AddPosition(guard.Span))
                {
                    throw;
                }
            }
            else holds = ActionNode.Holds(items[index], context, frame);
            if (!holds) return true;
            if (++index == items.Length) return next.Continue(context);
        }
        if (index == items.Length - 1) return items[index].Run(context, frame, next);
        // A single assignment goes on with the rest directly: no continuation object per step.
        return items[index] switch
        {
            AssignAction assign => assign.Assign(context, frame, this, index + 1, next),
            UnchangedAction unchanged => unchanged.Keep(context, frame, this, index + 1, next),
            var item => item.Run(context, frame, new Rest(this, index + 1, frame, next)),
        };
    }

    private sealed class Rest(ConjunctionAction owner, int index, Frame? frame, Continuation next) : Continuation
    {
        public override bool Continue(EvalContext context) => owner.RunFrom(index, context, frame, next);
    }
}

public sealed class DisjunctionAction(SourceSpan span, ActionNode[] items) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        foreach (var item in items)
            if (!item.Run(context, frame, next)) return false;
        return true;
    }
}

/// <summary><c>x' = e</c> (or <c>x = e</c> in an initial predicate).</summary>
public sealed class AssignAction(SourceSpan span, int variable, bool primed, Expr value) : ActionNode(span)
{
    // An assigned variable is compared as TLC compares it: values of different kinds are an error.
    private bool Same(Value existing, Value computed)
    {
        try
        {
            return ValueOps.CheckedEquals(existing, computed);
        }
        catch (EvalException e)
        {
            throw new EvaluationException(e.Message, Span);
        }
    }

    public override bool Run(EvalContext context, Frame? frame, Continuation next) => Assign(context, frame, null, 0, next);

    /// <summary>Assigns, then goes on with the conjuncts of <paramref name="rest"/> from <paramref name="index"/> (when given) and <paramref name="next"/>.</summary>
    internal bool Assign(EvalContext context, Frame? frame, ConjunctionAction? rest, int index, Continuation next)
    {
        var target = primed ? context.Next : context.Current;
        Value computed;
        try
        {
            computed = value.Eval(context, frame);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        var existing = target[variable];
        if (existing is not null) return !Same(existing, computed) || GoOn(context, frame, rest, index, next);
        target[variable] = computed;
        try
        {
            return GoOn(context, frame, rest, index, next);
        }
        finally
        {
            target[variable] = null;
        }
    }

    internal static bool GoOn(EvalContext context, Frame? frame, ConjunctionAction? rest, int index, Continuation next) =>
        rest is null ? next.Continue(context) : rest.RunFrom(index, context, frame, next);
}

/// <summary><c>x' \in S</c> (or <c>x \in S</c> in an initial predicate): one branch per element.</summary>
public sealed class MemberAction(SourceSpan span, int variable, bool primed, Expr set) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        var target = primed ? context.Next : context.Current;
        Value computed;
        try
        {
            computed = set.Eval(context, frame);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        if (computed is not SetValue s)
            throw new EvaluationException($"The right side of \\in should be a set, but instead it is:\n{Expr.Describe(computed)}", Span);
        var existing = target[variable];
        try
        {
            if (existing is not null) return !ValueOps.Member(s, existing) || next.Continue(context);
            try
            {
                foreach (var element in s.Enumerate())
                {
                    target[variable] = element;
                    if (!next.Continue(context)) return false;
                }
                return true;
            }
            finally
            {
                target[variable] = null;
            }
        }
        catch (EvalException e)
        {
            throw new EvaluationException(e.Message, Span);
        }
    }
}

/// <summary><c>UNCHANGED x</c> for one variable: x' takes x's value (or must equal it).</summary>
public sealed class UnchangedAction(SourceSpan span, int variable) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next) => Keep(context, frame, null, 0, next);

    /// <summary>Keeps the value, then goes on with the conjuncts of <paramref name="rest"/> from <paramref name="index"/> (when given) and <paramref name="next"/>.</summary>
    internal bool Keep(EvalContext context, Frame? frame, ConjunctionAction? rest, int index, Continuation next)
    {
        var value = context.Current[variable]!;
        var existing = context.Next[variable];
        if (existing is not null)
        {
            bool same;
            try
            {
                same = ValueOps.CheckedEquals(existing, value);
            }
            catch (EvalException e)
            {
                throw new EvaluationException(e.Message, Span);
            }
            if (!same) return true;
            return AssignAction.GoOn(context, frame, rest, index, next);
        }
        context.Next[variable] = value;
        try
        {
            return AssignAction.GoOn(context, frame, rest, index, next);
        }
        finally
        {
            context.Next[variable] = null;
        }
    }
}

public sealed class ExistsAction(SourceSpan span, BinderSet binders, ActionNode body) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next) =>
        binders.ForEach(context, frame, (body, next), static (c, f, arg) => arg.body.Run(c, f, arg.next), Span);
}

/// <summary>
/// A universally quantified action: the conjunction of its instances, each enumerated as an
/// action in turn. The instances share the frame (so a LET computed by one, outside the
/// quantifier, is not computed again by the next): each instance binds its values over it and
/// puts the frame back as it found it when its branch is done.
/// </summary>
public sealed class ForAllAction(SourceSpan span, BinderSet binders, ActionNode body) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        var bindings = new List<object?[]>();
        binders.ForEach(context, frame, bindings, static (_, f, list) =>
        {
            list.Add((object?[])f!.Slots.Clone());
            return true;
        }, Span);
        if (bindings.Count == 0) return next.Continue(context);
        return new Instance(this, bindings, 0, frame!, next).Continue(context);
    }

    private sealed class Instance(ForAllAction owner, List<object?[]> bindings, int index, Frame frame, Continuation next) : Continuation
    {
        public override bool Continue(EvalContext context)
        {
            var slots = frame.Slots;
            var saved = (object?[])slots.Clone();
            // The instance's bound values (and whatever was set when the quantifier started);
            // what is still unset there keeps what earlier instances computed.
            var bound = bindings[index];
            for (var k = 0; k < bound.Length; k++)
                if (bound[k] is not null) slots[k] = bound[k];
            try
            {
                // A later instance reached with every variable assigned is a boolean (TLC's fast path).
                if (index > 0 && context.AllAssigned())
                {
                    if (!ActionNode.Holds(owner.Body, context, frame)) return true;
                    return index + 1 == bindings.Count ? next.Continue(context) : new Instance(owner, bindings, index + 1, frame, next).Continue(context);
                }
                var rest = index + 1 == bindings.Count ? next : new Instance(owner, bindings, index + 1, frame, next);
                return owner.Body.Run(context, frame, rest);
            }
            finally
            {
                Array.Copy(saved, slots, slots.Length);
            }
        }
    }

    private ActionNode Body => body;
}

public sealed class IfAction(SourceSpan span, Expr condition, ActionNode then, ActionNode otherwise) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next) =>
        condition.EvalBool(context, frame) ? then.Run(context, frame, next) : otherwise.Run(context, frame, next);
}

/// <summary>A => B inside an action: B is enumerated when A holds, otherwise the step goes on.</summary>
public sealed class ImpliesAction(SourceSpan span, Expr condition, ActionNode then) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next) =>
        condition.EvalBool(context, frame) ? then.Run(context, frame, next) : next.Continue(context);
}

public sealed class CaseAction(SourceSpan span, Expr[] guards, ActionNode[] arms, ActionNode? other) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        for (var i = 0; i < guards.Length; i++)
            if (guards[i].EvalBool(context, frame)) return arms[i].Run(context, frame, next);
        if (other is not null) return other.Run(context, frame, next);
        throw new EvaluationException("In computing next states, TLC encountered a CASE with no conditions true.", Span);
    }
}

public sealed class LetAction(SourceSpan span, int[] slots, ActionNode body) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        foreach (var slot in slots) frame!.Slots[slot] = null;
        return body.Run(context, frame, next);
    }
}

/// <summary>A call of a defined operator whose body is an action: the body is enumerated.</summary>
public sealed class CallAction(CallExpr call, ActionNode body) : ActionNode(call.Span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        Frame callee;
        try
        {
            callee = call.BuildFrame(context, frame);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        return body.Run(context, callee, next);
    }
}

/// <summary>A defined action without parameters.</summary>
public sealed class InlineAction(SourceSpan span, int frameSize, ActionNode body) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next) =>
        body.Run(context, frameSize == 0 ? null : new Frame(frameSize, null), next);
}

/// <summary>An action with some bound variables fixed (TLC splits \E over constant sets into actions).</summary>
public sealed class BoundAction(ActionNode body, Frame? frame) : ActionNode(body.Span)
{
    public override bool Run(EvalContext context, Frame? ignored, Continuation next) => body.Run(context, frame, next);
}

/// <summary>An action compiled later than the nodes that refer to it (a function whose body applies itself).</summary>
public sealed class DeferredAction(SourceSpan span) : ActionNode(span)
{
    public ActionNode? Target { get; set; }

    public override bool Run(EvalContext context, Frame? frame, Continuation next) => Target!.Run(context, frame, next);
}

/// <summary>
/// `f[e]` used as an action where f is a LET-defined function: as TLC does for a function it has not
/// tabulated, the body is enumerated with the bound variable equal to e (in a copy of the frame, so
/// that a recursive application does not disturb the caller's bound variables).
/// </summary>
public sealed class FunctionBodyAction(SourceSpan span, Expr function, Expr argument, BinderSet binders, int selfSlot, ActionNode body)
    : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        Frame inner;
        try
        {
            var value = function.Eval(context, frame);
            var argumentValue = argument.Eval(context, frame);
            if (value is not LazyFunctionValue lazy)
            {
                // Already a table: a plain guard.
                var result = ValueOps.Apply(value, argumentValue);
                if (result is not BoolValue holds)
                    throw new EvaluationException($"A non-boolean value was found where an action was expected:\n{ValuePrinter.Print(result)}", Span);
                return !holds.Value || next.Continue(context);
            }
            if (!lazy.Domain.Contains(argumentValue))
                throw new EvaluationException($"Attempted to apply function:\n{ValuePrinter.Print(lazy)}\nto argument {ValuePrinter.Print(argumentValue)}, which is not in the domain of the function.", Span);
            inner = new Frame(frame!.Slots.Length, frame.Parent);
            Array.Copy(frame.Slots, inner.Slots, frame.Slots.Length);
            inner.Slots[selfSlot] = lazy;
            binders.BindArgument(inner, argumentValue);
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        return body.Run(context, inner, next);
    }
}

/// <summary>
/// The end of a successor enumeration with no conjunct pending: the model checker's emitter. A \cdot B
/// reports its intermediate states through it, since TLC counts them among the states generated.
/// </summary>
public abstract class StepEnd : Continuation
{
    public abstract void CountIntermediateStates(int count);
}

/// <summary>
/// Action composition A \cdot B as TLC evaluates it (s -A-&gt; t -B-&gt; u): every A-successor t of the
/// current state is enumerated first, then B from each t. Three readings, as in TLC's Tool:
/// generating successors (t starts with the current values of the variables assigned before the
/// composition, u with those assignments; each t counts as a generated state), ENABLED (the same
/// without counting; the conjuncts after it see t as the current state), and a boolean once every
/// primed variable has its value (t starts empty, B holds between t and the given next state).
/// </summary>
public sealed class ComposeAction(SourceSpan span, ActionNode first, ActionNode second) : ActionNode(span)
{
    public override bool Run(EvalContext context, Frame? frame, Continuation next)
    {
        var current = context.Current;
        var partial = context.Next;
        var asBoolean = context.AllAssigned();
        if (!asBoolean && next is not StepEnd && !context.EvaluatesEnabled)
            throw new EvaluationException("Action composition (A \\cdot B) is supported as a whole disjunct of the next-state action or under ENABLED; here other conjuncts follow it, whose reading TLC itself leaves experimental.", Span);
        var middle = new Value?[partial.Length];
        if (!asBoolean)
            for (var i = 0; i < partial.Length; i++)
                if (partial[i] is not null) middle[i] = current[i];
        var intermediate = new List<Value?[]>();
        try
        {
            context.Next = middle;
            first.Run(context, frame, new Collector(intermediate));
            if (next is StepEnd end) end.CountIntermediateStates(intermediate.Count);
            foreach (var state in intermediate)
            {
                context.Current = state;
                context.Next = asBoolean ? partial : (Value?[])partial.Clone();
                if (asBoolean)
                {
                    if (!Holds(second, context, frame)) continue;
                    context.Current = current;
                    context.Next = partial;
                    return next.Continue(context);
                }
                if (!second.Run(context, frame, next)) return false;
            }
            return true;
        }
        catch (EvaluationException e) when (e.AddPosition(Span))
        {
            throw;
        }
        finally
        {
            context.Current = current;
            context.Next = partial;
        }
    }

    // The A-successors, kept as TLC keeps them (a nested composition in A counts nothing more).
    private sealed class Collector(List<Value?[]> states) : StepEnd
    {
        public override bool Continue(EvalContext context)
        {
            states.Add((Value?[])context.Next.Clone());
            return true;
        }

        public override void CountIntermediateStates(int count) { }
    }
}

/// <summary>A \cdot B where a boolean is expected (an action property, a guard): TLC's eval of it.</summary>
public sealed class ComposeExpr(ComposeAction action) : Expr(action.Span, Levels.Action)
{
    public override Value Eval(EvalContext context, Frame? frame)
    {
        if (!context.AllAssigned())
            throw new EvaluationException("Action composition (A \\cdot B) is evaluated as a boolean only between two complete states.", Span);
        return BoolValue.Of(ActionNode.Holds(action, context, frame));
    }
}
