using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;

namespace Verification.Tla.Liveness;

/// <summary>
/// The state variables a state atom of a temporal property can read, found from its syntax: the
/// variables it names, also through the definitions, LETs and operator arguments it reaches. Two
/// states that agree on those variables give the atom the same value, so the liveness check
/// evaluates it once per distinct combination instead of once per state (the broadcast models'
/// 30,000 states have a few hundred combinations of `sent` and `delivered`).
/// </summary>
/// <remarks>
/// Over-approximating is harmless (fewer states share a value); missing a variable would be a wrong
/// answer, so anything this walk does not follow exactly gives up (null): a name reached through an
/// instance (its variables are substitutions), a positional subexpression name, a LET-bound
/// instance, and every built-in operator that reads more than its arguments or has an effect
/// (TLCGet's search counters and registers, Print, RandomElement, the community modules' natives).
/// </remarks>
internal static class AtomVariables
{
    // The operators of the core and of the standard modules that are functions of their arguments only.
    private static readonly HashSet<string> PureBuiltins = CollectPureBuiltins();

    private static HashSet<string> CollectPureBuiltins()
    {
        var probe = new ModuleContext("probe");
        Builtins.AddCore(probe);
        foreach (var module in new[] { "Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags" })
            Builtins.AddStandardModule(probe, module, exported: false);
        var names = new HashSet<string>(probe.Names.Keys, StringComparer.Ordinal);
        names.UnionWith([":>", "@@", "Permutations", "ToString", "TLCEval", "Any", "Assert", "SortSeq"]);
        return names;
    }

    /// <summary>The indices of the variables <paramref name="expression"/> (read in <paramref name="env"/>) can read, ascending; null when not known.</summary>
    public static int[]? Of(Expression expression, FormulaEnv env)
    {
        if (env.Module.Origin is not null) return null;
        var walk = new Walk();
        return walk.InEnv(expression, env) ? walk.Variables.Order().ToArray() : null;
    }

    private sealed class Walk
    {
        public readonly HashSet<int> Variables = [];
        private readonly HashSet<object> _entered = new(ReferenceEqualityComparer.Instance);

        /// <summary>An expression of the property, where names may be bound by the environment's bindings.</summary>
        public bool InEnv(SyntaxNode node, FormulaEnv env) =>
            Nodes(node, name => ResolveInEnv(name, env));

        private bool ResolveInEnv(string name, FormulaEnv env)
        {
            if (env.LetDefinition(name) is var (definition, letEnv))
                return !_entered.Add(definition) || InEnv(definition, letEnv);
            for (var i = env.Bindings.Count - 1; i >= 0; i--)
            {
                switch (env.Bindings[i])
                {
                    case ArgumentBinding argument when argument.Name == name:
                        if (argument.Env.Module.Origin is not null) return false;
                        return !_entered.Add(argument) || InEnv(argument.Argument, argument.Env);
                    case ValueBinding value when value.Name == name:
                        return true;
                }
            }
            return Symbol(env.Module.Names.GetValueOrDefault(name));
        }

        /// <summary>The body of a module-level definition: its names are the module's (or bound inside it).</summary>
        private bool InModule(SyntaxNode node, ModuleContext module) =>
            module.Origin is null && Nodes(node, name => Symbol(module.Names.GetValueOrDefault(name)));

        private bool Symbol(Symbol? symbol)
        {
            switch (symbol)
            {
                // Not a module-level name: bound inside the expression, whose binding is walked.
                case null:
                    return true;
                case VariableSymbol variable:
                    Variables.Add(variable.Index);
                    return true;
                case ConstantSymbol constant:
                    return constant.Replacement is null || Symbol(constant.Replacement);
                case DefinitionSymbol definition:
                    return !_entered.Add(definition.Definition) || InModule(definition.Definition, definition.Context);
                case FunctionSymbol function:
                    return !_entered.Add(function.Definition) || InModule(function.Definition, function.Context);
                case BuiltinSymbol builtin:
                    return PureBuiltins.Contains(builtin.Name);
                default:
                    return false;
            }
        }

        private static bool Nodes(SyntaxNode root, Func<string, bool> resolve)
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                switch (node)
                {
                    case NameReference reference:
                        if (reference.Path.Count > 0 || !resolve(reference.Name.Name)) return false;
                        break;
                    // A symbol operator: a built-in of the language (no symbol), a standard module's or the user's.
                    case OperatorApplication application:
                        if (!resolve(application.Operator)) return false;
                        break;
                    case SubexpressionReference or ModuleDefinition or InstanceUnit or NestedModule:
                        return false;
                }
                foreach (var child in SyntaxWalker.Children(node)) pending.Push(child);
            }
            return true;
        }
    }
}
