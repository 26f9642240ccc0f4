using Verification.Tla.Syntax;

namespace Verification.Tla.Semantics;

/// <summary>
/// SANY's rule that a name is declared at most once in any scope: a module cannot define or
/// declare a name it already has (from its own units, from EXTENDS, from an unnamed INSTANCE, or
/// from an extended standard module), and a bound name (operator parameter, quantifier, set or
/// function builder, CHOOSE, LAMBDA, LET definition) cannot reuse a name visible where it is
/// bound. The same definition reached twice (diamond EXTENDS) is not a conflict.
/// </summary>
public static class DefinitionChecker
{
    /// <summary>Where a name comes from: a declaration in a user module, or a standard module.</summary>
    private sealed record Origin(string Module, SourceSpan Span, object Identity)
    {
        public string Describe() => Span.IsNone
            ? $"the operator of the standard module {Module}"
            : $"the definition or declaration at {Span.ToTlcString()}";
    }

    /// <summary>Checks every module of the spec; throws a located <see cref="TlaSyntaxException"/> on the first conflict.</summary>
    public static void Check(LoadedSpec spec)
    {
        var exports = new Dictionary<string, Dictionary<string, Origin>>(StringComparer.Ordinal);
        // A nested module also sees the definitions of the module around it, which this checker
        // does not track: its names are left to the compiler.
        var nested = spec.Modules.SelectMany(static m => m.Units.OfType<NestedModule>()).Select(static n => n.Module.Name.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var module in spec.Modules) exports[module.Name.Name] = CheckModule(module, spec, exports, resolveNames: !nested.Contains(module.Name.Name));
    }

    /// <summary>Checks one module and returns the names it exports (to EXTENDS and INSTANCE).</summary>
    private static Dictionary<string, Origin> CheckModule(Module module, LoadedSpec spec, Dictionary<string, Dictionary<string, Origin>> exports, bool resolveNames)
    {
        var scope = new ModuleScope(module.Name.Name, name => ExportsOf(name, spec, exports)) { ResolvesNames = resolveNames };
        foreach (var extended in module.Extends) scope.Import(extended, ExportsOf(extended.Name, spec, exports));

        foreach (var unit in module.Units) CheckUnit(unit, scope, spec, exports);
        scope.RequireRecursiveDefinitions();
        return scope.Exported;
    }

    private static Dictionary<string, Origin> ExportsOf(string moduleName, LoadedSpec spec, Dictionary<string, Dictionary<string, Origin>> exports)
    {
        if (exports.TryGetValue(moduleName, out var known)) return known;
        var result = new Dictionary<string, Origin>(StringComparer.Ordinal);
        if (spec.Find(moduleName) is null)
        {
            foreach (var op in StandardModules.ExportedOperators(moduleName))
            {
                var owner = OwnerOf(moduleName, op);
                result[op.Name] = new Origin(owner, SourceSpan.None, owner + "!" + op.Name);
            }
        }

        return result;
    }

    /// <summary>The standard module that really defines an operator (Integers re-exports Naturals' +).</summary>
    private static string OwnerOf(string moduleName, StandardOperator op)
    {
        var module = StandardModules.Find(moduleName);
        if (module is null || module.Operators.Contains(op)) return moduleName;
        return module.Extends.Select(e => OwnerOf(e, op)).First(o => StandardModules.Find(o)!.Operators.Contains(op));
    }

