using System.Numerics;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// Binds every name of a spec once and compiles expressions into <see cref="Expr"/> trees and
/// actions into <see cref="ActionNode"/> trees. Handles EXTENDS (with LOCAL), named, unnamed and
/// parameterized INSTANCEs with WITH substitutions, CONSTANTs from the cfg, LET, LAMBDA,
/// RECURSIVE and operator arguments. Unknown names are reported with their location in SANY's words.
/// </summary>
public sealed class Compiler
{
    private readonly IReadOnlyDictionary<string, Module> _modules;
    private readonly Dictionary<string, ModuleContext> _extendsContexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableSymbol> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstantSymbol> _constants = new(StringComparer.Ordinal);
    private readonly List<(Assumption Assumption, ModuleContext Context)> _assumptions = [];
    private readonly Dictionary<(CompiledOperator, bool), ActionNode> _actionBodies = new();
    private readonly HashSet<CompiledOperator> _inProgress = [];
    private readonly HashSet<CompiledOperator> _referencedWhileInProgress = [];

    public Compiler(Module root, IReadOnlyDictionary<string, Module> modules)
    {
        _modules = modules;
        Root = BuildExtendsContext(root, new HashSet<string>(StringComparer.Ordinal));
    }

    public ModuleContext Root { get; }

    /// <summary>
    /// Compiles every definition of the root module and of the modules it EXTENDS, so that an
    /// unknown name is reported even in a definition the model never uses (as SANY does).
    /// </summary>
    public void CompileAllDefinitions()
    {
        // A definition the cfg replaced is still checked (SANY checks it), though never used.
        foreach (var replaced in _replacedDefinitions)
        {
            if (replaced is DefinitionSymbol definition) CompileDefinition(definition);
            else if (replaced is FunctionSymbol function) CompileFunctionDefinition(function);
        }
        foreach (var context in _extendsContexts.Values)
        {
            foreach (var symbol in context.Names.Values.ToArray())
            {
                switch (symbol)
                {
                    case DefinitionSymbol definition when ReferenceEquals(definition.Context, context):
                        CompileDefinition(definition);
                        break;
                    case FunctionSymbol function when ReferenceEquals(function.Context, context):
                        CompileFunctionDefinition(function);
                        break;
                }
            }
        }
    }

    /// <summary>The variables in declaration order (EXTENDed modules first), as states store them.</summary>
    public IReadOnlyList<string> Variables => _variables.Values.OrderBy(static v => v.Index).Select(static v => v.Name).ToArray();

    public IReadOnlyDictionary<string, ConstantSymbol> Constants => _constants;

    public IReadOnlyList<(Assumption Assumption, ModuleContext Context)> Assumptions => _assumptions;

    // ───────────────────────────── cfg replacements ─────────────────────────────

    // Every module context built so far (extended, instantiated, their inner modules): a cfg
    // replacement reaches all of them, and contexts built later are patched as they are built.
    private readonly List<ModuleContext> _contexts = [];
    private readonly Dictionary<object, Symbol> _definitionReplacements = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Symbol> _builtinReplacements = new(StringComparer.Ordinal);
    private readonly List<Symbol> _replacedDefinitions = [];
    private readonly Dictionary<Symbol, Symbol> _symbolReplacements = new(ReferenceEqualityComparer.Instance);

    // Definitions replaced by a root-level entry (TLC changes the definition's node, not its body):
    // the copy `S!X` that a named INSTANCE of a module with parameters makes keeps the original.
    private readonly HashSet<Unit> _nodeReplacements = new(ReferenceEqualityComparer.Instance);

    // Contexts of instantiated modules that declare CONSTANTs or VARIABLEs: SANY copies their definitions.
    private readonly HashSet<ModuleContext> _instanceCopies = new(ReferenceEqualityComparer.Instance);

    // Contexts of named instances (and the modules they extend): SANY's S!X are nodes of their own.
    private readonly HashSet<ModuleContext> _namedInstances = new(ReferenceEqualityComparer.Instance);

    private static ModuleContext ContextOf(Symbol symbol) => symbol is DefinitionSymbol d ? d.Context : ((FunctionSymbol)symbol).Context;

    private bool DeclaresParameters(Module module, HashSet<string> seen)
    {
        if (!seen.Add(module.Name.Name)) return false;
        if (module.Units.Any(static u => u is ConstantsDeclaration or VariablesDeclaration)) return true;
        return module.Extends.Any(e => !Builtins.IsStandard(e.Name) && DeclaresParameters(LoadModule(e), seen));
    }

    /// <summary>
    /// Replaces a definition (a user definition, a recursive function or a standard-module operator
    /// such as Nat) by <paramref name="replacement"/> wherever it is used: in every module that
    /// EXTENDS or INSTANCEs the module defining it, as TLC does for cfg entries `X = v`, `X &lt;- Y`
    /// and their `[M]` forms. The definition is identified by its syntax node, so each instance
    /// of the module sees the replacement.
    /// </summary>
    public void Replace(Symbol original, Symbol replacement)
    {
        switch (original)
        {
            case DefinitionSymbol or FunctionSymbol when _instanceCopies.Contains(ContextOf(original)):
                // SANY gives a definition imported by an unnamed INSTANCE of a module with parameters
                // a node of its own: the replacement reaches the uses of this copy, not those inside the module.
                _replacedDefinitions.Add(original);
                _symbolReplacements[original] = replacement;
                foreach (var each in _contexts) Patch(each);
                break;
            case DefinitionSymbol definition:
                _replacedDefinitions.Add(original);
                _nodeReplacements.Add(definition.Definition);
                ReplaceDefinition(definition.Definition, replacement);
                break;
            case FunctionSymbol function:
                _replacedDefinitions.Add(original);
                _nodeReplacements.Add(function.Definition);
                ReplaceDefinition(function.Definition, replacement);
                break;
            case BuiltinSymbol builtin:
                ReplaceBuiltin(builtin.Name, replacement);
                break;
            default:
                throw new ArgumentException($"{original.Name} is not a definition", nameof(original));
        }
    }

    /// <summary>Replaces the definition written as <paramref name="definition"/> (an operator or function definition).</summary>
    public void ReplaceDefinition(Unit definition, Symbol replacement)
    {
        _definitionReplacements[definition] = replacement;
        foreach (var context in _contexts) Patch(context);
    }

    /// <summary>Replaces a standard-module operator (Nat, Seq, ...) in every module that sees it.</summary>
    public void ReplaceBuiltin(string name, Symbol replacement)
    {
        _builtinReplacements[name] = replacement;
        foreach (var context in _contexts) Patch(context);
    }

    private ModuleContext Track(ModuleContext context)
    {
        _contexts.Add(context);
        return context;
    }

    private ModuleContext Patch(ModuleContext context)
    {
        if (_definitionReplacements.Count == 0 && _builtinReplacements.Count == 0 && _symbolReplacements.Count == 0) return context;
        PatchNames(context, context.Names);
        PatchNames(context, context.Exports, copies: _instanceCopies.Contains(context) || _namedInstances.Contains(context));
        return context;
    }

    private void PatchNames(ModuleContext context, Dictionary<string, Symbol> names, bool copies = false)
    {
        foreach (var (name, symbol) in names.ToArray())
        {
            // A replaced copy keeps its meaning inside its own module (whose uses refer to the original).
            var copyReplacement = _symbolReplacements.TryGetValue(symbol, out var r) && !ReferenceEquals(ContextOf(symbol), context) ? r : null;
            var replacement = copyReplacement ?? symbol switch
            {
                DefinitionSymbol definition when !(copies && _nodeReplacements.Contains(definition.Definition)) =>
                    _definitionReplacements.GetValueOrDefault(definition.Definition),
                FunctionSymbol function when !(copies && _nodeReplacements.Contains(function.Definition)) =>
                    _definitionReplacements.GetValueOrDefault(function.Definition),
                BuiltinSymbol builtin => _builtinReplacements.GetValueOrDefault(builtin.Name),
                _ => null,
            };
            if (replacement is not null) names[name] = replacement;
        }
    }

    // ───────────────────────────── modules ─────────────────────────────

    private ModuleContext BuildExtendsContext(Module module, HashSet<string> visiting)
    {
        var name = module.Name.Name;
        if (_extendsContexts.TryGetValue(name, out var built)) return built;
        if (!visiting.Add(name))
            throw new CompileException(module.Name.Span, $"Circular dependency among modules: {name} extends itself.");
        var context = Track(new ModuleContext(name));
        Builtins.AddCore(context);
        foreach (var extended in module.Extends)
        {
            if (Builtins.AddStandardModule(context, extended.Name, exported: true)) continue;
            var other = LoadModule(extended);
            var otherContext = BuildExtendsContext(other, visiting);
            foreach (var (exportedName, symbol) in otherContext.Exports) context.Define(exportedName, symbol, exported: true);
        }
        foreach (var unit in module.Units) AddUnit(context, unit, declare: DeclareInExtendsTree);
        Library.LibraryOverrides.Apply(context, name);
        visiting.Remove(name);
        _extendsContexts[name] = context;
        return Patch(context);
    }

