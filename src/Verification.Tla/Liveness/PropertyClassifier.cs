using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Liveness;

/// <summary>How TLC checks one part of a PROPERTY.</summary>
public enum PropertyPartKind
{
    /// <summary>A state predicate (e.g. the Init of a refined spec): checked on every initial state.</summary>
    Initial,

    /// <summary>[][A]_v: checked on every step during the search.</summary>
    Action,

    /// <summary>[]P with P a state predicate: checked on every state as an invariant.</summary>
    Invariant,

    /// <summary>Any other temporal formula: checked by the liveness checker on the complete graph.</summary>
    Temporal,
}

/// <summary>
/// One part of a PROPERTY as TLC splits it. <see cref="Name"/> is what TLC reports: the name of
/// the nearest definition the part was reached through, or the part's source location when it is
/// a conjunct of a definition (then <see cref="NamedByLocation"/>).
/// </summary>
public sealed record PropertyPart(PropertyPartKind Kind, string Name, bool NamedByLocation, Expression Formula, FormulaEnv Env);

/// <summary>A PROPERTY that TLC rejects before the search (an action-level formula, a tautology).</summary>
public sealed class PropertyRejected(SourceSpan span, string message, bool configError) : Exception(message)
{
    public SourceSpan Span { get; } = span;

    /// <summary>True for TLC's configuration errors (exit 151), false for a tautology (exit 77).</summary>
    public bool ConfigError { get; } = configError;
}

/// <summary>
/// Splits a PROPERTY into the parts TLC checks separately (TLC's SpecProcessor.processConfigProps):
/// definitions (also through instances, with their arguments bound lazily) and LETs are entered,
/// conjunctions and \A over constant sets are split, and each part is classified by its form and
/// level.
/// </summary>
public sealed class PropertyClassifier(Compiler compiler, EvalContext constants)
{
    public IReadOnlyList<PropertyPart> Classify(string name, DefinitionSymbol definition)
    {
        var parts = new List<PropertyPart>();
        Process(name, false, definition.Definition.Body, FormulaEnv.Of(definition.Context), InInstance(definition.Context), parts);
        return parts;
    }

    // Definitions are entered by inlining; a recursive one could be entered forever.
    internal const int MaxNesting = 500;

    private int _nesting;

    private void Process(string name, bool byLocation, Expression expression, FormulaEnv env, bool inInstance, List<PropertyPart> into)
    {
        if (++_nesting > MaxNesting)
            throw new PropertyRejected(expression.Span, $"The property {name} nests definitions too deeply to be taken apart (a recursive definition?).", configError: true);
        try
        {
            ProcessNested(name, byLocation, expression, env, inInstance, into);
        }
        finally
        {
            _nesting--;
        }
    }

    private void ProcessNested(string name, bool byLocation, Expression expression, FormulaEnv env, bool inInstance, List<PropertyPart> into)
    {
        switch (expression)
        {
            case LabeledExpression labeled:
                Process(name, byLocation, labeled.Body, env, inInstance, into);
                return;
            // TLC looks TRUE and FALSE up as values: TRUE is nothing to check, FALSE a trivial spec.
            case BooleanLiteral { Value: true }:
                return;
            case BooleanLiteral { Value: false }:
                throw new PropertyRejected(expression.Span, "The spec is trivially false because FALSE is false.", configError: true);
            case LetIn let:
                Process(name, byLocation, let.Body, env.With(new LetBinding(let)), inInstance, into);
                return;
            // TLC enters a definition with arguments only outside instances (where its substitutions
            // are not yet applied); one without arguments always.
            case NameReference reference when (reference.Arguments.Count == 0 || !inInstance) && Expand(reference, env) is { } expanded:
                if (expanded.Argument) Process(name, byLocation, expanded.Body, expanded.Env, inInstance, into);
                else Process(expanded.Name, false, expanded.Body, expanded.Env, inInstance || InInstance(expanded.Env.Module), into);
                return;
            case Quantifier { Kind: QuantifierKind.ForAll } forall when Unroll(forall, env) is { } instances:
                if (instances.Count == 0)
                    throw new PropertyRejected(forall.Span, "Temporal formula is a tautology (its negation is unsatisfiable): \\A over the empty set.", configError: false);
                foreach (var inner in instances) Process(forall.Body.Span.ToTlcString(), true, forall.Body, inner, inInstance, into);
                return;
            case OperatorApplication { Operator: "/\\" } and:
                foreach (var operand in and.Operands) Process(operand.Span.ToTlcString(), true, operand, env, inInstance, into);
                return;
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                foreach (var item in list.Items) Process(item.Span.ToTlcString(), true, item, env, inInstance, into);
                return;
            case OperatorApplication { Operator: "[]", Operands: [BoxAction box] }:
                into.Add(new PropertyPart(PropertyPartKind.Action, name, byLocation, box, env));
                return;
            case OperatorApplication { Operator: "[]", Operands: [var inner] } when LevelOf(inner, env) < Levels.Action:
                // TLC names []P after P when P is a name (PROPERTY AlwaysOK, AlwaysOK == []TypeOK: "TypeOK").
                if (inner is NameReference { Arguments.Count: 0 } named)
                    into.Add(new PropertyPart(PropertyPartKind.Invariant, QualifiedName(named), false, inner, env));
                else
                    into.Add(new PropertyPart(PropertyPartKind.Invariant, name, byLocation, inner, env));
                return;
        }
        var level = LevelOf(expression, env);
        if (level <= Levels.State) into.Add(new PropertyPart(PropertyPartKind.Initial, name, byLocation, expression, env));
        else if (level >= Levels.Temporal) into.Add(new PropertyPart(PropertyPartKind.Temporal, name, byLocation, expression, env));
        else
            throw new PropertyRejected(expression.Span,
                $"The property {name} is an action ({expression.Span.ToTlcString()}); TLC checks an action only as [][A]_v.", configError: true);
    }