    private static void CheckUnit(Unit unit, ModuleScope scope, LoadedSpec spec, Dictionary<string, Dictionary<string, Origin>> exports)
    {
        switch (unit)
        {
            case ConstantsDeclaration constants:
                foreach (var constant in constants.Constants) scope.Declare(constant.Name, constant.Span, constant, exported: true);
                break;
            case VariablesDeclaration variables:
                foreach (var variable in variables.Variables) scope.Declare(variable.Name, variable.Span, variable, exported: true);
                break;
            case RecursiveDeclaration recursive:
                foreach (var op in recursive.Operators) scope.DeclareRecursive(op);
                break;
            case OperatorDefinition definition:
            {
                var bound = new BoundScope(scope);
                foreach (var parameter in definition.Parameters) bound.Bind(parameter.Name, parameter.Span);
                // A RECURSIVE operator is visible in its own body; others are declared after it.
                CheckExpression(definition.Body, bound);
                scope.Define(definition.Name.Name, definition.Name.Span, definition, !definition.IsLocal);
                break;
            }
            case FunctionDefinition function:
            {
                scope.Define(function.Name.Name, function.Name.Span, function, !function.IsLocal);
                var bound = new BoundScope(scope);
                CheckBinders(function.Binders, bound);
                CheckExpression(function.Body, bound);
                break;
            }
            case ModuleDefinition definition:
            {
                var bound = new BoundScope(scope);
                foreach (var parameter in definition.Parameters) bound.Bind(parameter.Name, parameter.Span);
                foreach (var substitution in definition.Instance.Substitutions) CheckExpression(substitution.Value, bound);
                scope.Define(definition.Name.Name, definition.Name.Span, definition, !definition.IsLocal);
                break;
            }
            case InstanceUnit instanceUnit:
            {
                var instance = instanceUnit.Instance;
                foreach (var substitution in instance.Substitutions) CheckExpression(substitution.Value, new BoundScope(scope));
                // An unnamed INSTANCE brings in the instantiated module's definitions, not its
                // constants and variables (those are substituted).
                var imported = ExportsOf(instance.ModuleName.Name, spec, exports)
                    .Where(entry => entry.Value.Identity is not (DeclaredOperator or Identifier))
                    .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
                scope.Import(instance.ModuleName, imported, exported: !instanceUnit.IsLocal);
                break;
            }
            case Assumption assumption:
                CheckExpression(assumption.Body, new BoundScope(scope));
                if (assumption.Name is { } name) scope.Define(name.Name, name.Span, assumption, exported: true);
                break;
            case NestedModule:
                // Checked as a module of its own (it comes earlier in LoadedSpec.Modules).
                break;
        }
    }

    private static void CheckBinders(IReadOnlyList<Binder> binders, BoundScope scope)
    {
        // Domains are evaluated outside the binder group; every name is then bound for the body.
        foreach (var binder in binders)
            if (binder.Domain is not null) CheckExpression(binder.Domain, scope);
        foreach (var binder in binders)
        foreach (var name in binder.Names)
            scope.Bind(name.Name, name.Span);
    }

    private static void CheckExpression(Expression expression, BoundScope scope)
    {
        switch (expression)
        {
            case Quantifier quantifier:
                WithBinders(quantifier.Binders, quantifier.Body, scope);
                return;
            case SetFilter filter:
                WithBinders([filter.Binder], filter.Predicate, scope);
                return;
            case SetMap map:
                WithBinders(map.Binders, map.Body, scope);
                return;
            case FunctionConstructor constructor:
                WithBinders(constructor.Binders, constructor.Body, scope);
                return;
            case Choose choose:
                WithBinders([choose.Binder], choose.Body, scope);
                return;
            case Lambda lambda:
            {
                var inner = scope.Nested();
                foreach (var parameter in lambda.Parameters) inner.Bind(parameter.Name, parameter.Span);
                CheckExpression(lambda.Body, inner);
                return;
            }
            case TemporalQuantifier temporal:
            {
                var inner = scope.Nested();
                foreach (var variable in temporal.Variables) inner.Bind(variable.Name, variable.Span);
                CheckExpression(temporal.Body, inner);
                return;
            }
            case LetIn let:
            {
                var inner = scope.Nested();
                foreach (var definition in let.Definitions) CheckLetDefinition(definition, inner);
                inner.RequireRecursiveDefinitions();
                CheckExpression(let.Body, inner);
                return;
            }
        }

        if (expression is NameReference reference) scope.Resolve(reference);

        // Everything else binds nothing: check the expressions inside (also those in arms, fields,
        // EXCEPT updates and instance steps).
        foreach (var child in SyntaxWalker.Children(expression)) CheckNode(child, scope);
    }

