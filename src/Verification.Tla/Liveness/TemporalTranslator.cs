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
/// Translates TLA+ temporal formulas (PROPERTY parts, fairness conjuncts of SPECIFICATION) into
/// <see cref="Ltl"/> as TLC's Liveness.astToLive does: []/&lt;&gt;/~&gt;, ~, /\, \/, =>, IF-THEN-ELSE
/// (as (c /\ a) \/ (~c /\ b)), LET, \A and \E over constant sets (unrolled), definitions and
/// instance definitions (inlined, arguments bound lazily), [][A]_v, &lt;&gt;&lt;&lt;A&gt;&gt;_v and
/// WF/SF (by their definitions). Every maximal non-temporal subformula becomes an atom compiled
/// once and evaluated on states (or steps) when the search needs it. What TLC cannot handle (CASE,
/// &lt;=&gt;, \EE, \AA, -+-&gt; over temporal formulas, quantifiers over non-constant sets) is an
/// <see cref="UnsupportedTemporalFormula"/>.
/// </summary>
internal sealed class TemporalTranslator(Compiler compiler, EvalContext constants)
{
    private readonly List<Func<EvalContext, bool>> _stateAtoms = [];
    private readonly List<int[]?> _stateAtomVariables = [];
    private readonly List<Func<EvalContext, bool>> _actionAtoms = [];
    private readonly PropertyClassifier _definitions = new(compiler, constants);

    public IReadOnlyList<Func<EvalContext, bool>> StateAtoms => _stateAtoms;

    public IReadOnlyList<Func<EvalContext, bool>> ActionAtoms => _actionAtoms;

    /// <summary>Per state atom, the variables it reads (see <see cref="AtomVariables"/>), or null when not known.</summary>
    public IReadOnlyList<int[]?> StateAtomVariables => _stateAtomVariables;

    public Ltl Translate(Expression expression, FormulaEnv env) => Guarded(expression, () => TranslateIn(expression, env));

    /// <summary>
    /// The fairness of one SPECIFICATION conjunct: its WF_v(A) and SF_v(A) conditions (possibly in
    /// conjunctions and \A over constant sets), which the checker treats natively, and any other
    /// temporal formula, which TLC also assumes of the behaviours (added to <paramref name="assumptions"/>).
    /// </summary>
    public IReadOnlyList<Fairness> FairnessOf(Expression expression, FormulaEnv env, List<Ltl> assumptions) =>
        Guarded(expression, () =>
        {
            var conditions = new List<Fairness>();
            FairnessIn(expression, env, conditions, assumptions);
            return conditions;
        });

    // Compile errors inside a formula become located errors of the formula.
    private static T Guarded<T>(Expression expression, Func<T> translate)
    {
        try
        {
            return translate();
        }
        catch (CompileException e)
        {
            throw new UnsupportedTemporalFormula(e.Span, e.Message);
        }
        catch (PropertyRejected e)
        {
            throw new UnsupportedTemporalFormula(e.Span, e.Message);
        }
        catch (EvalException e)
        {
            throw new UnsupportedTemporalFormula(expression.Span, e.Message);
        }
    }

    private void FairnessIn(Expression expression, FormulaEnv env, List<Fairness> conditions, List<Ltl> assumptions)
    {
        switch (expression)
        {
            case Syntax.Fairness fairness:
                conditions.Add(FairnessCondition(fairness, env));
                break;
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                foreach (var item in list.Items) FairnessIn(item, env, conditions, assumptions);
                break;
            case OperatorApplication { Operator: "/\\" } and:
                foreach (var operand in and.Operands) FairnessIn(operand, env, conditions, assumptions);
                break;
            case LabeledExpression labeled:
                FairnessIn(labeled.Body, env, conditions, assumptions);
                break;
            case LetIn let:
                FairnessIn(let.Body, env.With(new LetBinding(let)), conditions, assumptions);
                break;
            case Quantifier { Kind: QuantifierKind.ForAll } forall when _definitions.Unroll(forall, env) is { } instances:
                foreach (var inner in instances) FairnessIn(forall.Body, inner, conditions, assumptions);
                break;
            case NameReference reference when _definitions.Expand(reference, env) is { Argument: false } definition:
                FairnessIn(definition.Body, definition.Env, conditions, assumptions);
                break;
            // `c => WF(A)` with c constant (`\A oi, oj \in S : oi # oj => WF(...)`): fairness when c holds,
            // nothing when not. As an assumption it would enter every property's tableau.
            case OperatorApplication { Operator: "=>", Operands: [var condition, var consequence] }
                when _definitions.ConstantTruth(condition, env) is { } holds:
                if (holds) FairnessIn(consequence, env, conditions, assumptions);
                break;
            default:
                assumptions.Add(TranslateIn(expression, env));
                break;
        }
    }

