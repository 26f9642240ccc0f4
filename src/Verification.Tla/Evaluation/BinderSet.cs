using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// Compiled bound variables of a quantifier, CHOOSE, set builder or function constructor:
/// groups like <c>x, y \in S</c> and <c>&lt;&lt;a, b&gt;&gt; \in T</c>, each name at a frame slot.
/// Domains are enumerated in the canonical value order, which is TLC's order.
/// </summary>
public sealed class BinderSet
{
    private readonly Group[] _groups;

    /// <summary>One binder group: its names' slots, whether it destructures tuples, and its domain.</summary>
    public sealed record Group(int[] Slots, bool IsTuple, Expr? Domain, int ElementSlot, string[] Names);

    public BinderSet(Group[] groups)
    {
        _groups = groups;
        Level = Expr.MaxLevel(groups.Where(static g => g.Domain is not null).Select(static g => g.Domain!));
    }

    public int Level { get; }

    /// <summary>The number of values one iteration binds (names of non-tuple groups, one per tuple group).</summary>
    private int Positions => _groups.Sum(static g => g.IsTuple ? 1 : g.Slots.Length);

    /// <summary>Runs <paramref name="body"/> for every combination of bound values; false if it stopped early.</summary>
    public bool ForEach(EvalContext context, Frame? frame, Func<EvalContext, Frame?, bool> body, SourceSpan span) =>
        ForEach(context, frame, body, static (c, f, b) => b(c, f), span);

    /// <summary>
    /// Runs <paramref name="body"/> with <paramref name="argument"/> for every combination of bound
    /// values; false if it stopped early. Callers pass static lambdas, so nothing is allocated.
    /// </summary>
    public bool ForEach<TArg>(EvalContext context, Frame? frame, TArg argument, Func<EvalContext, Frame?, TArg, bool> body, SourceSpan span)
    {
        if (_groups.Length == 1 && _groups[0] is { IsTuple: false, Slots.Length: 1 })
            return ForEachIn(DomainOf(0, context, frame, span), context, frame, argument, body, span);
        var domains = new SetValue[_groups.Length];
        for (var g = 0; g < _groups.Length; g++) domains[g] = DomainOf(g, context, frame, span);
        try
        {
            return Iterate(0, 0, domains, context, frame!, argument, body, span);
        }
        catch (EvalException e)
        {
            throw new EvaluationException(e.Message, span);
        }
    }

    /// <summary>Runs <paramref name="body"/> for every element of an already evaluated domain (a single binder).</summary>
    public bool ForEachIn(SetValue domain, EvalContext context, Frame? frame, Func<EvalContext, Frame?, bool> body, SourceSpan span) =>
        ForEachIn(domain, context, frame, body, static (c, f, b) => b(c, f), span);

    public bool ForEachIn<TArg>(SetValue domain, EvalContext context, Frame? frame, TArg argument, Func<EvalContext, Frame?, TArg, bool> body, SourceSpan span)
    {
        if (_groups[0] is { IsTuple: true })
        {
            try
            {
                return Iterate(0, 0, [domain], context, frame!, argument, body, span);
            }
            catch (EvalException e)
            {
                throw new EvaluationException(e.Message, span);
            }
        }
        var single = _groups[0];
        {
            var slots = frame!.Slots;
            var slot = single.Slots[0];
            try
            {
                switch (domain)
                {
                    case IntervalValue interval:
                        for (long k = interval.Low; k <= interval.High; k++)
                        {
                            slots[slot] = IntValue.Of((int)k);
                            if (!body(context, frame, argument)) return false;
                        }
                        return true;
                    case FiniteSetValue finite:
                        for (var i = 0; i < finite.Length; i++)
                        {
                            slots[slot] = finite[i];
                            if (!body(context, frame, argument)) return false;
                        }
                        return true;
                    default:
                        foreach (var element in domain.Enumerate())
                        {
                            slots[slot] = element;
                            if (!body(context, frame, argument)) return false;
                        }
                        return true;
                }
            }
            catch (EvalException e)
            {
                throw new EvaluationException(e.Message, span);
            }
        }
    }

    private SetValue DomainOf(int g, EvalContext context, Frame? frame, SourceSpan span)
    {
        var group = _groups[g];
        if (group.Domain is null)
            throw new EvaluationException(
                $"TLC cannot enumerate the unbounded quantifier or CHOOSE over {string.Join(", ", group.Names)}.", span);
        var value = group.Domain.Eval(context, frame);
        if (value is LazySetValue lazy) return lazy.ForRepeatedEnumeration();
        return value as SetValue ?? throw new EvaluationException(
            $"The domain of the bound variable {group.Names[0]} should be a set, but instead it is:\n{Expr.Describe(value)}", group.Domain.Span);
    }