    private static void CheckNode(SyntaxNode node, BoundScope scope)
    {
        if (node is Expression expression)
        {
            CheckExpression(expression, scope);
            return;
        }

        foreach (var child in SyntaxWalker.Children(node)) CheckNode(child, scope);
    }

    private static void WithBinders(IReadOnlyList<Binder> binders, Expression body, BoundScope scope)
    {
        var inner = scope.Nested();
        CheckBinders(binders, inner);
        CheckExpression(body, inner);
    }

    private static void CheckLetDefinition(Unit definition, BoundScope scope)
    {
        switch (definition)
        {
            case RecursiveDeclaration recursive:
                foreach (var op in recursive.Operators) scope.BindRecursive(op.Name, op.Span);
                break;
            case OperatorDefinition op:
            {
                var inner = scope.Nested();
                foreach (var parameter in op.Parameters) inner.Bind(parameter.Name, parameter.Span);
                CheckExpression(op.Body, inner);
                scope.BindDefinition(op.Name.Name, op.Name.Span);
                break;
            }
            case FunctionDefinition function:
            {
                scope.BindDefinition(function.Name.Name, function.Name.Span);
                var inner = scope.Nested();
                CheckBinders(function.Binders, inner);
                CheckExpression(function.Body, inner);
                break;
            }
            case ModuleDefinition module:
            {
                var inner = scope.Nested();
                foreach (var parameter in module.Parameters) inner.Bind(parameter.Name, parameter.Span);
                foreach (var substitution in module.Instance.Substitutions) CheckExpression(substitution.Value, inner);
                scope.BindDefinition(module.Name.Name, module.Name.Span);
                break;
            }
        }
    }

    /// <summary>Every RECURSIVE declaration needs a definition in the same scope.</summary>
    private static void RequireRecursiveDefinitions(Dictionary<string, SourceSpan> pending)
    {
        foreach (var (name, span) in pending)
            throw new TlaSyntaxException(new Diagnostic(span, $"operator '{name}' is declared RECURSIVE but never defined"));
    }

    private static TlaSyntaxException Conflict(string name, SourceSpan span, Origin existing) =>
        new(new Diagnostic(span, $"multiply-defined symbol '{name}': it conflicts with {existing.Describe()}"));

    /// <summary>The names of a module, with what it exports.</summary>
    private sealed class ModuleScope(string moduleName, Func<string, IReadOnlyDictionary<string, Origin>> exportsOfModule)
    {
        /// <summary>The names a module `INSTANCE`d as <paramref name="module"/> offers through `M!name`.</summary>
        public IReadOnlyDictionary<string, Origin> ExportsOf(string module) => exportsOfModule(module);

        /// <summary>Whether unknown names are reported (not in nested modules, see <see cref="Check"/>).</summary>
        public bool ResolvesNames { get; init; } = true;

        private readonly Dictionary<string, Origin> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SourceSpan> _recursive = new(StringComparer.Ordinal);

        public Dictionary<string, Origin> Exported { get; } = new(StringComparer.Ordinal);

        public Origin? Find(string name) => _names.GetValueOrDefault(name);

        /// <summary>The RECURSIVE declaration of a name whose definition has not come yet.</summary>
        public SourceSpan? PendingRecursive(string name) => _recursive.TryGetValue(name, out var span) ? span : null;

        public void Import(Identifier from, IReadOnlyDictionary<string, Origin> names, bool exported = true)
        {
            foreach (var (name, origin) in names)
            {
                if (_names.TryGetValue(name, out var existing) && !Equals(existing.Identity, origin.Identity))
                    throw new TlaSyntaxException(new Diagnostic(from.Span,
                        $"multiply-defined symbol '{name}': module {from.Name} brings it in, but it conflicts with {existing.Describe()}"));
                _names[name] = origin;
                if (exported) Exported[name] = origin;
            }
        }

