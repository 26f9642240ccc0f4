using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Liveness;

/// <summary>A temporal formula of the spec that the translator cannot reduce to the checked fragment.</summary>
public sealed class UnsupportedTemporalFormula(SourceSpan span, string message) : Exception(message)
{
    public SourceSpan Span { get; } = span;
}

/// <summary>
/// Translates TLA+ temporal formulas (PROPERTY conjuncts, fairness conjuncts of SPECIFICATION)
/// into <see cref="Ltl"/>: []/&lt;&gt;/~&gt;, the boolean connectives, quantifiers over constant
/// sets (expanded, as TLC does), definitions (inlined), [][A]_v, &lt;&gt;&lt;&lt;A&gt;&gt;_v and WF/SF
/// (by their definitions). Every maximal non-temporal subformula becomes an atom compiled once by
/// the checker's compiler and evaluated on states (or steps) when the search needs it.
/// </summary>
internal sealed class TemporalTranslator(Compiler compiler, EvalContext constants)
{
    private readonly List<Func<EvalContext, bool>> _stateAtoms = [];
    private readonly List<Func<EvalContext, bool>> _actionAtoms = [];

    public IReadOnlyList<Func<EvalContext, bool>> StateAtoms => _stateAtoms;

    public IReadOnlyList<Func<EvalContext, bool>> ActionAtoms => _actionAtoms;

    private sealed record Binding(string Name, Value Value);

    public Ltl Translate(Expression expression, ModuleContext module) => Translate(expression, module, []);

    /// <summary>
    /// The fairness conditions of one SPECIFICATION conjunct: WF_v(A), SF_v(A), or a conjunction /
    /// universal quantification of them over constant sets.
    /// </summary>
    public IEnumerable<Fairness> FairnessOf(Expression expression, ModuleContext module) => FairnessOf(expression, module, []);

    private IEnumerable<Fairness> FairnessOf(Expression expression, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        switch (expression)
        {
            case Syntax.Fairness fairness:
                var enabled = AtomOf(new OperatorApplication(fairness.Span, "ENABLED", Fixity.Prefix,
                    [new AngleAction(fairness.Span, fairness.Action, fairness.Subscript)]), module, bindings, Levels.State);
                var taken = AtomOf(new AngleAction(fairness.Span, fairness.Action, fairness.Subscript), module, bindings, Levels.Action);
                var text = $"{(fairness.Kind == FairnessKind.Strong ? "SF" : "WF")} {fairness.Span.ToTlcString()}{Describe(bindings)}";
                yield return new Fairness(fairness.Kind == FairnessKind.Strong, enabled, taken, text);
                break;
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                foreach (var item in list.Items)
                    foreach (var f in FairnessOf(item, module, bindings)) yield return f;
                break;
            case OperatorApplication { Operator: "/\\" } and:
                foreach (var operand in and.Operands)
                    foreach (var f in FairnessOf(operand, module, bindings)) yield return f;
                break;
            case LabeledExpression labeled:
                foreach (var f in FairnessOf(labeled.Body, module, bindings)) yield return f;
                break;
            case Quantifier { Kind: QuantifierKind.ForAll } forall:
                foreach (var inner in Expand(forall, module, bindings))
                    foreach (var f in FairnessOf(forall.Body, module, inner)) yield return f;
                break;
            case NameReference reference when Definition(reference, module, bindings) is { } definition:
                foreach (var f in FairnessOf(definition.Body, definition.Module, definition.Bindings)) yield return f;
                break;
            default:
                throw new UnsupportedTemporalFormula(expression.Span,
                    $"TLC accepts only WF/SF conditions (possibly quantified over constant sets) besides Init and [][Next]_v in a specification; {expression.Span.ToTlcString()} is not one.");
        }
    }

