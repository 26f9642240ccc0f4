using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;

namespace Verification.Tla.Conformance;

/// <summary>
/// Next cut down to the disjuncts that lead to one named action, keeping the quantifiers, LETs and
/// guards on the way: for <c>\E m \in msgs : Receive(m.dest, m) \/ Drop(m)</c> and the action
/// <c>Drop</c> it is <c>\E m \in msgs : Drop(m)</c>. A definition with parameters on the way (e.g.
/// <c>Receive(i, m)</c> dispatching to <c>HandleVoteRequest(i, m)</c>) is replaced by a synthetic
/// copy whose body is restricted the same way, registered in the validation compiler's root scope.
/// A labelled step then costs one evaluation of that action, not of all of Next.
/// With a <paramref name="replacement"/>, the call of the action is replaced by a call of it (a probe
/// that records the arguments), or, with <paramref name="keepCall"/>, preceded by it (a witness: the
/// arguments recorded last belong to the instance that holds when the action does).
/// </summary>
internal sealed class NextRestriction(string target, Symbol? replacement = null, bool keepCall = false)
{
    private readonly Dictionary<DefinitionSymbol, string?> _restricted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, DefinitionSymbol> _symbols = new(StringComparer.Ordinal);

    public Expression? Restrict(Expression expression, ModuleContext context)
    {
        switch (expression)
        {
            case JunctionList { Kind: JunctionKind.Disjunction } list:
                return Disjunction(list.Span, list.Items.Select(i => Restrict(i, context)));
            case OperatorApplication { Operator: "\\/" } or:
                return Disjunction(or.Span, or.Operands.Select(i => Restrict(i, context)));
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                return Conjunction(list.Items, context, items => list with { Items = items });
            case OperatorApplication { Operator: "/\\" } and:
                return Conjunction(and.Operands, context, items => and with { Operands = items });
            case Quantifier { Kind: QuantifierKind.Exists } exists:
                return Restrict(exists.Body, context) is { } body ? exists with { Body = body } : null;
            case LetIn let:
                return Restrict(let.Body, context) is { } letBody ? let with { Body = letBody } : null;
            case IfThenElse ite:
            {
                var then = Restrict(ite.Then, context);
                var otherwise = Restrict(ite.Else, context);
                if (then is null && otherwise is null) return null;
                return ite with { Then = then ?? new BooleanLiteral(ite.Span, false), Else = otherwise ?? new BooleanLiteral(ite.Span, false) };
            }
            case LabeledExpression labeled:
                return Restrict(labeled.Body, context) is { } inner ? labeled with { Body = inner } : null;
            case NameReference { Path.Count: 0 } reference when context.Names.GetValueOrDefault(reference.Name.Name) is DefinitionSymbol definition:
                return Call(reference, definition, context);
            default:
                return null;
        }
    }

    private Expression? Call(NameReference reference, DefinitionSymbol definition, ModuleContext context)
    {
        if (definition.Name == target)
        {
            if (replacement is null) return reference;
            context.Names[replacement.Name] = replacement;
            var replaced = reference with { Name = new Identifier(reference.Name.Span, replacement.Name) };
            return keepCall ? new OperatorApplication(reference.Span, "/\\", Fixity.Infix, [replaced, reference]) : replaced;
        }
        if (definition.Definition.Parameters.Any(static p => p.Arity > 0)) return null;
        if (!_restricted.TryGetValue(definition, out var name))
        {
            // Mark before recursing: a recursive operator does not lead to the action through itself.
            _restricted[definition] = null;
            var body = Restrict(definition.Definition.Body, definition.Context);
            if (body is not null)
            {
                name = $"{definition.Name}__towards__{replacement?.Name ?? target}";
                var synthetic = definition.Definition with { Name = new Identifier(definition.Definition.Name.Span, name), Body = body };
                _symbols[name] = new DefinitionSymbol(synthetic, definition.Context);
            }
            _restricted[definition] = name;
        }
        // The synthetic copy must be visible where the call is resolved.
        if (name is not null) context.Names[name] = _symbols[name];
        return name is null ? null : reference with { Name = new Identifier(reference.Name.Span, name) };
    }

    private static Expression? Disjunction(SourceSpan span, IEnumerable<Expression?> items)
    {
        var kept = items.Where(static i => i is not null).Select(static i => i!).ToArray();
        return kept.Length switch
        {
            0 => null,
            1 => kept[0],
            _ => new JunctionList(span, JunctionKind.Disjunction, kept),
        };
    }

    private Expression? Conjunction(IReadOnlyList<Expression> items, ModuleContext context, Func<IReadOnlyList<Expression>, Expression> rebuild)
    {
        var any = false;
        var rewritten = new Expression[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var restricted = Restrict(items[i], context);
            any |= restricted is not null;
            rewritten[i] = restricted ?? items[i];
        }
        return any ? rebuild(rewritten) : null;
    }
}

/// <summary>
/// The actions of Next: the definitions reached from Next through disjunctions, quantifiers, LETs,
/// IFs and calls whose own text assigns primed variables (a call that only dispatches, like
/// <c>Receive(i, m)</c>, is looked through).
/// </summary>
internal sealed class ActionCatalog(ModuleContext root, SourceText source)
{
    private readonly List<string> _found = [];
    private readonly HashSet<DefinitionSymbol> _visited = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<string> LeafActions(Expression next)
    {
        Walk(next, root);
        return _found;
    }

    private void Walk(Expression expression, ModuleContext context)
    {
        switch (expression)
        {
            case JunctionList list:
                foreach (var item in list.Items) Walk(item, context);
                return;
            case OperatorApplication { Operator: "\\/" or "/\\" } application:
                foreach (var operand in application.Operands) Walk(operand, context);
                return;
            case Quantifier { Kind: QuantifierKind.Exists } exists:
                Walk(exists.Body, context);
                return;
            case LetIn let:
                Walk(let.Body, context);
                return;
            case IfThenElse ite:
                Walk(ite.Then, context);
                Walk(ite.Else, context);
                return;
            case LabeledExpression labeled:
                Walk(labeled.Body, context);
                return;
            case NameReference { Path.Count: 0 } reference when context.Names.GetValueOrDefault(reference.Name.Name) is DefinitionSymbol definition:
                if (!_visited.Add(definition)) return;
                if (AssignsDirectly(definition))
                {
                    if (!_found.Contains(definition.Name)) _found.Add(definition.Name);
                    return;
                }
                Walk(definition.Definition.Body, definition.Context);
                return;
        }
    }

    private bool AssignsDirectly(DefinitionSymbol definition)
    {
        var text = source.Of(definition.Definition.Body.Span);
        return text.Contains('\'') || text.Contains("UNCHANGED", StringComparison.Ordinal);
    }
}