    private Fairness FairnessCondition(Syntax.Fairness fairness, FormulaEnv env)
    {
        var angle = new AngleAction(fairness.Span, fairness.Action, fairness.Subscript);
        var enabled = EnabledAtom(new OperatorApplication(fairness.Span, "ENABLED", Fixity.Prefix, [angle]), env);
        var taken = AtomOf(angle, env, Levels.Action);
        var text = $"{(fairness.Kind == FairnessKind.Strong ? "SF" : "WF")} {fairness.Span.ToTlcString()}{env.Describe()}";
        return new Fairness(fairness.Kind == FairnessKind.Strong, enabled, taken, text);
    }

    private int _nesting;

    private Ltl TranslateIn(Expression expression, FormulaEnv env)
    {
        if (++_nesting > PropertyClassifier.MaxNesting)
            throw new UnsupportedTemporalFormula(expression.Span,
                $"TLC cannot handle the temporal formula {expression.Span.ToTlcString()} (definitions nested too deeply: a recursive temporal definition?).");
        try
        {
            return TranslateNested(expression, env);
        }
        finally
        {
            _nesting--;
        }
    }

    private Ltl TranslateNested(Expression expression, FormulaEnv env)
    {
        var level = _definitions.LevelOf(expression, env);
        if (level <= Levels.State) return new StateAtom(AtomOf(expression, env, Levels.State), Text(expression, env));
        if (level == Levels.Action) return new ActionAtom(AtomOf(expression, env, Levels.Action), Text(expression, env));

        switch (expression)
        {
            case LabeledExpression labeled:
                return TranslateIn(labeled.Body, env);
            case LetIn let:
                return TranslateIn(let.Body, env.With(new LetBinding(let)));
            case OperatorApplication { Operator: "[]", Operands: [BoxAction box] }:
                return new Always(new ActionAtom(AtomOf(box, env, Levels.Action), Text(box, env)));
            case OperatorApplication { Operator: "<>", Operands: [AngleAction angle] }:
                return new Eventually(new ActionAtom(AtomOf(angle, env, Levels.Action), Text(angle, env)));
            case OperatorApplication { Operator: "[]", Operands: [var operand] }:
                return new Always(TranslateIn(operand, env));
            case OperatorApplication { Operator: "<>", Operands: [var operand] }:
                return new Eventually(TranslateIn(operand, env));
            case OperatorApplication { Operator: "~>", Operands: [var left, var right] }:
                return Ltl.LeadsTo(TranslateIn(left, env), TranslateIn(right, env));
            case OperatorApplication { Operator: "~", Operands: [var operand] }:
                return new Not(TranslateIn(operand, env));
            case OperatorApplication { Operator: "/\\" } and:
                return and.Operands.Select(o => TranslateIn(o, env)).Aggregate((l, r) => new And(l, r));
            case OperatorApplication { Operator: "\\/" } or:
                return or.Operands.Select(o => TranslateIn(o, env)).Aggregate((l, r) => new Or(l, r));
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                return list.Items.Select(o => TranslateIn(o, env)).Aggregate((l, r) => new And(l, r));
            case JunctionList { Kind: JunctionKind.Disjunction } list:
                return list.Items.Select(o => TranslateIn(o, env)).Aggregate((l, r) => new Or(l, r));
            case OperatorApplication { Operator: "=>", Operands: [var left, var right] }:
                return Ltl.Implies(TranslateIn(left, env), TranslateIn(right, env));
            case IfThenElse ite:
            {
                // TLC: IF c THEN a ELSE b is (c /\ a) \/ (~c /\ b); a state condition is read in the first state.
                var condition = TranslateIn(ite.Condition, env);
                return new Or(new And(condition, TranslateIn(ite.Then, env)), new And(new Not(condition), TranslateIn(ite.Else, env)));
            }
            case Quantifier { Kind: var kind } quantifier:
            {
                var parts = Expand(quantifier, env).Select(inner => TranslateIn(quantifier.Body, inner)).ToList();
                if (parts.Count == 0) return kind == QuantifierKind.ForAll ? Ltl.True : Ltl.False;
                return kind == QuantifierKind.ForAll
                    ? parts.Aggregate((l, r) => new And(l, r))
                    : parts.Aggregate((l, r) => new Or(l, r));
            }
            case Syntax.Fairness fairness:
            {
                // TLC: WF_v(A) == []<>(~ENABLED <<A>>_v \/ <<A>>_v);  SF_v(A) == <>[]~ENABLED <<A>>_v \/ []<><<A>>_v
                var condition = FairnessCondition(fairness, env);
                var disabled = new Not(new StateAtom(condition.Enabled, $"ENABLED {condition.Text}"));
                var taken = new ActionAtom(condition.Taken, condition.Text);
                return condition.Strong
                    ? new Or(new Eventually(new Always(disabled)), new Always(new Eventually(taken)))
                    : new Always(new Eventually(new Or(disabled, taken)));
            }
            case NameReference reference when _definitions.Expand(reference, env) is { Argument: false } definition:
                return TranslateIn(definition.Body, definition.Env);
            default:
                throw new UnsupportedTemporalFormula(expression.Span,
                    $"TLC cannot handle the temporal formula {expression.Span.ToTlcString()} ({Describe(expression)}).");
        }
    }