    private bool Iterate<TArg>(int group, int name, SetValue[] domains, EvalContext context, Frame frame,
        TArg argument, Func<EvalContext, Frame?, TArg, bool> body, SourceSpan span)
    {
        if (group == _groups.Length) return body(context, frame, argument);
        var g = _groups[group];
        if (!g.IsTuple)
        {
            var nextGroup = name + 1 == g.Slots.Length ? group + 1 : group;
            var nextName = name + 1 == g.Slots.Length ? 0 : name + 1;
            if (domains[group] is IntervalValue interval)
            {
                for (long k = interval.Low; k <= interval.High; k++)
                {
                    frame.Slots[g.Slots[name]] = IntValue.Of((int)k);
                    if (!Iterate(nextGroup, nextName, domains, context, frame, argument, body, span)) return false;
                }
                return true;
            }
            if (domains[group] is FiniteSetValue finite)
            {
                for (var i = 0; i < finite.Length; i++)
                {
                    frame.Slots[g.Slots[name]] = finite[i];
                    if (!Iterate(nextGroup, nextName, domains, context, frame, argument, body, span)) return false;
                }
                return true;
            }
            foreach (var element in domains[group].Enumerate())
            {
                frame.Slots[g.Slots[name]] = element;
                if (!Iterate(nextGroup, nextName, domains, context, frame, argument, body, span)) return false;
            }
            return true;
        }
        foreach (var element in domains[group].Enumerate())
        {
            Destructure(g, element, frame, span);
            if (!Iterate(group + 1, 0, domains, context, frame, argument, body, span)) return false;
        }
        return true;
    }

    private static void Destructure(Group g, Value element, Frame frame, SourceSpan span)
    {
        if (element is not FunctionValue { IsTuple: true } tuple || tuple.Count != g.Slots.Length)
            throw new EvaluationException(
                $"A tuple of {g.Slots.Length} elements was expected for <<{string.Join(", ", g.Names)}>>, but the element is:\n{Expr.Describe(element)}", span);
        for (var i = 0; i < g.Slots.Length; i++) frame.Slots[g.Slots[i]] = tuple.ValueAt(i);
        frame.Slots[g.ElementSlot] = element;
    }

    /// <summary>The element bound by a single binder (CHOOSE, set filter).</summary>
    public Value CurrentElement(Frame? frame)
    {
        var g = _groups[0];
        return (Value)frame!.Slots[g.IsTuple ? g.ElementSlot : g.Slots[0]]!;
    }

    /// <summary>The argument a function constructor maps: the single bound value, or the tuple of all of them.</summary>
    public Value CurrentArgument(Frame? frame)
    {
        if (Positions == 1) return CurrentElement(frame);
        var values = new List<Value>();
        foreach (var g in _groups)
        {
            if (g.IsTuple) values.Add((Value)frame!.Slots[g.ElementSlot]!);
            else foreach (var slot in g.Slots) values.Add((Value)frame!.Slots[slot]!);
        }
        return FunctionValue.Tuple(values.ToArray());
    }

    /// <summary>The domain of a single binder (set filter, CHOOSE).</summary>
    public SetValue SingleDomain(EvalContext context, Frame? frame, SourceSpan span) => DomainOf(0, context, frame, span);

    /// <summary>The domain of a function constructor: one set, or the product of all of them.</summary>
    public SetValue Domain(EvalContext context, Frame? frame, SourceSpan span)
    {
        var factors = new List<SetValue>();
        for (var g = 0; g < _groups.Length; g++)
        {
            var domain = DomainOf(g, context, frame, span);
            var count = _groups[g].IsTuple ? 1 : _groups[g].Slots.Length;
            for (var i = 0; i < count; i++) factors.Add(domain);
        }
        return factors.Count == 1 ? factors[0] : new CartesianProductValue(factors.ToArray());
    }

    /// <summary>Binds the names from an argument of a (lazily computed) function.</summary>
    public void BindArgument(Frame? frame, Value argument)
    {
        if (Positions == 1)
        {
            var g = _groups[0];
            if (g.IsTuple) Destructure(g, argument, frame!, SourceSpan.None);
            else frame!.Slots[g.Slots[0]] = argument;
            return;
        }
        var tuple = (FunctionValue)argument;
        var position = 0;
        foreach (var g in _groups)
        {
            if (g.IsTuple) Destructure(g, tuple.ValueAt(position++), frame!, SourceSpan.None);
            else foreach (var slot in g.Slots) frame!.Slots[slot] = tuple.ValueAt(position++);
        }
    }
}