    private Symbol DeclareInExtendsTree(Syntax.SyntaxNode declaration)
    {
        switch (declaration)
        {
            case Identifier variable:
                if (!_variables.TryGetValue(variable.Name, out var v))
                    _variables[variable.Name] = v = new VariableSymbol(variable.Name, _variables.Count);
                return v;
            case DeclaredOperator constant:
                if (!_constants.TryGetValue(constant.Name, out var c))
                    _constants[constant.Name] = c = new ConstantSymbol(constant.Name, constant.Arity, constant.Span);
                return c;
            default:
                throw new InvalidOperationException();
        }
    }

    private void AddUnit(ModuleContext context, Unit unit, Func<Syntax.SyntaxNode, Symbol> declare)
    {
        switch (unit)
        {
            case ConstantsDeclaration constants:
                foreach (var c in constants.Constants) context.Define(c.Name, declare(c), exported: true);
                break;
            case VariablesDeclaration variables:
                foreach (var v in variables.Variables) context.Define(declare(v), exported: true);
                break;
            case OperatorDefinition definition:
                context.Define(new DefinitionSymbol(definition, context), exported: !definition.IsLocal);
                break;
            case FunctionDefinition function:
                context.Define(new FunctionSymbol(function, context), exported: !function.IsLocal);
                break;
            case ModuleDefinition instance:
                context.Define(new InstanceSymbol(instance, context), exported: !instance.IsLocal);
                break;
            case InstanceUnit instanceUnit:
            {
                var instanceContext = BuildInstanceContext(instanceUnit.Instance, Scope.Root(context, new FrameLayout(null)));
                foreach (var (_, symbol) in instanceContext.Exports)
                    if (symbol is not VariableSymbol and not ConstantSymbol and not SubstitutionSymbol)
                        context.Define(symbol, exported: !instanceUnit.IsLocal);
                break;
            }
            case Assumption assumption:
                if (!assumption.IsAxiom && !assumption.IsTheorem) _assumptions.Add((assumption, context));
                if (assumption.Name is not null) DefineStatement(context, assumption);
                break;
            case NestedModule nested:
                _nestedModules[nested.Module.Name.Name] = nested.Module;
                break;
        }
    }

    private readonly Dictionary<string, Module> _nestedModules = new(StringComparer.Ordinal);

    private void DefineStatement(ModuleContext context, Assumption assumption)
    {
        var statement = new OperatorDefinition(assumption.Span, assumption.Name!, [], assumption.Body, false);
        _statements.Add(statement);
        context.Define(new DefinitionSymbol(statement, context), exported: true);
    }

    // The definitions that name an ASSUME or THEOREM: `Name!:` selects their statement (SANY).
    private readonly HashSet<OperatorDefinition> _statements = new(ReferenceEqualityComparer.Instance);

    private Module LoadModule(Identifier name)
    {
        if (_modules.TryGetValue(name.Name, out var module)) return module;
        if (_nestedModules.TryGetValue(name.Name, out var nested)) return nested;
        throw new CompileException(name.Span, $"Cannot find source file for module {name.Name}.");
    }