    private static string Describe(Expression expression) => expression switch
    {
        CaseExpression => "a CASE with temporal arms",
        TemporalQuantifier => "temporal quantification \\EE / \\AA",
        OperatorApplication { Operator: "<=>" } => "<=> between temporal formulas",
        OperatorApplication { Operator: "-+->" } => "-+->",
        Quantifier => "a quantifier over a set that is not constant",
        NameReference => "a temporal formula passed as an argument, or a definition with operator parameters",
        _ => "outside [] <> ~> WF SF, IF, LET, the boolean connectives, quantifiers over constant sets and definitions",
    };

    /// <summary>Every binding of a quantifier's variables over its (constant) domains, in TLC's order.</summary>
    private List<FormulaEnv> Expand(Quantifier quantifier, FormulaEnv env) =>
        _definitions.Unroll(quantifier, env)
        ?? throw new UnsupportedTemporalFormula(quantifier.Span,
            $"TLC cannot handle the temporal formula {quantifier.Span.ToTlcString()} (a quantifier over a set that is not constant).");

    private int AtomOf(Expression expression, FormulaEnv env, int level)
    {
        var expr = env.Compile(compiler, expression);
        bool Evaluate(EvalContext context) => expr.EvalBool(context, null);
        if (level == Levels.Action)
        {
            _actionAtoms.Add(Evaluate);
            return _actionAtoms.Count - 1;
        }
        return AddStateAtom(Evaluate, AtomVariables.Of(expression, env));
    }

    private int AddStateAtom(Func<EvalContext, bool> evaluate, int[]? variables)
    {
        _stateAtoms.Add(evaluate);
        _stateAtomVariables.Add(variables);
        return _stateAtoms.Count - 1;
    }

    /// <summary>
    /// ENABLED &lt;&lt;A&gt;&gt;_v. Inside an instance that substitutes variables, TLC reads a primed
    /// substituted variable as a free variable of the instantiated module and an unprimed one as its
    /// substitution: the action is enabled in the abstract state the substitutions define.
    /// </summary>
    private int EnabledAtom(Expression enabled, FormulaEnv env)
    {
        var concreteCount = compiler.Variables.Count;
        if (compiler.WithFreshVariables(env.Module, concreteCount, out var fresh) is not { } abstractModule)
            return AtomOf(enabled, env, Levels.State);
        var expr = (env with { Module = abstractModule }).Compile(compiler, enabled);
        var replacements = fresh.Select(f =>
        {
            var layout = new FrameLayout(null);
            var compiled = compiler.CompileExpr(f.Replacement, f.Scope.WithLayout(layout));
            return new BoundExpr(compiled, layout, []);
        }).ToArray();
        bool Evaluate(EvalContext context)
        {
            var current = context.Current;
            var next = context.Next;
            var extended = new Value?[concreteCount + replacements.Length];
            Array.Copy(current, extended, concreteCount);
            for (var i = 0; i < replacements.Length; i++) extended[concreteCount + i] = replacements[i].Eval(context, null);
            try
            {
                context.Current = extended;
                context.Next = new Value?[extended.Length];
                return expr.EvalBool(context, null);
            }
            finally
            {
                context.Current = current;
                context.Next = next;
            }
        }
        return AddStateAtom(Evaluate, null);
    }

    private static string Text(Expression expression, FormulaEnv env) => expression.Span.ToTlcString() + env.Describe();
}
