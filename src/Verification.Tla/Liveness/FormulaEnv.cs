using System.Collections.Immutable;
using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Liveness;

/// <summary>What a name of a property is bound to while TLC takes the property apart.</summary>
public abstract record FormulaBinding(string Name);

/// <summary>A bound variable of a quantifier unrolled over a constant set, or a constant argument.</summary>
public sealed record ValueBinding(string Name, Value Value) : FormulaBinding(Name);

/// <summary>An operator parameter bound to its argument, read where the call was written (TLC binds arguments lazily).</summary>
public sealed record ArgumentBinding(string Name, Expression Argument, FormulaEnv Env) : FormulaBinding(Name);

/// <summary>The definitions of a LET whose body is being taken apart.</summary>
public sealed record LetBinding(LetIn Let) : FormulaBinding("");

/// <summary>
/// Where a piece of a property is read: its module (or instance of a module) and the bindings of
/// the parameters, unrolled quantifiers and LETs around it, innermost last.
/// </summary>
public sealed record FormulaEnv(ModuleContext Module, ImmutableList<FormulaBinding> Bindings)
{
    public static FormulaEnv Of(ModuleContext module) => new(module, []);

    public FormulaEnv With(FormulaBinding binding) => this with { Bindings = Bindings.Add(binding) };

    /// <summary>The innermost LET definition of this name in scope, with the environment it is read in.</summary>
    public (OperatorDefinition Definition, FormulaEnv Env)? LetDefinition(string name)
    {
        for (var i = Bindings.Count - 1; i >= 0; i--)
        {
            switch (Bindings[i])
            {
                case LetBinding let:
                    foreach (var unit in let.Let.Definitions)
                        if (unit is OperatorDefinition definition && definition.Name.Name == name)
                            return (definition, this with { Bindings = Bindings.GetRange(0, i + 1) });
                    break;
                case var other when other.Name == name:
                    return null;
            }
        }
        return null;
    }

    /// <summary>Compiles an expression read in this environment into one that evaluates on its own.</summary>
    public BoundExpr Compile(Compiler compiler, Expression expression)
    {
        var (scope, layout, values) = ScopeFor(compiler);
        return new BoundExpr(compiler.CompileExpr(expression, scope), layout, values);
    }

    /// <summary>A scope where the bindings are locals (values) or substitutions (arguments), all in one frame.</summary>
    public (Scope Scope, FrameLayout Layout, (int Slot, Value Value)[] Values) ScopeFor(Compiler compiler)
    {
        var layout = new FrameLayout(null);
        var values = new List<(int, Value)>();
        var scope = Build(compiler, layout, values);
        return (scope, layout, values.ToArray());
    }

    private Scope Build(Compiler compiler, FrameLayout layout, List<(int, Value)> values)
    {
        var scope = Scope.Root(Module, layout).Child(layout);
        foreach (var binding in Bindings)
        {
            switch (binding)
            {
                case ValueBinding value:
                    var slot = layout.Allocate();
                    scope.Add(new LocalSymbol(value.Name, layout, slot, LocalKind.Value, Levels.Constant));
                    values.Add((slot, value.Value));
                    break;
                case ArgumentBinding argument:
                    scope.Add(new SubstitutionSymbol(argument.Name, argument.Argument, argument.Env.Build(compiler, layout, values)));
                    break;
                case LetBinding let:
                    var probe = new LetIn(let.Let.Span, let.Let.Definitions, new BooleanLiteral(let.Let.Span, true));
                    scope = compiler.CompileLetScope(probe, scope).Inner.Child();
                    break;
            }
        }
        return scope;
    }

    public string Describe()
    {
        var values = Bindings.OfType<ValueBinding>().ToList();
        return values.Count == 0 ? "" : " with " + string.Join(", ", values.Select(b => $"{b.Name} = {b.Value}"));
    }
}

/// <summary>An expression compiled in a <see cref="FormulaEnv"/>: each evaluation gets a fresh frame holding the bound values.</summary>
public sealed class BoundExpr(Expr inner, FrameLayout layout, (int Slot, Value Value)[] values) : Expr(inner.Span, inner.Level)
{
    public Expr Inner => inner;

    public Frame? NewFrame()
    {
        if (layout.Size == 0) return null;
        var frame = new Frame(layout.Size, null);
        foreach (var (slot, value) in values) frame.Slots[slot] = value;
        return frame;
    }

    public override Value Eval(EvalContext context, Frame? frame) => inner.Eval(context, NewFrame());

    public override bool EvalBool(EvalContext context, Frame? frame) => inner.EvalBool(context, NewFrame());
}
