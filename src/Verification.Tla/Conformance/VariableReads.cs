using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;

namespace Verification.Tla.Conformance;

/// <summary>
/// The spec variables a formula reads, through every definition it calls (found on the syntax, once,
/// before any state is evaluated). It may name more variables than an evaluation reads (both branches
/// of an IF), never fewer; when it cannot tell (a name reached through an instance, whose
/// substitutions may read anything), it says so rather than guess.
/// </summary>
internal static class VariableReads
{
    /// <summary>The variables read, in name order; null when the formula reaches a name it cannot follow.</summary>
    public static IReadOnlyList<string>? Of(Expression formula, ModuleContext module)
    {
        var reads = new SortedSet<string>(StringComparer.Ordinal);
        var followed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(SyntaxNode Node, ModuleContext Module)>();
        pending.Push((formula, module));
        while (pending.Count > 0)
        {
            var (root, context) = pending.Pop();
            foreach (var node in SyntaxWalker.DescendantsAndSelf(root))
            {
                var name = node switch
                {
                    NameReference { Path.Count: > 0 } => null,
                    NameReference reference => reference.Name.Name,
                    // A user-defined infix or prefix operator (a \oplus b) is a definition like any other.
                    OperatorApplication application => application.Operator,
                    _ => null,
                };
                if (node is NameReference { Path.Count: > 0 }) return null;
                if (name is null || !context.Names.TryGetValue(name, out var symbol)) continue;
                if (!Follow(symbol, reads, followed, pending)) return null;
            }
        }
        return reads.ToArray();
    }

    private static bool Follow(Symbol symbol, SortedSet<string> reads, HashSet<object> followed, Stack<(SyntaxNode, ModuleContext)> pending)
    {
        switch (symbol)
        {
            case VariableSymbol variable:
                reads.Add(variable.Name);
                return true;
            case DefinitionSymbol definition:
                if (followed.Add(definition)) pending.Push((definition.Definition.Body, definition.Context));
                return true;
            case FunctionSymbol function:
                if (followed.Add(function)) pending.Push((function.Definition, function.Context));
                return true;
            case ConstantSymbol { Replacement: { } replacement }:
                // A cfg override (Op <- Impl) evaluates the replacement instead.
                return Follow(replacement, reads, followed, pending);
            case InstanceSymbol or SubstitutionSymbol:
                return false;
            default:
                // Constants, bound names, LET definitions (walked where they are written), built-in operators.
                return true;
        }
    }
}
