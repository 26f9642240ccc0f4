using System.Globalization;
using Verification.Tla.Syntax;

namespace Verification.Tla.Evaluation;

/// <summary>
/// Positional subexpression names (`Def!2!1`, `Scaled!:`, `Pos!(1)`) as ordinary definitions: the
/// selected part of a definition's body becomes the body of a derived definition whose parameters
/// are the original ones followed by the names bound on the way (`!(e)`), and whose body keeps the
/// LET definitions it was selected through (`!:`). A use `Def(a)!sel(e)` is then the call
/// `Def!sel(a, e)`, compiled like any other call in the module that defines Def.
/// </summary>
public static class Subexpressions
{
    /// <summary>The name of the derived definition: the original name with the selectors' shape.</summary>
    public static string DerivedName(string definition, IReadOnlyList<SubexpressionSelector> selectors) =>
        definition + string.Concat(selectors.Select(static s => "!" + s.Kind switch
        {
            SelectorKind.Operand => s.Index.ToString(CultureInfo.InvariantCulture),
            SelectorKind.LetBody => ":",
            SelectorKind.Left => "<<",
            SelectorKind.Right => ">>",
            _ => "(" + string.Join(",", s.Arguments.Select(static _ => "_")) + ")",
        }));

    /// <summary>The derived definition; a <see cref="CompileException"/> at the selector that does not fit the body.</summary>
    public static OperatorDefinition Derive(OperatorDefinition definition, IReadOnlyList<SubexpressionSelector> selectors)
    {
        var parameters = new List<OperatorParameter>(definition.Parameters);
        var lets = new List<LetIn>();
        var current = definition.Body;
        foreach (var selector in selectors)
        {
            current = Transparent(current);
            switch (selector.Kind)
            {
                case SelectorKind.LetBody when current is LetIn let:
                    lets.Add(let);
                    current = let.Body;
                    break;
                case SelectorKind.Instantiate:
                {
                    var (names, body) = BoundNames(current) ?? throw NotFitting(selector, current);
                    if (names.Count != selector.Arguments.Count)
                        throw new CompileException(selector.Span,
                            $"The subexpression selector gives {selector.Arguments.Count} values for {names.Count} bound names.");
                    parameters.AddRange(names.Select(static n => new OperatorParameter(n.Span, n.Name, 0)));
                    current = body;
                    break;
                }
                case SelectorKind.Left or SelectorKind.Right:
                    current = current is OperatorApplication { Fixity: Fixity.Infix, Operands.Count: 2 } infix
                        ? infix.Operands[selector.Index - 1]
                        : throw NotFitting(selector, current);
                    break;
                case SelectorKind.Operand:
                {
                    var operands = Operands(current) ?? throw NotFitting(selector, current);
                    if (selector.Index > operands.Count)
                        throw new CompileException(selector.Span,
                            $"The subexpression selector !{selector.Index} is out of range: the expression has {operands.Count} operands.");
                    current = operands[selector.Index - 1];
                    break;
                }
                default:
                    throw NotFitting(selector, current);
            }
        }

        // The LET definitions passed through stay in scope of the selected part, innermost last.
        for (var i = lets.Count - 1; i >= 0; i--) current = new LetIn(current.Span, lets[i].Definitions, current);
        var name = new Identifier(definition.Name.Span, DerivedName(definition.Name.Name, selectors));
        return new OperatorDefinition(definition.Span, name, parameters, current, definition.IsLocal);
    }

    private static Expression Transparent(Expression expression)
    {
        while (expression is LabeledExpression labeled) expression = labeled.Body;
        return expression;
    }

    /// <summary>The operands `!i` can select, in SANY's order, or null for expressions that are not operator applications.</summary>
    private static IReadOnlyList<Expression>? Operands(Expression expression) => expression switch
    {
        JunctionList list => list.Items,
        OperatorApplication application => application.Operands,
        NameReference { Arguments.Count: > 0 } call => call.Arguments,
        IfThenElse ite => [ite.Condition, ite.Then, ite.Else],
        FunctionApplication application => [application.Function, .. application.Arguments],
        TupleExpression tuple => tuple.Elements,
        SetEnumeration set => set.Elements,
        _ => null,
    };

    /// <summary>The names a binding expression binds, with the body they are bound in.</summary>
    private static (IReadOnlyList<Identifier> Names, Expression Body)? BoundNames(Expression expression) => expression switch
    {
        Quantifier quantifier when quantifier.Binders.All(static b => !b.IsTuple) => (quantifier.Binders.SelectMany(static b => b.Names).ToArray(), quantifier.Body),
        Choose { Binder.IsTuple: false } choose => (choose.Binder.Names, choose.Body),
        SetFilter { Binder.IsTuple: false } filter => (filter.Binder.Names, filter.Predicate),
        SetMap map when map.Binders.All(static b => !b.IsTuple) => (map.Binders.SelectMany(static b => b.Names).ToArray(), map.Body),
        FunctionConstructor constructor when constructor.Binders.All(static b => !b.IsTuple) =>
            (constructor.Binders.SelectMany(static b => b.Names).ToArray(), constructor.Body),
        _ => null,
    };

    private static CompileException NotFitting(SubexpressionSelector selector, Expression expression) =>
        new(selector.Span, $"The subexpression selector {DerivedName("", [selector])} does not apply to the expression at {expression.Span.ToTlcString()}.");
}