    private Ltl Translate(Expression expression, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        var level = LevelOf(expression, module, bindings);
        if (level <= Levels.State) return new StateAtom(AtomOf(expression, module, bindings, Levels.State), Text(expression, bindings));
        if (level == Levels.Action) return new ActionAtom(AtomOf(expression, module, bindings, Levels.Action), Text(expression, bindings));

        switch (expression)
        {
            case LabeledExpression labeled:
                return Translate(labeled.Body, module, bindings);
            case OperatorApplication { Operator: "[]", Operands: [BoxAction box] }:
                return new Always(new ActionAtom(AtomOf(box, module, bindings, Levels.Action), Text(box, bindings)));
            case OperatorApplication { Operator: "<>", Operands: [AngleAction angle] }:
                return new Eventually(new ActionAtom(AtomOf(angle, module, bindings, Levels.Action), Text(angle, bindings)));
            case OperatorApplication { Operator: "[]", Operands: [var operand] }:
                return new Always(Translate(operand, module, bindings));
            case OperatorApplication { Operator: "<>", Operands: [var operand] }:
                return new Eventually(Translate(operand, module, bindings));
            case OperatorApplication { Operator: "~>", Operands: [var left, var right] }:
                return Ltl.LeadsTo(Translate(left, module, bindings), Translate(right, module, bindings));
            case OperatorApplication { Operator: "~", Operands: [var operand] }:
                return new Not(Translate(operand, module, bindings));
            case OperatorApplication { Operator: "/\\" } and:
                return and.Operands.Select(o => Translate(o, module, bindings)).Aggregate((l, r) => new And(l, r));
            case OperatorApplication { Operator: "\\/" } or:
                return or.Operands.Select(o => Translate(o, module, bindings)).Aggregate((l, r) => new Or(l, r));
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                return list.Items.Select(o => Translate(o, module, bindings)).Aggregate((l, r) => new And(l, r));
            case JunctionList { Kind: JunctionKind.Disjunction } list:
                return list.Items.Select(o => Translate(o, module, bindings)).Aggregate((l, r) => new Or(l, r));
            case OperatorApplication { Operator: "=>", Operands: [var left, var right] }:
                return Ltl.Implies(Translate(left, module, bindings), Translate(right, module, bindings));
            case OperatorApplication { Operator: "<=>", Operands: [var left, var right] }:
            {
                var l = Translate(left, module, bindings);
                var r = Translate(right, module, bindings);
                return new Or(new And(l, r), new And(new Not(l), new Not(r)));
            }
            case Quantifier { Kind: var kind } quantifier:
            {
                var parts = Expand(quantifier, module, bindings).Select(b => Translate(quantifier.Body, module, b)).ToList();
                if (parts.Count == 0) return kind == QuantifierKind.ForAll ? Ltl.True : Ltl.False;
                return kind == QuantifierKind.ForAll
                    ? parts.Aggregate((l, r) => new And(l, r))
                    : parts.Aggregate((l, r) => new Or(l, r));
            }
            case Syntax.Fairness fairness:
            {
                // WF_v(A) == []<>~ENABLED <<A>>_v \/ []<><<A>>_v;  SF_v(A) == <>[]~ENABLED <<A>>_v \/ []<><<A>>_v
                var condition = FairnessOf(fairness, module, bindings).Single();
                var disabled = new Not(new StateAtom(condition.Enabled, $"ENABLED {condition.Text}"));
                var taken = new Always(new Eventually(new ActionAtom(condition.Taken, condition.Text)));
                return condition.Strong
                    ? new Or(new Eventually(new Always(disabled)), taken)
                    : new Or(new Always(new Eventually(disabled)), taken);
            }
            case NameReference reference when Definition(reference, module, bindings) is { } definition:
                return Translate(definition.Body, definition.Module, definition.Bindings);
            default:
                throw new UnsupportedTemporalFormula(expression.Span,
                    $"This temporal formula is outside what the liveness checker handles ([] <> ~> WF SF, boolean connectives, quantifiers over constant sets, definitions): {expression.Span.ToTlcString()}.");
        }
    }

    /// <summary>A definition referenced with constant arguments: its body, module and parameter bindings.</summary>
    private (Expression Body, ModuleContext Module, IReadOnlyList<Binding> Bindings)? Definition(
        NameReference reference, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        if (reference.Path.Count > 0) return null;
        if (bindings.Any(b => b.Name == reference.Name.Name)) return null;
        if (module.Names.GetValueOrDefault(reference.Name.Name) is not DefinitionSymbol symbol) return null;
        var parameters = symbol.Definition.Parameters;
        if (parameters.Count != reference.Arguments.Count || parameters.Any(p => p.Arity > 0)) return null;
        var arguments = new List<Binding>();
        for (var i = 0; i < parameters.Count; i++)
            arguments.Add(new Binding(parameters[i].Name, EvaluateConstant(reference.Arguments[i], module, bindings)));
        return (symbol.Definition.Body, symbol.Context, arguments);
    }