    /// <summary>
    /// The context of `INSTANCE M WITH ...`: M's definitions, with each of M's constants and
    /// variables replaced by its substitution (or by the same name in the instantiating scope).
    /// </summary>
    private ModuleContext BuildInstanceContext(Instance instance, Scope instantiating, bool named = false)
    {
        var moduleName = instance.ModuleName.Name;
        var context = Track(new ModuleContext(moduleName));
        // SANY names the definitions of a named instance S!X: nodes of their own, whatever the module.
        if (named) _namedInstances.Add(context);
        Builtins.AddCore(context);
        if (Builtins.AddStandardModule(context, moduleName, exported: true)) return Patch(context);
        var module = LoadModule(instance.ModuleName);
        var substitutions = instance.Substitutions.ToDictionary(static s => s.Name.Name, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        Symbol Declare(Syntax.SyntaxNode declaration)
        {
            var (name, span) = declaration switch
            {
                Identifier id => (id.Name, id.Span),
                DeclaredOperator op => (op.Name, op.Span),
                _ => throw new InvalidOperationException(),
            };
            if (substitutions.TryGetValue(name, out var substitution))
            {
                used.Add(name);
                if (declaration is DeclaredOperator { Arity: > 0 } operatorConstant)
                    return OperatorSubstitution(operatorConstant, substitution.Value, instantiating);
                return new SubstitutionSymbol(name, substitution.Value, instantiating);
            }
            return instantiating.Lookup(name) ?? throw new CompileException(instance.Span,
                $"The INSTANCE of module {moduleName} does not substitute {name}, and there is no {name} here to stand for it.");
        }
        context.Origin = (instance, instantiating);
        AddInstanceModule(context, module, Declare, new HashSet<string>(StringComparer.Ordinal));
        foreach (var substitution in instance.Substitutions)
            if (!used.Contains(substitution.Name.Name))
                throw new CompileException(substitution.Span, $"Module {moduleName} has no CONSTANT or VARIABLE named {substitution.Name.Name}.");
        return Patch(context);
    }

    /// <summary>
    /// The same instance with every VARIABLE it substitutes replaced by a fresh variable, numbered
    /// from <paramref name="firstIndex"/> on: how TLC reads ENABLED inside an instantiated module
    /// (a primed substituted variable is a free abstract variable, an unprimed one its substitution).
    /// Null when the context is not an instance or substitutes no variable.
    /// </summary>
    public ModuleContext? WithFreshVariables(ModuleContext instanceContext, int firstIndex, out IReadOnlyList<(VariableSymbol Fresh, Expression Replacement, Scope Scope)> fresh)
    {
        fresh = [];
        if (instanceContext.Origin is not var (instance, instantiating)) return null;
        var module = LoadModule(instance.ModuleName);
        // Implicit substitutions count too: `INSTANCE M` with no WITH substitutes each variable of M by the
        // same name here, which may be a definition (EWD840's `terminationDetected` for TD's variable).
        // A variable standing for a variable of the same name needs no fresh copy.
        var explicitNames = instance.Substitutions.Select(s => s.Name.Name).ToHashSet(StringComparer.Ordinal);
        var declared = DeclaredVariables(module, []);
        var implicitVariables = declared
            .Where(v => !explicitNames.Contains(v.Name) && instantiating.Lookup(v.Name) is not (null or VariableSymbol))
            .Select(v => new Substitution(v.Span, v, new NameReference(instance.Span, v.Name)));
        var variables = instance.Substitutions.Where(s => declared.Any(v => v.Name == s.Name.Name)).Concat(implicitVariables).ToList();
        if (variables.Count == 0) return null;
        var scope = instantiating.Child();
        var list = new List<(VariableSymbol, Expression, Scope)>();
        foreach (var substitution in variables)
        {
            var symbol = new VariableSymbol(substitution.Name.Name, firstIndex + list.Count);
            scope.Add(symbol);
            list.Add((symbol, substitution.Value, instantiating));
        }
        fresh = list;
        var rest = instance.Substitutions.Where(s => !variables.Contains(s)).ToList();
        return BuildInstanceContext(instance with { Substitutions = rest }, scope);
    }

    private List<Identifier> DeclaredVariables(Module module, HashSet<string> visiting)
    {
        if (!visiting.Add(module.Name.Name)) return [];
        var own = module.Units.OfType<VariablesDeclaration>().SelectMany(d => d.Variables);
        return own.Concat(module.Extends.Where(e => !Builtins.IsStandard(e.Name)).SelectMany(e => DeclaredVariables(LoadModule(e), visiting))).ToList();
    }

    /// <summary>
    /// The operator that stands for an operator constant in `INSTANCE M WITH Leader &lt;- Op` (or
    /// `&lt;- LAMBDA r : ...`): uses of Leader(r) in M call it.
    /// </summary>
    private Symbol OperatorSubstitution(DeclaredOperator constant, Expression value, Scope instantiating)
    {
        switch (value)
        {
            case Lambda lambda:
            {
                if (lambda.Parameters.Count != constant.Arity)
                    throw new CompileException(lambda.Span, $"{constant.Name} takes {constant.Arity} arguments, but the LAMBDA substituted for it takes {lambda.Parameters.Count}.");
                var parameters = lambda.Parameters.Select(static p => new OperatorParameter(p.Span, p.Name, 0)).ToArray();
                return new DefinitionSymbol(new OperatorDefinition(lambda.Span, new Identifier(lambda.Span, constant.Name), parameters, lambda.Body, false),
                    instantiating.Module);
            }
            case NameReference { Arguments.Count: 0 } reference:
            {
                var symbol = ResolvePath(reference, instantiating);
                var arity = symbol switch
                {
                    DefinitionSymbol d => d.Definition.Parameters.Count,
                    LetOperatorSymbol l => l.Operator.Arity,
                    BuiltinSymbol b => b.Arity,
                    ConstantSymbol c => c.Arity,
                    _ => -1,
                };
                if (arity != constant.Arity)
                    throw new CompileException(reference.Span, $"{constant.Name} takes {constant.Arity} arguments, but {reference.Name.Name} is not an operator of {constant.Arity} arguments.");
                return symbol;
            }
            default:
                throw new CompileException(value.Span, $"An operator (a name or a LAMBDA) is expected to substitute for {constant.Name}.");
        }
    }

    private void AddInstanceModule(ModuleContext context, Module module, Func<Syntax.SyntaxNode, Symbol> declare, HashSet<string> visiting)
    {
        if (!visiting.Add(module.Name.Name)) return;
        if (DeclaresParameters(module, new HashSet<string>(StringComparer.Ordinal))) _instanceCopies.Add(context);
        foreach (var extended in module.Extends)
        {
            if (Builtins.AddStandardModule(context, extended.Name, exported: true)) continue;
            // An EXTENDed module of an instantiated module shares the instance's substitutions;
            // its definitions are compiled in a context of its own (its LOCALs stay private).
            var inner = Track(new ModuleContext(extended.Name) { Origin = context.Origin });
            if (_namedInstances.Contains(context)) _namedInstances.Add(inner);
            Builtins.AddCore(inner);
            AddInstanceModule(inner, LoadModule(extended), declare, visiting);
            Patch(inner);
            foreach (var (name, symbol) in inner.Exports) context.Define(name, symbol, exported: true);
        }
        foreach (var unit in module.Units)
        {
            // An instance's assumptions are not the model's, but their names (and theorems') are
            // definitions the instance exports (`P(S)!Lemma0`).
            if (unit is Assumption assumption)
            {
                if (assumption.Name is not null) DefineStatement(context, assumption);
                continue;
            }
            AddUnit(context, unit, declare);
        }
        Library.LibraryOverrides.Apply(context, module.Name.Name);
    }

    // ───────────────────────────── definitions ─────────────────────────────

    /// <summary>The compiled form of a module-level definition (cached per module context).</summary>
    public CompiledOperator CompileDefinition(DefinitionSymbol symbol)
    {
        if (symbol.Context.Compiled.TryGetValue(symbol.Definition, out var compiled)) return compiled;
        var definition = symbol.Definition;
        compiled = new CompiledOperator(definition.Name.Name, definition.Span, definition.Parameters.Count);
        symbol.Context.Compiled[definition] = compiled;
        var layout = new FrameLayout(null);
        CompileOperatorBody(compiled, definition.Parameters, definition.Body, Scope.Root(symbol.Context, layout).Child(layout), layout);
        return compiled;
    }

    public CompiledOperator CompileFunctionDefinition(FunctionSymbol symbol)
    {
        if (symbol.Context.Compiled.TryGetValue(symbol.Definition, out var compiled)) return compiled;
        var definition = symbol.Definition;
        compiled = new CompiledOperator(definition.Name.Name, definition.Span, 0);
        symbol.Context.Compiled[definition] = compiled;
        var layout = new FrameLayout(null);
        var scope = Scope.Root(symbol.Context, layout).Child(layout);
        CompileWithRecursion(compiled, () =>
        {
            var inner = scope.Child();
            var binders = CompileBinders(definition.Binders, inner, scope);
            return new FunctionConstructorExpr(definition.Span, binders, CompileExpr(definition.Body, inner), lazy: true);
        }, layout);
        return compiled;
    }

    private void CompileOperatorBody(CompiledOperator compiled, IReadOnlyList<OperatorParameter> parameters, Expression body, Scope scope, FrameLayout layout)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var slot = layout.Allocate();
            compiled.OperatorParameters[i] = p.Arity > 0;
            scope.Add(new LocalSymbol(p.Name, layout, slot, p.Arity > 0 ? LocalKind.Operator : LocalKind.Value, Levels.Constant) { Arity = p.Arity });
        }
        var randomBefore = _randomDraws;
        CompileWithRecursion(compiled, () => CompileExpr(body, scope), layout);
        compiled.DrawsRandom = _randomDraws != randomBefore;
    }

    /// <summary>
    /// Compiles a body that may refer to itself. A recursive reference needs the operator's level
    /// before it is known: the body is compiled assuming constant level, and again assuming state
    /// level if it turned out to depend on the state.
    /// </summary>
    private void CompileWithRecursion(CompiledOperator compiled, Func<Expr> compile, FrameLayout layout)
    {
        _inProgress.Add(compiled);
        compiled.ProvisionalLevel = Levels.Constant;
        try
        {
            var body = compile();
            if (_referencedWhileInProgress.Contains(compiled) && body.Level > Levels.Constant)
            {
                compiled.ProvisionalLevel = body.Level;
                body = compile();
            }
            compiled.Body = body;
            compiled.FrameSize = layout.Size;
        }
        finally
        {
            _inProgress.Remove(compiled);
        }
    }

    private void NoteReference(CompiledOperator op)
    {
        if (_inProgress.Contains(op)) _referencedWhileInProgress.Add(op);
    }

    // ───────────────────────────── expressions ─────────────────────────────

    // Counts compiled references to bound names; an expression during whose compilation it did not
    // move refers to no bound name, so at constant level its value never changes.
    private long _localReferences;

    // Counts compiled uses of random draws (RandomElement, or an operator that uses it): an
    // expression during whose compilation it moved must be evaluated each time, as TLC does.
    private long _randomDraws;

    public Expr CompileExpr(Expression expression, Scope scope)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new CompileException(expression.Span, "The expression is nested too deeply to be compiled.");
        var before = _localReferences;
        var randomBefore = _randomDraws;
        var compiled = CompileUncached(expression, scope);
        if (compiled.Level == Levels.Constant && _localReferences == before && _randomDraws == randomBefore && IsWorthCaching(compiled))
            return new CachedConstantExpr(compiled);
        return compiled;
    }

    private static bool IsWorthCaching(Expr expr) =>
        expr is not (ConstantExpr or ConstantDefinitionExpr or CachedConstantExpr or OperatorArgument or FailingExpr or TemporalExpr);

    private Expr CompileUncached(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case NumberLiteral n:
                if (n.Value < int.MinValue || n.Value > int.MaxValue)
                    throw new CompileException(n.Span, $"The number {n.Value} is outside TLC's range of integers (-2^31 .. 2^31-1).");
                return new ConstantExpr(n.Span, IntValue.Of((int)n.Value));
            case StringLiteral s:
                return new ConstantExpr(s.Span, StringValue.Of(s.Value));
            case BooleanLiteral b:
                return new ConstantExpr(b.Span, BoolValue.Of(b.Value));
            case DecimalLiteral d:
                return new FailingExpr(d.Span, $"TLC does not support real numbers ({d.Text}).");
            case NameReference reference:
                return CompileNameReference(reference, scope);
            case SubexpressionReference subexpression:
            {
                var (derived, call) = SubexpressionCall(subexpression, scope);
                return CompileReference(derived, call, scope);
            }
            case OperatorApplication application:
                return CompileApplication(application, scope);
            case JunctionList list:
            {
                var items = list.Items.Select(i => CompileExpr(i, scope)).ToArray();
                return list.Kind == JunctionKind.Conjunction ? new AndExpr(list.Span, items) : new OrExpr(list.Span, items);
            }
            case SetEnumeration set:
                return new SetEnumerationExpr(set.Span, set.Elements.Select(e => CompileExpr(e, scope)).ToArray());
            case TupleExpression tuple:
                return new TupleConstructorExpr(tuple.Span, tuple.Elements.Select(e => CompileExpr(e, scope)).ToArray());
            case SetFilter filter:
            {
                var inner = scope.Child();
                var binders = CompileBinders([filter.Binder], inner, scope);
                return new SetFilterExpr(filter.Span, binders, CompileExpr(filter.Predicate, inner));
            }
            case SetMap map:
            {
                var inner = scope.Child();
                var binders = CompileBinders(map.Binders, inner, scope);
                return new SetMapExpr(map.Span, binders, CompileExpr(map.Body, inner));
            }
            case FunctionConstructor constructor:
            {
                var inner = scope.Child();
                var binders = CompileBinders(constructor.Binders, inner, scope);
                return new FunctionConstructorExpr(constructor.Span, binders, CompileExpr(constructor.Body, inner), lazy: false);
            }
            case FunctionApplication application:
                return new FunctionApplicationExpr(application.Span, CompileExpr(application.Function, scope),
                    application.Arguments.Select(a => CompileExpr(a, scope)).ToArray());
            case FunctionSet functionSet:
                return new Builtin2Expr(functionSet.Span, ValueOps.FunctionSet,
                    CompileExpr(functionSet.Domain, scope), CompileExpr(functionSet.Range, scope));
            case RecordConstructor record:
                return new RecordConstructorExpr(record.Span, record.Fields.Select(static f => f.Name.Name).ToArray(),
                    record.Fields.Select(f => CompileExpr(f.Value, scope)).ToArray());
            case RecordSet recordSet:
            {
                var names = recordSet.Fields.Select(static f => f.Name.Name).ToArray();
                var sets = recordSet.Fields.Select(f => CompileExpr(f.Value, scope)).ToArray();
                return new BuiltinNExpr(recordSet.Span, (c, f, e) => ValueOps.RecordSet(
                    names.Select((n, i) => new KeyValuePair<string, Value>(n, e[i].Eval(c, f)))), sets, Expr.MaxLevel(sets));
            }
            case FieldAccess access:
                return new FieldAccessExpr(access.Span, CompileExpr(access.Record, scope), access.Field.Name);
            case Except except:
                return CompileExcept(except, scope);
            case ExceptAt at:
            {
                _localReferences++;
                if (scope.Lookup("@") is LocalSymbol atSymbol)
                    return new LocalExpr(at.Span, scope.Layout.DepthOf(atSymbol.Layout, at.Span), atSymbol.Slot, "@", atSymbol.Level);
                throw new CompileException(at.Span, "@ is used outside of an EXCEPT.");
            }
            case IfThenElse ite:
                return new IfExpr(ite.Span, CompileExpr(ite.Condition, scope), CompileExpr(ite.Then, scope), CompileExpr(ite.Else, scope));
            case Syntax.CaseExpression caseExpression:
                return new CaseExpr(caseExpression.Span,
                    caseExpression.Arms.Select(a => CompileExpr(a.Guard, scope)).ToArray(),
                    caseExpression.Arms.Select(a => CompileExpr(a.Value, scope)).ToArray(),
                    caseExpression.Other is null ? null : CompileExpr(caseExpression.Other, scope));
            case LetIn let:
            {
                var (inner, slots) = CompileLetDefinitions(let, scope);
                return new LetExpr(let.Span, slots, CompileExpr(let.Body, inner));
            }
            case Quantifier quantifier:
            {
                var inner = scope.Child();
                var binders = CompileBinders(quantifier.Binders, inner, scope);
                return new QuantifierExpr(quantifier.Span, quantifier.Kind == QuantifierKind.ForAll, binders, CompileExpr(quantifier.Body, inner));
            }
            case Syntax.Choose choose:
            {
                var inner = scope.Child();
                var binders = CompileBinders([choose.Binder], inner, scope);
                return new ChooseExpr(choose.Span, binders, CompileExpr(choose.Body, inner));
            }
            case Lambda lambda:
                throw new CompileException(lambda.Span, "A LAMBDA expression can only be an argument of an operator that expects an operator.");
            case BoxAction box:
            {
                var subscript = CompileExpr(box.Subscript, scope);
                return new OrExpr(box.Span, [CompileExpr(box.Action, scope), new EqualsExpr(box.Span, Primed(box.Span, subscript), subscript, negated: false)]);
            }
            case AngleAction angle:
            {
                var subscript = CompileExpr(angle.Subscript, scope);
                return new AndExpr(angle.Span, [CompileExpr(angle.Action, scope), new EqualsExpr(angle.Span, Primed(angle.Span, subscript), subscript, negated: true)]);
            }
            case LabeledExpression labeled:
                return CompileExpr(labeled.Body, scope);
            case Fairness fairness:
                return new TemporalExpr(fairness.Span);
            case TemporalQuantifier temporal:
                return new TemporalExpr(temporal.Span);
            default:
                throw new CompileException(expression.Span, $"TLC cannot evaluate this kind of expression ({expression.GetType().Name}).");
        }
    }

    private static Expr Primed(SourceSpan span, Expr inner) =>
        inner is VariableExpr v ? new PrimedVariableExpr(span, v.Index, v.Name) : new PrimeExpr(span, inner);

    private Expr CompileExcept(Except except, Scope scope)
    {
        var function = CompileExpr(except.Function, scope);
        var atSlot = -1;
        var paths = new Expr[except.Updates.Count][];
        var values = new Expr[except.Updates.Count];
        for (var u = 0; u < except.Updates.Count; u++)
        {
            var update = except.Updates[u];
            paths[u] = update.Path.Select(step => step switch
            {
                ExceptIndexStep index when index.Arguments.Count == 1 => CompileExpr(index.Arguments[0], scope),
                ExceptIndexStep index => new TupleConstructorExpr(index.Span, index.Arguments.Select(a => CompileExpr(a, scope)).ToArray()),
                ExceptFieldStep field => new ConstantExpr(field.Span, StringValue.Of(field.Field.Name)),
                _ => throw new CompileException(step.Span, "unsupported EXCEPT path step"),
            }).ToArray();
            if (ContainsAt(update.Value))
            {
                if (atSlot < 0) atSlot = scope.Layout.Allocate();
                var inner = scope.Child();
                inner.Add(new LocalSymbol("@", scope.Layout, atSlot, LocalKind.Value, function.Level));
                values[u] = CompileExpr(update.Value, inner);
            }
            else
            {
                values[u] = CompileExpr(update.Value, scope);
            }
        }
        return new ExceptExpr(except.Span, function, paths, values, atSlot);
    }

    // `@` belongs to the innermost EXCEPT; a nested EXCEPT's own @ does not count for the outer one.
    private static bool ContainsAt(SyntaxNode node) => node switch
    {
        ExceptAt => true,
        Except nested => ContainsAt(nested.Function) || nested.Updates.Any(u => u.Path.Any(ContainsAt)),
        _ => Children(node).Any(ContainsAt),
    };

    private static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        foreach (var property in node.GetType().GetProperties())
        {
            if (property.Name == nameof(SyntaxNode.Span)) continue;
            var value = property.GetValue(node);
            if (value is SyntaxNode child) yield return child;
            else if (value is System.Collections.IEnumerable list and not string)
                foreach (var item in list)
                    if (item is SyntaxNode listed) yield return listed;
        }
    }

    private BinderSet CompileBinders(IReadOnlyList<Binder> binders, Scope inner, Scope outer)
    {
        var groups = new BinderSet.Group[binders.Count];
        for (var i = 0; i < binders.Count; i++)
        {
            var binder = binders[i];
            var domain = binder.Domain is null ? null : CompileExpr(binder.Domain, outer);
            var level = domain?.Level ?? Levels.Constant;
            var slots = binder.Names.Select(_ => inner.Layout.Allocate()).ToArray();
            var elementSlot = binder.IsTuple ? inner.Layout.Allocate() : -1;
            for (var k = 0; k < slots.Length; k++)
                inner.Add(new LocalSymbol(binder.Names[k].Name, inner.Layout, slots[k], LocalKind.Value, level));
            groups[i] = new BinderSet.Group(slots, binder.IsTuple, domain, elementSlot, binder.Names.Select(static n => n.Name).ToArray());
        }
        return new BinderSet(groups);
    }

    private (Scope Inner, int[] Slots) CompileLetDefinitions(LetIn let, Scope scope)
    {
        var inner = scope.Child();
        var slots = new List<int>();
        var pending = new List<Action>();
        foreach (var unit in let.Definitions)
        {
            switch (unit)
            {
                case OperatorDefinition { Parameters.Count: 0 } definition:
                {
                    var slot = scope.Layout.Allocate();
                    slots.Add(slot);
                    var symbol = new LocalSymbol(definition.Name.Name, scope.Layout, slot, LocalKind.LetValue, Levels.Constant);
                    inner.Add(symbol);
                    symbol.LetDefinition = CompileExpr(definition.Body, inner);
                    break;
                }
                case OperatorDefinition definition:
                {
                    var op = new CompiledOperator(definition.Name.Name, definition.Span, definition.Parameters.Count) { NeedsParentFrame = true };
                    inner.Add(new LetOperatorSymbol(definition.Name.Name, op, scope.Layout)
                    {
                        Source = new OperatorSource(definition.Parameters, definition.Body, inner),
                    });
                    var layout = new FrameLayout(scope.Layout);
                    CompileOperatorBody(op, definition.Parameters, definition.Body, inner.Child(layout), layout);
                    break;
                }
                case FunctionDefinition function:
                {
                    var slot = scope.Layout.Allocate();
                    slots.Add(slot);
                    var symbol = new LocalSymbol(function.Name.Name, scope.Layout, slot, LocalKind.LetValue, Levels.Constant);
                    var bodyScope = inner.Child();
                    var binders = CompileBinders(function.Binders, bodyScope, inner);
                    // Inside its own body the function is the value being applied (f[n - 1] in
                    // f[n \in S] == ...), kept in a slot of the body's frame. Its level is the
                    // body's, which the self-reference cannot raise: constant is the right start.
                    var self = scope.Layout.Allocate();
                    var source = new LetFunctionSource(function.Body, bodyScope, binders, self);
                    bodyScope.Add(new LocalSymbol(function.Name.Name, scope.Layout, self, LocalKind.Value, Levels.Constant) { FunctionSource = source });
                    symbol.FunctionSource = source;
                    symbol.LetDefinition = new FunctionConstructorExpr(function.Span, binders, CompileExpr(function.Body, bodyScope), lazy: true, self);
                    inner.Add(symbol);
                    break;
                }
                case RecursiveDeclaration:
                    break;
                case ModuleDefinition instance:
                    inner.Add(new InstanceSymbol(instance, scope.Module));
                    break;
                default:
                    throw new CompileException(unit.Span, "This kind of definition is not allowed in a LET.");
            }
        }
        return (inner, slots.ToArray());
    }

    /// <summary>Compiles a LET's definitions into <paramref name="scope"/>'s frame; returns the scope of its body.</summary>
    public (Scope Inner, int[] Slots) CompileLetScope(LetIn let, Scope scope) => CompileLetDefinitions(let, scope);

    /// <summary>Compiles bound variables into <paramref name="inner"/>, their domains in <paramref name="outer"/>.</summary>
    public BinderSet CompileBinderSet(IReadOnlyList<Binder> binders, Scope inner, Scope outer) => CompileBinders(binders, inner, outer);

    private Expr CompileApplication(OperatorApplication application, Scope scope)
    {
        var span = application.Span;
        var operands = application.Operands;
        switch (application.Operator)
        {
            case "'":
                return Primed(span, CompileExpr(operands[0], scope));
            case "/\\":
                return new AndExpr(span, operands.Select(o => CompileExpr(o, scope)).ToArray());
            case "\\/":
                return new OrExpr(span, operands.Select(o => CompileExpr(o, scope)).ToArray());
            case "~":
                return new NotExpr(span, CompileExpr(operands[0], scope));
            case "=>":
                return new ImpliesExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope));
            case "<=>":
                return new EquivExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope));
            case "=":
                return new EqualsExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope), negated: false);
            case "/=":
                return new EqualsExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope), negated: true);
            case "\\in":
                return new InExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope), negated: false);
            case "\\notin":
                return new InExpr(span, CompileExpr(operands[0], scope), CompileExpr(operands[1], scope), negated: true);
            case "UNCHANGED":
            {
                var inner = CompileExpr(operands[0], scope);
                return new EqualsExpr(span, Primed(span, inner), inner, negated: false);
            }
            case "ENABLED":
                return new EnabledExpr(span, CompileAction(operands[0], scope, initial: false));
            case "\\X":
            {
                var factors = operands.Select(o => CompileExpr(o, scope)).ToArray();
                return new BuiltinNExpr(span, (c, f, e) => ValueOps.Product(e.Select(x => x.Eval(c, f)).ToArray()), factors, Expr.MaxLevel(factors));
            }
            case "[]" or "<>" or "~>" or "-+->":
                return new TemporalExpr(span);
            case "\\cdot" when scope.Lookup("\\cdot") is null:
                return new ComposeExpr((ComposeAction)CompileActionApplication(application, scope, initial: false));
        }
        if (application.Fixity == Fixity.Infix && operands.Count > 2) return CompileLeftFold(application, scope);
        return CompileNameReference(new NameReference(span, [], new Identifier(span, application.Operator), operands), scope);
    }

    /// <summary>
    /// A chain `a + b + c` (one n-ary node from the parser) means ((a + b) + c). A built-in operator
    /// folds without recursion, so chains of any length evaluate; any other operator is applied
    /// pairwise (deep chains of a user-defined operator stop at the compiler's nesting guard).
    /// </summary>
    private Expr CompileLeftFold(OperatorApplication application, Scope scope)
    {
        var name = application.Operator;
        var operands = application.Operands;
        if (scope.Lookup(name) is BuiltinSymbol { Arity: 2, AsOperator: { } builtin })
            return new LeftFoldExpr(builtin, operands.Select(o => o.Span).ToArray(), operands.Select(o => CompileExpr(o, scope)).ToArray());
        Expression nested = operands[0];
        for (var i = 1; i < operands.Count; i++)
        {
            var span = operands[0].Span.To(operands[i].Span);
            nested = new NameReference(span, [], new Identifier(span, name), [nested, operands[i]]);
        }
        return CompileExpr(nested, scope);
    }

    private Expr CompileNameReference(NameReference reference, Scope scope)
    {
        return CompileReference(ResolvePath(reference, scope), reference, scope);
    }

    /// <summary>The symbol a (possibly instance-qualified) name denotes in a scope.</summary>
    public Symbol ResolveName(NameReference reference, Scope scope) => ResolvePath(reference, scope);

    /// <summary>Resolves a (possibly instance-qualified) name to its symbol.</summary>
    private Symbol ResolvePath(NameReference reference, Scope scope)
    {
        var name = reference.Name.Name;
        if (reference.Path.Count == 0) return scope.Lookup(name) ?? throw Unknown(reference.Name.Span, name);
        var context = ResolveInstanceContext(reference.Path, scope);
        return context.Exports.GetValueOrDefault(name) ?? context.Names.GetValueOrDefault(name)
            ?? throw new CompileException(reference.Name.Span, $"Unknown operator: `{string.Join("!", reference.Path.Select(p => p.Name.Name))}!{name}'.");
    }

    private ModuleContext ResolveInstanceContext(IReadOnlyList<InstanceStep> path, Scope scope)
    {
        ModuleContext? context = null;
        foreach (var step in path)
        {
            var symbol = context is null ? scope.Lookup(step.Name.Name) : context.Names.GetValueOrDefault(step.Name.Name);
            if (symbol is not InstanceSymbol instance)
                throw new CompileException(step.Name.Span, $"Unknown module instance: `{step.Name.Name}'.");
            var definition = instance.Definition;
            if (definition.Parameters.Count != step.Arguments.Count)
                throw new CompileException(step.Span, $"The instance {step.Name.Name} takes {definition.Parameters.Count} arguments but is given {step.Arguments.Count}.");
            if (definition.Parameters.Count == 0)
            {
                if (!instance.Context.Instances.TryGetValue(definition, out var built))
                {
                    built = BuildInstanceContext(definition.Instance, Scope.Root(instance.Context, new FrameLayout(null)), named: true);
                    instance.Context.Instances[definition] = built;
                }
                context = built;
            }
            else
            {
                // A parameterized instance is expanded at the use site: each parameter stands for
                // the argument expression, compiled where the instance is used.
                var instantiating = Scope.Root(instance.Context, scope.Layout).Child();
                for (var i = 0; i < definition.Parameters.Count; i++)
                    instantiating.Add(new SubstitutionSymbol(definition.Parameters[i].Name, step.Arguments[i], scope));
                var firstNew = _contexts.Count;
                context = BuildInstanceContext(definition.Instance, instantiating, named: true);
                // Only where bound names are in scope: elsewhere the definitions compile (and
                // constant ones evaluate once) as any module's do. The modules the instance
                // EXTENDS got contexts of their own, which see the arguments too.
                if (scope.Layout.Size > 0 || scope.Layout.Parent is not null)
                    for (var i = firstNew; i < _contexts.Count; i++) _useSiteInstances[_contexts[i]] = scope.Layout;
            }
        }
        return context!;
    }

    /// <summary>
    /// `Def(a)!sel(e)` as the call `Def!sel(a, e)` of a definition derived from Def's body, defined
    /// (once) next to Def so that its names resolve where Def's do.
    /// </summary>
    private (DefinitionSymbol Derived, NameReference Call) SubexpressionCall(SubexpressionReference subexpression, Scope scope)
    {
        var reference = subexpression.Operator;
        if (ResolvePath(reference, scope) is not DefinitionSymbol definition)
            throw new CompileException(reference.Span, $"{reference.Name.Name} is not a defined operator, so it has no subexpressions.");
        var selectors = subexpression.Selectors;
        if (_statements.Contains(definition.Definition) && selectors[0].Kind == SelectorKind.LetBody && definition.Definition.Body is not LetIn)
            selectors = selectors.Skip(1).ToArray();
        if (selectors.Count == 0)
            return (definition, new NameReference(subexpression.Span, reference.Path, reference.Name, reference.Arguments));
        var derivedName = Subexpressions.DerivedName(definition.Name, selectors);
        if (definition.Context.Names.GetValueOrDefault(derivedName) is not DefinitionSymbol derivedSymbol)
        {
            var derived = Subexpressions.Derive(definition.Definition, selectors);
            derivedSymbol = new DefinitionSymbol(derived, definition.Context);
            definition.Context.Define(derivedSymbol, exported: definition.Context.Exports.ContainsKey(definition.Name));
        }

        // The call is compiled with the derived symbol itself: Def may come from an EXTENDed module,
        // whose later definitions the using module's names do not see.
        var arguments = reference.Arguments.Concat(selectors.SelectMany(static s => s.Arguments)).ToArray();
        return (derivedSymbol, new NameReference(subexpression.Span, reference.Path, new Identifier(reference.Name.Span, derivedName), arguments));
    }

    // The contexts of parameterized instances expanded at a use site (`P(x)!Def` with x bound
    // there), with the layout of that site: their arguments may be the site's bound names.
    private readonly Dictionary<ModuleContext, FrameLayout> _useSiteInstances = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<OperatorDefinition> _expandingUseSite = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A definition of an instance expanded at its use site runs in a frame whose parent is the
    /// site's (as a LET operator's), so the instance's arguments can read the site's bound names.
    /// </summary>
    private Expr CompileUseSiteDefinition(DefinitionSymbol definition, NameReference reference, Scope scope)
    {
        var parameters = definition.Definition.Parameters;
        ExpectArity(reference, parameters.Count);
        if (!_expandingUseSite.Add(definition.Definition))
            throw new CompileException(reference.Span, $"{definition.Name} is recursive through a parameterized INSTANCE whose arguments are bound names; this is not supported.");
        try
        {
            var op = new CompiledOperator(definition.Name, definition.Definition.Span, parameters.Count) { NeedsParentFrame = true };
            var layout = new FrameLayout(scope.Layout);
            CompileOperatorBody(op, parameters, definition.Definition.Body, Scope.Root(definition.Context, layout).Child(layout), layout);
            var args = CompileArguments(reference.Arguments, op.OperatorParameters, scope);
            return new CallExpr(reference.Span, op, args, 0, Math.Max(op.Level, Expr.MaxLevel(args)));
        }
        finally
        {
            _expandingUseSite.Remove(definition.Definition);
        }
    }

    private static CompileException Unknown(SourceSpan span, string name) => new(span, $"Unknown operator: `{name}'.");

    private Expr CompileReference(Symbol symbol, NameReference reference, Scope scope)
    {
        var span = reference.Span;
        var arguments = reference.Arguments;
        switch (symbol)
        {
            case VariableSymbol variable:
                ExpectArity(reference, 0);
                return new VariableExpr(span, variable.Index, variable.Name);
            case ConstantSymbol constant:
                if (constant.Replacement is not null) return CompileReference(constant.Replacement, reference, scope);
                ExpectArity(reference, 0);
                if (constant.Value is null)
                    throw new CompileException(span, $"The constant {constant.Name} is not assigned a value by the configuration.");
                return new ConstantExpr(span, constant.Value);
            case LocalSymbol local:
            {
                _localReferences++;
                var depth = scope.Layout.DepthOf(local.Layout, span);
                switch (local.Kind)
                {
                    case LocalKind.Operator:
                    {
                        // The level of the operator passed joins at the call that passes it (an
                        // OperatorArgument carries it), so here only the arguments count.
                        var parameterArguments = CompileArguments(arguments, null, scope);
                        return new ParameterCallExpr(span, depth, local.Slot, local.Name, parameterArguments, Expr.MaxLevel(parameterArguments));
                    }
                    case LocalKind.LetValue:
                        ExpectArity(reference, 0);
                        return new LetValueExpr(span, depth, local.Slot, local.LetDefinition
                            ?? throw new CompileException(span, $"{local.Name} is used in its own definition."));
                    default:
                        ExpectArity(reference, 0);
                        return new LocalExpr(span, depth, local.Slot, local.Name, local.Level);
                }
            }
            case LetOperatorSymbol letOperator:
            {
                _localReferences++;
                var op = letOperator.Operator;
                ExpectArity(reference, op.Arity);
                NoteReference(op);
                if (op.DrawsRandom) _randomDraws++;
                var args = CompileArguments(arguments, op.OperatorParameters, scope);
                return new CallExpr(span, op, args, scope.Layout.DepthOf(letOperator.DefiningLayout, span), Math.Max(op.Level, Expr.MaxLevel(args)));
            }
            case DefinitionSymbol definition when _useSiteInstances.ContainsKey(definition.Context):
                return CompileUseSiteDefinition(definition, reference, scope);
            case DefinitionSymbol definition:
            {
                // Whether this use draws at random depends on the operator, not on compiling it here.
                var randomBefore = _randomDraws;
                var op = CompileDefinition(definition);
                _randomDraws = randomBefore;
                ExpectArity(reference, op.Arity);
                NoteReference(op);
                if (op.Arity == 0 && op.Level == Levels.Constant && op.Body is not null && !_inProgress.Contains(op))
                    return new ConstantDefinitionExpr(span, op);
                if (op.DrawsRandom) _randomDraws++;
                if (op.Arity == 0)
                    return new InlineDefinitionExpr(span, op);
                var args = CompileArguments(arguments, op.OperatorParameters, scope);
                return new CallExpr(span, op, args, 0, Math.Max(op.Level, Expr.MaxLevel(args)));
            }
            case FunctionSymbol function:
            {
                var op = CompileFunctionDefinition(function);
                NoteReference(op);
                var value = op.Level == Levels.Constant && !_inProgress.Contains(op)
                    ? (Expr)new ConstantDefinitionExpr(span, op)
                    : new InlineDefinitionExpr(span, op);
                if (_inProgress.Contains(op) && op.ProvisionalLevel == Levels.Constant)
                    value = new ConstantDefinitionExpr(span, op);
                if (arguments.Count == 0) return value;
                return new FunctionApplicationExpr(span, value, arguments.Select(a => CompileExpr(a, scope)).ToArray());
            }
            case SubstitutionSymbol substitution when arguments.Count > 0:
            {
                // An operator constant (CONSTANT Leader(_)) for which the INSTANCE gives an operator.
                _localReferences++;
                var op = CompileOperatorArgument(substitution.Replacement, substitution.Scope.WithLayout(scope.Layout));
                var args = CompileArguments(arguments, null, scope);
                return new SubstitutedOperatorCallExpr(span, op, symbol.Name, args, Math.Max(Levels.State, Expr.MaxLevel(args)));
            }
            case SubstitutionSymbol substitution:
            {
                _localReferences++;
                var replaced = CompileExpr(substitution.Replacement, substitution.Scope.WithLayout(scope.Layout));
                ExpectArity(reference, 0);
                return replaced;
            }
            case BuiltinSymbol builtin:
            {
                ExpectArity(reference, builtin.Arity);
                if (builtin.DrawsRandom) _randomDraws++;
                return builtin.Build(span, CompileArguments(arguments, builtin.OperatorArguments, scope));
            }
            case InstanceSymbol:
                throw new CompileException(span, $"The module instance {symbol.Name} is used as a value.");
            default:
                throw Unknown(span, symbol.Name);
        }
    }

    private static void ExpectArity(NameReference reference, int arity)
    {
        if (reference.Arguments.Count != arity)
            throw new CompileException(reference.Span,
                $"The operator {reference.Name.Name} requires {arity} arguments, but is applied to {reference.Arguments.Count}.");
    }

    private Expr[] CompileArguments(IReadOnlyList<Expression> arguments, bool[]? operatorParameters, Scope scope)
    {
        var compiled = new Expr[arguments.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            var isOperator = operatorParameters is not null && i < operatorParameters.Length && operatorParameters[i];
            compiled[i] = isOperator ? CompileOperatorArgument(arguments[i], scope) : CompileExpr(arguments[i], scope);
        }
        return compiled;
    }

    private OperatorArgument CompileOperatorArgument(Expression argument, Scope scope)
    {
        switch (argument)
        {
            case Lambda lambda:
            {
                _localReferences++;
                var op = new CompiledOperator("LAMBDA", lambda.Span, lambda.Parameters.Count) { NeedsParentFrame = true };
                var layout = new FrameLayout(scope.Layout);
                CompileOperatorBody(op, lambda.Parameters.Select(static p => new OperatorParameter(p.Span, p.Name, 0)).ToArray(),
                    lambda.Body, scope.Child(layout), layout);
                return new DefinedOperatorArgument(lambda.Span, op, 0, op.Level);
            }
            case NameReference { Arguments.Count: 0 } reference:
            {
                // A constant the cfg overrides (`F <- MCF`) stands for the root module's MCF,
                // which need not be visible where the constant is used.
                var symbol = ResolvePath(reference, scope);
                while (symbol is ConstantSymbol { Replacement: { } replacement }) symbol = replacement;
                switch (symbol)
                {
                    case DefinitionSymbol definition:
                    {
                        var op = CompileDefinition(definition);
                        return new DefinedOperatorArgument(reference.Span, op, 0, _inProgress.Contains(op) ? Levels.State : op.Level);
                    }
                    case LetOperatorSymbol letOperator:
                        _localReferences++;
                        return new DefinedOperatorArgument(reference.Span, letOperator.Operator,
                            scope.Layout.DepthOf(letOperator.DefiningLayout, reference.Span), letOperator.Operator.Level);
                    case BuiltinSymbol { AsOperator: { } builtin }:
                        return new BuiltinOperatorArgument(reference.Span, builtin);
                    case LocalSymbol { Kind: LocalKind.Operator } parameter:
                        _localReferences++;
                        return new ParameterOperatorArgument(reference.Span, scope.Layout.DepthOf(parameter.Layout, reference.Span), parameter.Slot);
                    case SubstitutionSymbol substitution:
                        _localReferences++;
                        return CompileOperatorArgument(substitution.Replacement, substitution.Scope.WithLayout(scope.Layout));
                }
                throw new CompileException(reference.Span, $"{reference.Name.Name} is not an operator that can be passed as an argument.");
            }
            default:
                throw new CompileException(argument.Span, "An operator (a name or a LAMBDA) is expected as this argument.");
        }
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// <summary>
    /// Compiles an action (<paramref name="initial"/> false: primed variables are assigned) or an
    /// initial predicate (<paramref name="initial"/> true: unprimed variables are assigned).
    /// </summary>
    public ActionNode CompileAction(Expression expression, Scope scope, bool initial)
    {
        switch (expression)
        {
            case JunctionList list:
            {
                var items = list.Items.Select(i => CompileAction(i, scope, initial)).ToArray();
                return list.Kind == JunctionKind.Conjunction ? new ConjunctionAction(list.Span, items) : new DisjunctionAction(list.Span, items);
            }
            case OperatorApplication application:
                return CompileActionApplication(application, scope, initial);
            case IfThenElse ite:
                return new IfAction(ite.Span, CompileExpr(ite.Condition, scope),
                    CompileAction(ite.Then, scope, initial), CompileAction(ite.Else, scope, initial));
            case Syntax.CaseExpression caseExpression:
                return new CaseAction(caseExpression.Span,
                    caseExpression.Arms.Select(a => CompileExpr(a.Guard, scope)).ToArray(),
                    caseExpression.Arms.Select(a => CompileAction(a.Value, scope, initial)).ToArray(),
                    caseExpression.Other is null ? null : CompileAction(caseExpression.Other, scope, initial));
            case LetIn let:
            {
                var (inner, slots) = CompileLetDefinitions(let, scope);
                return new LetAction(let.Span, slots, CompileAction(let.Body, inner, initial));
            }
            case Quantifier { Kind: QuantifierKind.Exists } exists:
            {
                var inner = scope.Child();
                var binders = CompileBinders(exists.Binders, inner, scope);
                return new ExistsAction(exists.Span, binders, CompileAction(exists.Body, inner, initial));
            }
            case Quantifier { Kind: QuantifierKind.ForAll } forAll:
            {
                // TLC expands \A into the conjunction of its instances, each enumerated as an action:
                // a body with several satisfied disjuncts or \E witnesses yields one branch per
                // combination even when it assigns nothing. A body that cannot branch is one guard.
                var inner = scope.Child();
                var binders = CompileBinders(forAll.Binders, inner, scope);
                var body = CompileAction(forAll.Body, inner, initial);
                if (AsGuard(body) is { } condition)
                    return new GuardAction(new QuantifierExpr(forAll.Span, universal: true, binders, condition));
                return new ForAllAction(forAll.Span, binders, body);
            }
            case BoxAction box:
                return new DisjunctionAction(box.Span, [CompileAction(box.Action, scope, initial), CompileUnchanged(box.Subscript, scope)]);
            case AngleAction angle:
            {
                var subscript = CompileExpr(angle.Subscript, scope);
                return new ConjunctionAction(angle.Span, [CompileAction(angle.Action, scope, initial),
                    new GuardAction(new EqualsExpr(angle.Span, Primed(angle.Span, subscript), subscript, negated: true))]);
            }
            case NameReference reference:
                return CompileActionReference(reference, scope, initial);
            case FunctionApplication { Function: NameReference { Arguments.Count: 0, Path.Count: 0 } name, Arguments.Count: 1 } application
                when scope.Lookup(name.Name.Name) is LocalSymbol { FunctionSource: { } source } function && function.Layout == scope.Layout:
                // TLC enters the body of a function it has not tabulated (a LET-defined one is
                // evaluated lazily) as an action: f[e] branches as the body with x = e does.
                return new FunctionBodyAction(application.Span, CompileExpr(application.Function, scope),
                    CompileExpr(application.Arguments[0], scope), source.Binders, source.SelfSlot, LetFunctionAction(source, initial));
            case SubexpressionReference subexpression:
            {
                var (derived, call) = SubexpressionCall(subexpression, scope);
                return CompileActionReference(derived, call, scope, initial);
            }
            case LabeledExpression labeled:
                return CompileAction(labeled.Body, scope, initial);
            default:
                return new GuardAction(CompileExpr(expression, scope));
        }
    }

    /// <summary>The condition of an action that neither assigns nor branches (a guard, or a conjunction of guards).</summary>
    private static Expr? AsGuard(ActionNode node)
    {
        switch (node)
        {
            case GuardAction guard:
                return guard.Condition;
            case ConjunctionAction conjunction:
            {
                var conditions = new Expr[conjunction.Items.Count];
                for (var i = 0; i < conditions.Length; i++)
                    if ((conditions[i] = AsGuard(conjunction.Items[i])!) is null) return null;
                return new AndExpr(conjunction.Span, conditions);
            }
            default:
                return null;
        }
    }

    private ActionNode CompileActionApplication(OperatorApplication application, Scope scope, bool initial)
    {
        var span = application.Span;
        var operands = application.Operands;
        switch (application.Operator)
        {
            case "/\\":
                return new ConjunctionAction(span, operands.Select(o => CompileAction(o, scope, initial)).ToArray());
            case "\\/":
                return new DisjunctionAction(span, operands.Select(o => CompileAction(o, scope, initial)).ToArray());
            case "=" when scope.Lookup("=") is null or BuiltinSymbol:
            {
                var left = CompileExpr(operands[0], scope);
                var right = CompileExpr(operands[1], scope);
                if (!initial && left is PrimedVariableExpr primed) return new AssignAction(span, primed.Index, primed: true, right);
                if (initial && left is VariableExpr variable) return new AssignAction(span, variable.Index, primed: false, right);
                return new GuardAction(new EqualsExpr(span, left, right, negated: false));
            }
            case "\\in":
            {
                var left = CompileExpr(operands[0], scope);
                var right = CompileExpr(operands[1], scope);
                if (!initial && left is PrimedVariableExpr primed) return new MemberAction(span, primed.Index, primed: true, right);
                if (initial && left is VariableExpr variable) return new MemberAction(span, variable.Index, primed: false, right);
                return new GuardAction(new InExpr(span, left, right, negated: false));
            }
            case "UNCHANGED":
                return CompileUnchanged(operands[0], scope);
            case "\\cdot" when scope.Lookup("\\cdot") is null:
                if (initial) throw new CompileException(span, "Action composition (A \\cdot B) cannot be part of an initial predicate.");
                return new ComposeAction(span, CompileAction(operands[0], scope, initial), CompileAction(operands[1], scope, initial));
            case "=>":
            {
                var then = CompileAction(operands[1], scope, initial);
                return new ImpliesAction(span, CompileExpr(operands[0], scope), then);
            }
            // A user-defined operator written as an operator symbol (a \prec b) is entered as TLC
            // enters any defined operator used as an action: its disjuncts branch.
            case var name when operands.Count <= 2 && scope.Lookup(name) is DefinitionSymbol:
                return CompileActionReference(new NameReference(span, [], new Identifier(span, name), operands), scope, initial);
            default:
                return new GuardAction(CompileExpr(application, scope));
        }
    }

    /// <summary>UNCHANGED e: per variable when e is a variable, a tuple of them, or a name for one.</summary>
    private ActionNode CompileUnchanged(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case TupleExpression tuple:
                if (tuple.Elements.Count == 0) return new GuardAction(new ConstantExpr(tuple.Span, BoolValue.True));
                return new ConjunctionAction(tuple.Span, tuple.Elements.Select(e => CompileUnchanged(e, scope)).ToArray());
            case NameReference { Arguments.Count: 0 } reference:
            {
                var symbol = ResolvePath(reference, scope);
                switch (symbol)
                {
                    case VariableSymbol variable:
                        return new UnchangedAction(reference.Span, variable.Index);
                    case DefinitionSymbol { Definition.Parameters.Count: 0 } definition:
                        return CompileUnchanged(definition.Definition.Body, Scope.Root(definition.Context, scope.Layout).WithLayout(scope.Layout));
                    case SubstitutionSymbol substitution:
                        return CompileUnchanged(substitution.Replacement, substitution.Scope.WithLayout(scope.Layout));
                }
                break;
            }
        }
        var compiled = CompileExpr(expression, scope);
        return new GuardAction(new EqualsExpr(expression.Span, Primed(expression.Span, compiled), compiled, negated: false));
    }

    private ActionNode CompileActionReference(NameReference reference, Scope scope, bool initial) =>
        CompileActionReference(ResolvePath(reference, scope), reference, scope, initial);

    private ActionNode CompileActionReference(Symbol symbol, NameReference reference, Scope scope, bool initial)
    {
        switch (symbol)
        {
            case DefinitionSymbol definition:
            {
                var op = CompileDefinition(definition);
                ExpectArity(reference, op.Arity);
                var parameters = definition.Definition.Parameters;
                if (NeedsExpansion(parameters, reference.Arguments, scope))
                    return ExpandedCall(reference, op, new OperatorSource(parameters, definition.Definition.Body,
                        Scope.Root(definition.Context, scope.Layout)), scope, initial);
                var body = ActionBody(op, definition, initial);
                if (op.Arity == 0) return new InlineAction(reference.Span, op.FrameSize, body);
                var call = (CallExpr)CompileReference(symbol, reference, scope);
                return new CallAction(call, body);
            }
            case LetOperatorSymbol { Source: { } source } letOperator
                when NeedsExpansion(source.Parameters, reference.Arguments, scope):
                ExpectArity(reference, letOperator.Operator.Arity);
                return ExpandedCall(reference, letOperator.Operator, source, scope, initial);
            case SubstitutionSymbol substitution:
                return CompileAction(substitution.Replacement, substitution.Scope.WithLayout(scope.Layout), initial);
            case ConstantSymbol { Replacement: { } replacement }:
                // The cfg's `F <- MCF` names the root module's MCF, resolved there, not where F is used.
                return CompileActionReference(replacement, reference, scope, initial);
            default:
                return new GuardAction(CompileReference(symbol, reference, scope));
        }
    }

    // Operators being expanded at a call site right now: an expansion that reaches itself again
    // would never end (TLC cannot enumerate such a recursive action either).
    private readonly HashSet<CompiledOperator> _expanding = [];

    /// <summary>
    /// Whether a call used as an action must be expanded at its call site, as TLC does (it
    /// substitutes the arguments into the body): when an argument is an operator, or refers to the
    /// state (a variable, which the body may prime or assign: `Inc(v) == v' = v + 1`) or to the
    /// next state (an action: `NoStutter(A) == A /\ vars' # vars`). A call with constant arguments
    /// keeps the body compiled once, with the parameters as values.
    /// </summary>
    private bool NeedsExpansion(IReadOnlyList<OperatorParameter> parameters, IReadOnlyList<Expression> arguments, Scope scope)
    {
        if (parameters.Count != arguments.Count) return false;
        // The arguments are compiled only to learn their level: into a scratch layout, so that
        // the slots they bind do not enlarge the caller's frames.
        var probe = scope.WithLayout(new FrameLayout(scope.Layout));
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Arity > 0) return true;
            if (arguments[i] is Lambda) return false;
            if (CompileExpr(arguments[i], probe).Level >= Levels.State) return true;
        }
        return false;
    }

    /// <summary>
    /// A call used as an action, expanded at the call site: the body is compiled into the caller's
    /// frame with each value parameter standing for its argument expression (call by name, so
    /// `v'` is the primed argument and `v' = e` assigns it) and each operator parameter standing
    /// for the operator passed.
    /// </summary>
    private ActionNode ExpandedCall(NameReference reference, CompiledOperator op, OperatorSource source, Scope scope, bool initial)
    {
        if (!_expanding.Add(op))
            throw new CompileException(reference.Span,
                $"{reference.Name.Name} is a recursive operator used as an action with variables or actions as arguments; TLC cannot enumerate its successors.");
        try
        {
            var body = source.DefiningScope.WithLayout(scope.Layout);
            for (var i = 0; i < source.Parameters.Count; i++)
            {
                var parameter = source.Parameters[i];
                var argument = reference.Arguments[i];
                if (parameter.Arity > 0) body.Add(parameter.Name, OperatorArgumentSymbol(argument, parameter, scope));
                else body.Add(new SubstitutionSymbol(parameter.Name, argument, scope));
            }
            return CompileAction(source.Body, body, initial);
        }
        finally
        {
            _expanding.Remove(op);
        }
    }

    /// <summary>The symbol an operator parameter stands for when its call is expanded.</summary>
    private Symbol OperatorArgumentSymbol(Expression argument, OperatorParameter parameter, Scope scope)
    {
        switch (argument)
        {
            case Lambda lambda:
            {
                _localReferences++;
                var parameters = lambda.Parameters.Select(static p => new OperatorParameter(p.Span, p.Name, 0)).ToArray();
                var op = new CompiledOperator("LAMBDA", lambda.Span, parameters.Length) { NeedsParentFrame = true };
                var layout = new FrameLayout(scope.Layout);
                CompileOperatorBody(op, parameters, lambda.Body, scope.Child(layout), layout);
                return new LetOperatorSymbol(parameter.Name, op, scope.Layout) { Source = new OperatorSource(parameters, lambda.Body, scope) };
            }
            case NameReference { Arguments.Count: 0 } reference:
            {
                var symbol = ResolvePath(reference, scope);
                if (symbol is DefinitionSymbol or LetOperatorSymbol or BuiltinSymbol or LocalSymbol { Kind: LocalKind.Operator })
                    return symbol;
                if (symbol is ConstantSymbol { Replacement: { } replacement }) return replacement;
                throw new CompileException(reference.Span, $"{reference.Name.Name} is not an operator that can be passed as an argument.");
            }
            default:
                throw new CompileException(argument.Span, "An operator (a name or a LAMBDA) is expected as this argument.");
        }
    }

    private readonly Dictionary<(LetFunctionSource, bool), DeferredAction> _letFunctionBodies = new();

    /// <summary>The body of a LET-defined function compiled as an action, once per mode (it may apply itself).</summary>
    private ActionNode LetFunctionAction(LetFunctionSource source, bool initial)
    {
        if (_letFunctionBodies.TryGetValue((source, initial), out var known)) return known;
        var deferred = new DeferredAction(source.Body.Span);
        _letFunctionBodies[(source, initial)] = deferred;
        deferred.Target = CompileAction(source.Body, source.BodyScope, initial);
        return deferred;
    }

    /// <summary>The body of a defined operator compiled as an action, once per operator and mode.</summary>
    public ActionNode ActionBody(CompiledOperator op, DefinitionSymbol definition, bool initial)
    {
        if (_actionBodies.TryGetValue((op, initial), out var body)) return body;
        var layout = new FrameLayout(null);
        var scope = Scope.Root(definition.Context, layout).Child(layout);
        foreach (var p in definition.Definition.Parameters)
            scope.Add(new LocalSymbol(p.Name, layout, layout.Allocate(), p.Arity > 0 ? LocalKind.Operator : LocalKind.Value, Levels.Constant) { Arity = p.Arity });
        // Placeholder while compiling guards against a recursive action (which TLC cannot enumerate either).
        _actionBodies[(op, initial)] = new GuardAction(new ConstantExpr(definition.Definition.Span, BoolValue.False));
        body = CompileAction(definition.Definition.Body, scope, initial);
        _actionBodies[(op, initial)] = body;
        // The action form may bind more slots than the expression form: the frame must fit both.
        if (layout.Size > op.FrameSize) op.FrameSize = layout.Size;
        return body;
    }
}

/// <summary>
/// A constant-level expression that refers to no bound name (SUBSET Node, Cardinality(Procs) in
/// an operator body): computed on first use and kept, as TLC pre-evaluates constant expressions.
/// </summary>
public sealed class CachedConstantExpr(Expr inner) : Expr(inner.Span, Levels.Constant)
{
    private Value? _value;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var known = Volatile.Read(ref _value);
        if (known is not null) return known;
        var computed = inner.Eval(context, frame);
        Interlocked.CompareExchange(ref _value, computed, null);
        return _value!;
    }
}

/// <summary>An expression TLC cannot evaluate (a real number): an error only if it is evaluated.</summary>
public sealed class FailingExpr(SourceSpan span, string message) : Expr(span, Levels.Constant)
{
    public override Value Eval(EvalContext context, Frame? frame) => throw new EvaluationException(message, Span);
}

/// <summary>A temporal formula: only the liveness checker interprets it.</summary>
public sealed class TemporalExpr(SourceSpan span) : Expr(span, Levels.Temporal)
{
    public override Value Eval(EvalContext context, Frame? frame) =>
        throw new EvaluationException("TLC cannot evaluate a temporal formula as a value here.", Span);
}