    // A definition of an instantiated module (named or unnamed INSTANCE): SANY wraps its body in the substitutions.
    private static bool InInstance(ModuleContext module) => module.Origin is not null;

    /// <summary>
    /// A reference to a definition (possibly through an instance, a LET definition) or to a
    /// parameter bound to its argument: the body to go on with, where it is read, and the name TLC
    /// gives it. Null for anything else (variables, constants, built-ins, operator parameters).
    /// </summary>
    internal (string Name, Expression Body, FormulaEnv Env, bool Argument)? Expand(NameReference reference, FormulaEnv env)
    {
        if (reference.Path.Count == 0)
        {
            if (env.LetDefinition(reference.Name.Name) is var (letDefinition, letEnv))
                return Bind(reference, letDefinition, letEnv, env);
            if (reference.Arguments.Count == 0 && env.Bindings.LastOrDefault(b => b.Name == reference.Name.Name) is ArgumentBinding argument)
                return (reference.Name.Name, argument.Argument, argument.Env, true);
            if (env.Bindings.Any(b => b.Name == reference.Name.Name)) return null;
        }
        Symbol symbol;
        try
        {
            symbol = compiler.ResolveName(reference, env.ScopeFor(compiler).Scope);
        }
        catch (CompileException)
        {
            return null;
        }
        if (symbol is not DefinitionSymbol definition) return null;
        return Bind(reference, definition.Definition, FormulaEnv.Of(definition.Context), env);
    }

    private (string, Expression, FormulaEnv, bool)? Bind(NameReference reference, OperatorDefinition definition, FormulaEnv definitionEnv, FormulaEnv callerEnv)
    {
        var parameters = definition.Parameters;
        if (parameters.Count != reference.Arguments.Count || parameters.Any(p => p.Arity > 0)) return null;
        var inner = definitionEnv;
        for (var i = 0; i < parameters.Count; i++)
        {
            var argument = reference.Arguments[i];
            var compiled = callerEnv.Compile(compiler, argument);
            inner = compiled.Level == Levels.Constant && ConstantValue(compiled) is { } value
                ? inner.With(new ValueBinding(parameters[i].Name, value))
                : inner.With(new ArgumentBinding(parameters[i].Name, argument, callerEnv));
        }
        return (QualifiedName(reference), definition.Body, inner, false);
    }

    // An argument that fails to evaluate stays lazy, as in TLC: the error shows where it is used.
    private Value? ConstantValue(Expr argument)
    {
        try
        {
            return argument.Eval(constants, null);
        }
        catch (Exception e) when (e is EvalException or EvaluationException)
        {
            return null;
        }
    }

    private static string QualifiedName(NameReference reference) =>
        string.Concat(reference.Path.Select(p => p.Name.Name + "!")) + reference.Name.Name;

    /// <summary>The value of a constant-level Boolean formula in <paramref name="env"/>; null when it is not constant or does not evaluate to a Boolean.</summary>
    internal bool? ConstantTruth(Expression expression, FormulaEnv env)
    {
        Expr compiled;
        try
        {
            compiled = env.Compile(compiler, expression);
        }
        catch (CompileException)
        {
            return null;
        }
        if (compiled.Level != Levels.Constant) return null;
        return ConstantValue(compiled) is BoolValue truth ? truth.Value : null;
    }

    /// <summary>The environments of a \A over constant sets, in TLC's order; null when a domain is not constant.</summary>
    internal List<FormulaEnv>? Unroll(Quantifier quantifier, FormulaEnv env)
    {
        if (quantifier.Binders.Any(b => b.Domain is null)) return null;
        var (scope, layout, values) = env.ScopeFor(compiler);
        var inner = scope.Child();
        BinderSet binders;
        try
        {
            binders = compiler.CompileBinderSet(quantifier.Binders, inner, scope);
        }
        catch (CompileException)
        {
            return null;
        }
        if (binders.Level != Levels.Constant) return null;
        var names = quantifier.Binders.SelectMany(b => b.Names.Select(n => n.Name)).ToList();
        var frame = new BoundExpr(new BooleanConstant(quantifier.Span), layout, values).NewFrame();
        var result = new List<FormulaEnv>();
        try
        {
            binders.ForEach(constants, frame, (_, f) =>
            {
                var bound = env;
                foreach (var name in names)
                    bound = bound.With(new ValueBinding(name, (Value)f!.Slots[((LocalSymbol)inner.Lookup(name)!).Slot]!));
                result.Add(bound);
                return true;
            }, quantifier.Span);
        }
        catch (Exception e) when (e is EvalException or EvaluationException)
        {
            // TLC: a domain it cannot enumerate leaves the quantifier whole.
            return null;
        }
        return result;
    }

    internal int LevelOf(Expression expression, FormulaEnv env) => env.Compile(compiler, expression).Level;

    /// <summary>A placeholder expression, only to size a frame.</summary>
    private sealed class BooleanConstant(SourceSpan span) : Expr(span, Levels.Constant)
    {
        public override Value Eval(EvalContext context, Frame? frame) => BoolValue.Of(true);
    }
}