    /// <summary>Every binding of a quantifier's variables over its (constant) domains, in TLC's order.</summary>
    private List<IReadOnlyList<Binding>> Expand(Quantifier quantifier, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        var (scope, layout) = ScopeFor(module, bindings);
        var inner = scope.Child();
        BinderSet binders;
        try
        {
            binders = compiler.CompileBinderSet(quantifier.Binders, inner, scope);
        }
        catch (CompileException e)
        {
            throw new UnsupportedTemporalFormula(e.Span, e.Message);
        }
        if (binders.Level != Levels.Constant || quantifier.Binders.Any(b => b.Domain is null))
            throw new UnsupportedTemporalFormula(quantifier.Span,
                $"A quantifier in a temporal formula must range over constant sets: {quantifier.Span.ToTlcString()}.");
        var names = quantifier.Binders.SelectMany(b => b.Names.Select(n => n.Name)).ToList();
        var result = new List<IReadOnlyList<Binding>>();
        var frame = FrameFor(layout, bindings);
        binders.ForEach(constants, frame, (_, f) =>
        {
            var values = names.Select(n => (Value)f!.Slots[((LocalSymbol)inner.Lookup(n)!).Slot]!).ToList();
            result.Add([.. bindings, .. names.Select((n, i) => new Binding(n, values[i]))]);
            return true;
        }, quantifier.Span);
        return result;
    }

    private int LevelOf(Expression expression, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        var (scope, _) = ScopeFor(module, bindings);
        try
        {
            return compiler.CompileExpr(expression, scope).Level;
        }
        catch (CompileException e)
        {
            throw new UnsupportedTemporalFormula(e.Span, e.Message);
        }
    }

    private int AtomOf(Expression expression, ModuleContext module, IReadOnlyList<Binding> bindings, int level)
    {
        var (scope, layout) = ScopeFor(module, bindings);
        Expr expr;
        try
        {
            expr = compiler.CompileExpr(expression, scope);
        }
        catch (CompileException e)
        {
            throw new UnsupportedTemporalFormula(e.Span, e.Message);
        }
        var values = bindings.Select(b => b.Value).ToArray();
        bool Evaluate(EvalContext context) => expr.EvalBool(context, FrameFor(layout, values));
        var atoms = level == Levels.Action ? _actionAtoms : _stateAtoms;
        atoms.Add(Evaluate);
        return atoms.Count - 1;
    }

    private Value EvaluateConstant(Expression expression, ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        var (scope, layout) = ScopeFor(module, bindings);
        var expr = compiler.CompileExpr(expression, scope);
        if (expr.Level != Levels.Constant)
            throw new UnsupportedTemporalFormula(expression.Span, $"An argument of a temporal definition must be constant: {expression.Span.ToTlcString()}.");
        return expr.Eval(constants, FrameFor(layout, bindings));
    }

    /// <summary>A scope in which the bound names are locals at slots 0..n-1 of a fresh layout.</summary>
    private static (Scope Scope, FrameLayout Layout) ScopeFor(ModuleContext module, IReadOnlyList<Binding> bindings)
    {
        var layout = new FrameLayout(null);
        var scope = Scope.Root(module, layout).Child(layout);
        foreach (var binding in bindings)
            scope.Add(new LocalSymbol(binding.Name, layout, layout.Allocate(), LocalKind.Value, Levels.Constant));
        return (scope, layout);
    }

    private static Frame? FrameFor(FrameLayout layout, IReadOnlyList<Binding> bindings) =>
        FrameFor(layout, bindings.Select(b => b.Value).ToArray());

    private static Frame? FrameFor(FrameLayout layout, Value[] values)
    {
        if (layout.Size == 0) return null;
        var frame = new Frame(layout.Size, null);
        for (var i = 0; i < values.Length; i++) frame.Slots[i] = values[i];
        return frame;
    }

    private static string Text(Expression expression, IReadOnlyList<Binding> bindings) =>
        expression.Span.ToTlcString() + Describe(bindings);

    private static string Describe(IReadOnlyList<Binding> bindings) =>
        bindings.Count == 0 ? "" : " with " + string.Join(", ", bindings.Select(b => $"{b.Name} = {b.Value}"));
}