        public void Declare(string name, SourceSpan span, object identity, bool exported)
        {
            if (_names.TryGetValue(name, out var existing)) throw Conflict(name, span, existing);
            var origin = new Origin(moduleName, span, identity);
            _names[name] = origin;
            if (exported) Exported[name] = origin;
        }

        public void DeclareRecursive(DeclaredOperator op)
        {
            if (_names.TryGetValue(op.Name, out var existing)) throw Conflict(op.Name, op.Span, existing);
            _recursive[op.Name] = op.Span;
        }

        public void RequireRecursiveDefinitions() => DefinitionChecker.RequireRecursiveDefinitions(_recursive);

        /// <summary>A definition; it completes a RECURSIVE declaration of the same name if there is one.</summary>
        public void Define(string name, SourceSpan span, object identity, bool exported)
        {
            _recursive.Remove(name);
            Declare(name, span, identity, exported);
        }
    }

    /// <summary>Names bound inside a definition, chained to the enclosing ones and to the module.</summary>
    private sealed class BoundScope(ModuleScope module, BoundScope? parent = null)
    {
        private readonly BoundScope? _parent = parent;

        private readonly Dictionary<string, SourceSpan> _bound = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SourceSpan> _recursive = new(StringComparer.Ordinal);

        public void RequireRecursiveDefinitions() => DefinitionChecker.RequireRecursiveDefinitions(_recursive);

        public BoundScope Nested() => new(module, this);

        private SourceSpan? FindBound(string name)
        {
            for (var scope = this; scope is not null; scope = scope._parent)
                if (scope._bound.TryGetValue(name, out var span)) return span;
            return null;
        }

        public void Bind(string name, SourceSpan span)
        {
            if (module.Find(name) is { } existing) throw Conflict(name, span, existing);
            if (module.PendingRecursive(name) is { } declared) throw Conflict(name, span, new Origin("", declared, name));
            if (FindBound(name) is { } bound) throw Conflict(name, span, new Origin("", bound, name));
            _bound[name] = span;
        }

        /// <summary>
        /// SANY resolves every name of every definition, used or not: an identifier (or the first
        /// step of an instance path) that is neither bound here nor defined before in the module is
        /// an error, as is `M!name` when the module instantiated as M has no such name.
        /// </summary>
        public void Resolve(NameReference reference)
        {
            if (!module.ResolvesNames) return;
            if (reference.Path.Count == 0)
            {
                if (!Knows(reference.Name.Name)) throw UnknownOperator(reference.Name);
                return;
            }

            var first = reference.Path[0].Name;
            if (!Knows(first.Name)) throw UnknownOperator(first);
            if (reference.Path.Count == 1 && FindBound(first.Name) is null && module.Find(first.Name) is { Identity: ModuleDefinition instance }
                && IsIdentifier(reference.Name.Name) && !module.ExportsOf(instance.Instance.ModuleName.Name).ContainsKey(reference.Name.Name))
                throw new TlaSyntaxException(new Diagnostic(reference.Name.Span, $"Unknown operator: `{first.Name}!{reference.Name.Name}'."));
        }

        private bool Knows(string name) =>
            !IsIdentifier(name) || name is "BOOLEAN" or "STRING" || FindBound(name) is not null || module.Find(name) is not null
            || module.PendingRecursive(name) is not null;

        /// <summary>Operator symbols passed as arguments (`Fold(+, 0, s)`) are resolved by the compiler.</summary>
        private static bool IsIdentifier(string name) => name.Length > 0 && (char.IsLetterOrDigit(name[0]) || name[0] == '_');

        private static TlaSyntaxException UnknownOperator(Identifier name) =>
            new(new Diagnostic(name.Span, $"Unknown operator: `{name.Name}'."));

        public void BindRecursive(string name, SourceSpan span)
        {
            Bind(name, span);
            _recursive[name] = span;
        }

        /// <summary>A LET definition; it completes a RECURSIVE declaration made in the same LET.</summary>
        public void BindDefinition(string name, SourceSpan span)
        {
            if (_recursive.Remove(name)) return;
            Bind(name, span);
        }
    }
}
