using Verification.Tla.Config;
using Verification.Tla.Evaluation;
using Verification.Tla.Semantics;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>A problem with the model (the cfg against the spec) found before any state is computed.</summary>
public sealed class ModelSetupException(CheckOutcome outcome, string message, SourceSpan span) : Exception(message)
{
    public CheckOutcome Outcome { get; } = outcome;

    public SourceSpan Span { get; } = span;

    public override string ToString() => Span.IsNone ? Message : $"{Span.ToShortString()}: {Message}";
}

/// <summary>One action of the next-state relation as TLC splits it, with its printed label.</summary>
public sealed record SplitAction(string Name, SourceSpan Span, ActionNode Node, Frame? Frame)
{
    /// <summary>TLC's label: "Next line 12, col 9 to line 13, col 21 of module M".</summary>
    public string Label => $"{Name} {Span.ToTlcString()}";
}

/// <summary>
/// A spec with its cfg, compiled: the transition system the search explores. States are arrays of
/// values, one per variable in declaration order.
/// </summary>
public sealed class TlaModel : ITransitionSystem<Value[]>
{
    private readonly Compiler _compiler;
    private readonly CompiledSpec _spec;
    private readonly ActionNode _init;
    private readonly List<SplitAction> _actions = [];
    private readonly List<(string Name, Expr Expr)> _invariants = [];
    // Per invariant and state constraint, what evaluates it with less work (see StatePredicate).
    private readonly List<StatePredicate> _invariantPredicates = [];
    private readonly List<StatePredicate> _constraintPredicates = [];
    private readonly List<(string Name, Expr Expr)> _initialProperties = [];
    private readonly List<(string Name, Expr Expr)> _actionProperties = [];
    private readonly List<Expr> _constraints = [];
    private readonly List<Expr> _actionConstraints = [];
    private readonly Expr? _view;
    private readonly Expr? _alias;
    private readonly SymmetryGroup? _symmetry;
    private readonly List<string> _warnings = [];
    private readonly ModelValueRegistry _modelValues = new();

    public TlaModel(LoadedSpec loaded, TlcConfig config)
    {
        var modules = loaded.Modules.ToDictionary(static m => m.Name.Name, StringComparer.Ordinal);
        foreach (var name in config.ModelValues) _modelValues.Get(name);
        _compiler = new Compiler(loaded.Root, modules);
        BindConstants(config, modules);
        Compile(() =>
        {
            _compiler.CompileAllDefinitions();
            return this;
        });
        _spec = new CompiledSpec(_compiler.Variables);
        Variables = _compiler.Variables;
        var constantContext = new EvalContext(_spec);
        CheckDeadlockFromConfig = config.CheckDeadlock ?? true;

        Expression initExpression;
        Expression nextExpression;
        // The module whose names Init and Next are written in: the root's, or an instance's when
        // SPECIFICATION names I!Spec (Spec == I!Spec), whose substitutions then apply.
        var actionContext = _compiler.Root;
        Scope rootScope = Scope.Root(_compiler.Root, new FrameLayout(null));
        if (config.Specification is { } specName)
        {
            var (init, next, specContext) = SplitSpecification(LookupDefinition(specName), specName);
            initExpression = init;
            nextExpression = next;
            actionContext = specContext;
        }
        else if (config.Init is null && config.Next is null && Variables.Count == 0 && config.Invariants.Count == 0 && config.Properties.Count == 0)
        {
            // A constant-only model (no VARIABLES, a cfg without INIT/NEXT): TLC evaluates the
            // ASSUMEs and reports success with no state at all.
            initExpression = new BooleanLiteral(SourceSpan.None, false);
            nextExpression = new BooleanLiteral(SourceSpan.None, false);
            HasNoStates = true;
        }
        else
        {
            if (config.Init is null) throw Setup(CheckOutcome.ConfigError, "The configuration names neither SPECIFICATION nor INIT.", SourceSpan.None);
            if (config.Next is null) throw Setup(CheckOutcome.ConfigError, "The configuration names neither SPECIFICATION nor NEXT.", config.Init.Span);
            initExpression = new NameReference(config.Init.Span, [], new Identifier(config.Init.Span, config.Init.Name), []);
            LookupDefinition(config.Init);
            LookupDefinition(config.Next);
            nextExpression = new NameReference(config.Next.Span, [], new Identifier(config.Next.Span, config.Next.Name), []);
        }
        var initLayout = new FrameLayout(null);
        _init = Compile(() => _compiler.CompileAction(initExpression, Scope.Root(actionContext, initLayout).Child(initLayout), initial: true));
        InitFrameSize = initLayout.Size;
        Compile(() => SplitNext(nextExpression, actionContext, constantContext));

        foreach (var name in config.Invariants)
        {
            var invariant = Compile(() => CompileNamed(name, rootScope, Levels.State, "invariant"));
            _invariants.Add((name.Name, invariant));
            _invariantSources.Add(new InvariantSource(new NameReference(name.Span, name.Name), _compiler.Root, Exact: true));
            _invariantPredicates.Add(Predicate(name, invariant));
        }
        foreach (var name in config.Constraints)
        {
            var constraint = Compile(() => CompileNamed(name, rootScope, Levels.State, "constraint"));
            _constraints.Add(constraint);
            _constraintPredicates.Add(Predicate(name, constraint));
        }
        foreach (var name in config.ActionConstraints)
            _actionConstraints.Add(Compile(() => CompileNamed(name, rootScope, Levels.Action, "action constraint")));
        foreach (var name in config.Properties) Compile(() => ClassifyProperty(name, constantContext));
        if (config.View is { } view) _view = Compile(() => CompileNamed(view, rootScope, Levels.State, "view"));
        if (config.Alias is { } alias) _alias = Compile(() => CompileNamed(alias, rootScope, Levels.Action, "alias"));
        if (config.Symmetry is { } symmetry)
        {
            var value = Compile(() => CompileNamed(symmetry, rootScope, Levels.Constant, "symmetry set")).Eval(constantContext, null);
            try
            {
                _symmetry = SymmetryGroup.FromSet(value);
            }
            catch (EvalException e)
            {
                throw Setup(CheckOutcome.ConfigError, e.Message, symmetry.Span);
            }
        }
        if (config.Postcondition is { } postcondition)
            Postcondition = (postcondition.Name, Compile(() => CompileNamed(postcondition, rootScope, Levels.State, "postcondition")));
        RememberStateDefinitions();
    }

    /// <summary>
    /// Gives the definitions without parameters that the root module sees, that read the state and
    /// enumerate a set (a quantifier, a set filter, SUBSET), the variables they read
    /// (<see cref="CompiledOperator.StateReads"/>), so that their values are remembered by the values
    /// of those variables: `Serializable'` evaluated for every candidate `opOrder'` computes
    /// `totalOpOrder'` once per `opQ'`. Only where the reads are known from the syntax (nothing
    /// through an instance, no TLCGet, no random choice, no file or output).
    /// </summary>
    private void RememberStateDefinitions()
    {
        var env = Liveness.FormulaEnv.Of(_compiler.Root);
        foreach (var (name, symbol) in _compiler.Root.Names)
        {
            if (symbol is not DefinitionSymbol { Definition.Parameters.Count: 0 } definition) continue;
            if (!definition.Context.Compiled.TryGetValue(definition.Definition, out var op)) continue;
            if (op.Body is null || op.Level != Levels.State || !op.Iterates || op.DrawsRandom || op.TouchesWorld || op.NeedsParentFrame) continue;
            op.StateReads = Liveness.AtomVariables.Of(new NameReference(definition.Definition.Span, name), env);
        }
    }

    public IReadOnlyList<string> Variables { get; }

    /// <summary>A constant-only model: no initial predicate and no next-state relation.</summary>
    public bool HasNoStates { get; }

    public bool CheckDeadlockFromConfig { get; }

    public int InitFrameSize { get; }

    public (string Name, Expr Expr)? Postcondition { get; }

    /// <summary>PROPERTY conjuncts this checker does not check (temporal formulas other than [][A]_v).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<SplitAction> Actions => _actions;

    public IReadOnlyList<string> ActionLabels => _actions.Select(static a => a.Label).ToArray();

    // The search reads these in its per-state loops: built once (the lists are complete after construction).
    public IReadOnlyList<string> InvariantNames => _invariantNames ??= _invariants.Select(static i => i.Name).ToArray();

    public IReadOnlyList<string> ActionPropertyNames => _actionPropertyNames ??= _actionProperties.Select(static i => i.Name).ToArray();

    public IReadOnlyList<string> InitialPropertyNames => _initialPropertyNames ??= _initialProperties.Select(static i => i.Name).ToArray();

    private string[]? _invariantNames;

    /// <summary>
    /// Where invariant number i is written, for finding the variables it reads: the formula, the
    /// module its names are resolved in, and whether that is all it reads (false when names bound
    /// outside the formula, such as the arguments of an operator it was taken from, are read too).
    /// </summary>
    internal sealed record InvariantSource(Expression Formula, ModuleContext Module, bool Exact);

    private readonly List<InvariantSource> _invariantSources = [];

    internal IReadOnlyList<InvariantSource> InvariantSources => _invariantSources;
    private string[]? _actionPropertyNames;
    private string[]? _initialPropertyNames;

    public IStateExplorer<Value[]> CreateExplorer() => new Explorer(this);

    /// <summary>Where Print and PrintT write (TLC prints them as it evaluates); null discards.</summary>
    public TextWriter? PrintOutput { get; set; }

    public EvalContext NewContext() =>
        new(_spec) { PrintOutput = PrintOutput, ModelValues = _modelValues, RunInfo = RunInfo, Registers = _assumptionRegisters.Copy() };

    // TLCSet in an ASSUME sets the register of every worker (TLC's setAllValues): workers start from these.
    private readonly Library.TlcRegisters _assumptionRegisters = new();

    /// <summary>What TLCGet("config") reports; the checker sets it from its options before searching.</summary>
    public Library.TlcRunInfo RunInfo { get; set; } = Library.TlcRunInfo.Default;

    /// <summary>Checks the ASSUMEs; returns the span of the first one that is false, or null.</summary>
    public SourceSpan? FirstFailedAssumption()
    {
        var context = NewContext();
        context.Registers = _assumptionRegisters;
        foreach (var (assumption, moduleContext) in _compiler.Assumptions)
        {
            var layout = new FrameLayout(null);
            var expr = Compile(() => _compiler.CompileExpr(assumption.Body, Scope.Root(moduleContext, layout).Child(layout)));
            var holds = expr.EvalBool(context, layout.Size == 0 ? null : new Frame(layout.Size, null));
            if (!holds) return assumption.Body.Span;
        }
        return null;
    }

    /// <summary>True when the cfg names an ALIAS: traces then show its fields instead of the variables.</summary>
    public bool HasAlias => _alias is not null;

    /// <summary>The state as TLC prints it in a trace: the ALIAS's fields when there is one.</summary>
    public IReadOnlyList<(string Name, Value Value)> Describe(Value[] state, Value[]? next)
    {
        if (_alias is null) return Variables.Select((v, i) => (v, state[i])).ToArray();
        var context = NewContext();
        context.Current = state;
        context.Next = next ?? state;
        var value = _alias.Eval(context, null);
        if (value is FunctionValue { IsRecord: true } record)
        {
            var fields = new List<(string, Value)>();
            for (var i = 0; i < record.Count; i++) fields.Add((((StringValue)record.DomainElements[i]).Value, record.Values[i]));
            return fields;
        }
        return [("alias", value)];
    }

    private static T Compile<T>(Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (CompileException e)
        {
            throw new ModelSetupException(CheckOutcome.SpecError, e.Message, e.Span);
        }
    }

    private static ModelSetupException Setup(CheckOutcome outcome, string message, SourceSpan span) => new(outcome, message, span);

    /// <summary>
    /// The CONSTANTS section as TLC's SpecProcessor applies it: first the values (to CONSTANTs, to
    /// definitions visible in the root module — `Nil = Nil` makes the definition Nil a model value —
    /// and, with `[M]`, to definitions of module M), then the overrides `X &lt;- Y` (Y a definition
    /// or constant of the root module; X a CONSTANT, a definition the root module sees, including
    /// those of EXTENDed and standard modules, or with `[M]` a definition of module M). A
    /// replaced definition is replaced everywhere it is used, instances included. Like TLC, a value
    /// for a name the spec neither declares nor defines is ignored; an override of one is an error.
    /// </summary>
    private void BindConstants(TlcConfig config, IReadOnlyDictionary<string, Module> modules)
    {
        foreach (var assignment in config.Constants.OfType<ConstantAssignment>())
        {
            if (assignment.Module is { } moduleName)
            {
                if (FindInModule(moduleName, assignment, modules) is { } found)
                    Replace(found, ValueSymbol(assignment), assignment);
                continue;
            }
            switch (_compiler.Root.Names.GetValueOrDefault(assignment.Name))
            {
                case ConstantSymbol constant:
                    constant.Value = Convert(assignment.Value);
                    break;
                case DefinitionSymbol or FunctionSymbol or BuiltinSymbol when !IsInfixOperator(assignment.Name):
                    var definition = _compiler.Root.Names[assignment.Name];
                    if (ArityOf(definition) != 0)
                        throw Setup(CheckOutcome.ConfigError, $"The configuration assigns a value to {assignment.Name}, which takes arguments.", assignment.Span);
                    _compiler.Replace(definition, ValueSymbol(assignment));
                    break;
            }
        }

        // As TLC's table of overrides: a later line for the same name (and module) wins.
        var overrides = config.Constants.OfType<ConstantOverride>()
            .GroupBy(static o => (o.Module, o.Name)).Select(static g => g.Last()).ToArray();
        var overridden = overrides.Where(static o => o.Module is null).Select(static o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var replacement in overrides.Where(static o => o.Module is null))
        {
            if (overridden.Contains(replacement.Operator))
                throw Setup(CheckOutcome.ConfigError, $"In the configuration file, the identifier {replacement.Operator} appears on the right-hand side of a <- after already appearing on the left-hand side of one.", replacement.Span);
            var target = RootOperand(replacement);
            switch (_compiler.Root.Names.GetValueOrDefault(replacement.Name))
            {
                case ConstantSymbol constant:
                    ExpectSameArity(constant.Arity, target, replacement);
                    constant.Replacement = target;
                    break;
                case (DefinitionSymbol or FunctionSymbol or BuiltinSymbol) and var definition:
                    ExpectSameArity(ArityOf(definition), target, replacement);
                    _compiler.Replace(definition, target);
                    break;
                default:
                    throw Setup(CheckOutcome.ConfigError, $"In the configuration file, the identifier {replacement.Name} does not appear in the specification.", replacement.Span);
            }
        }
        foreach (var replacement in overrides.Where(static o => o.Module is not null))
        {
            if (!modules.ContainsKey(replacement.Module!) && !StandardModules.IsStandard(replacement.Module!))
                throw Setup(CheckOutcome.ConfigError, $"In the configuration file, the module name {replacement.Module} is not a module in the specification.", replacement.Span);
            var target = RootOperand(replacement);
            var found = FindInModule(replacement.Module!, replacement, modules)
                ?? throw Setup(CheckOutcome.ConfigError, $"In the configuration file, the identifier {replacement.Name} does not appear in the specification.", replacement.Span);
            ExpectSameArity(found.Arity, target, replacement);
            Replace(found, target, replacement);
        }

        foreach (var (name, constant) in _compiler.Constants)
            if (constant.Value is null && constant.Replacement is null)
                throw Setup(CheckOutcome.ConfigError, $"The constant parameter {name} is not assigned a value by the configuration file.", constant.Span);
    }

    /// <summary>A definition found in a module's text (or a standard module's operator), for `[M]` entries.</summary>
    private sealed record ModuleDefinitionRef(Unit? Definition, string? Builtin, int Arity);

    private void Replace(ModuleDefinitionRef found, Symbol replacement, ConstantBinding binding)
    {
        if (found.Definition is { } definition) _compiler.ReplaceDefinition(definition, replacement);
        else _compiler.ReplaceBuiltin(found.Builtin!, replacement);
        if (replacement is ConstantSymbol && found.Arity != 0)
            throw Setup(CheckOutcome.ConfigError, $"The configuration assigns a value to {binding.Name}, which takes arguments.", binding.Span);
    }

    // SANY's getOpDefs of module M: its own definitions and those it EXTENDS (not their LOCAL ones).
    private static ModuleDefinitionRef? FindInModule(string moduleName, ConstantBinding binding, IReadOnlyDictionary<string, Module> modules)
    {
        var name = binding.Name;
        return Find(moduleName, own: true, new HashSet<string>(StringComparer.Ordinal));

        ModuleDefinitionRef? Find(string module, bool own, HashSet<string> seen)
        {
            if (!seen.Add(module)) return null;
            if (!modules.TryGetValue(module, out var text))
            {
                var builtin = StandardModules.ExportedOperators(module).FirstOrDefault(o => o.Name == name);
                return builtin is null ? null : new ModuleDefinitionRef(null, builtin.Name, builtin.Arity);
            }
            foreach (var unit in text.Units)
            {
                switch (unit)
                {
                    case OperatorDefinition definition when definition.Name.Name == name && (own || !definition.IsLocal):
                        return new ModuleDefinitionRef(definition, null, definition.Parameters.Count);
                    case FunctionDefinition function when function.Name.Name == name && (own || !function.IsLocal):
                        return new ModuleDefinitionRef(function, null, 0);
                }
            }
            foreach (var extended in text.Extends)
                if (Find(extended.Name, own: false, seen) is { } found) return found;
            // An unnamed INSTANCE of a module without parameters (`LOCAL INSTANCE Naturals`) puts its
            // operators among M's definitions; SANY shares their bodies with that module's, so TLC's
            // override of one (`Nat <- [ZSequences]ZSeqNat`) replaces it wherever it is used.
            foreach (var instance in text.Units.OfType<InstanceUnit>().Where(u => own || !u.IsLocal))
            {
                var instanced = instance.Instance.ModuleName.Name;
                if (!modules.ContainsKey(instanced) || !HasParameters(instanced, []))
                {
                    if (Find(instanced, own: false, seen) is { } found) return found;
                }
                else if (Find(instanced, own: false, [.. seen]) is not null)
                    throw Setup(CheckOutcome.ConfigError, $"The configuration overrides {name} of module {moduleName}, which comes from its INSTANCE of module {instanced}, a module with CONSTANTs or VARIABLEs; this checker does not replace such an instance's copy of a definition.", binding.Span);
            }
            return null;
        }

        bool HasParameters(string module, HashSet<string> visited) =>
            visited.Add(module) && modules.TryGetValue(module, out var text) &&
            (text.Units.Any(u => u is ConstantsDeclaration or VariablesDeclaration) || text.Extends.Any(e => HasParameters(e.Name, visited)));
    }

    private Symbol RootOperand(ConstantOverride replacement) =>
        _compiler.Root.Names.GetValueOrDefault(replacement.Operator) is { } symbol and (DefinitionSymbol or FunctionSymbol or BuiltinSymbol or ConstantSymbol)
            ? symbol
            : throw Setup(CheckOutcome.ConfigError, $"The configuration file substitutes for {replacement.Name} with the undefined identifier {replacement.Operator}.", replacement.Span);

    private void ExpectSameArity(int arity, Symbol target, ConstantOverride replacement)
    {
        if (ArityOf(target) != arity)
            throw Setup(CheckOutcome.ConfigError, $"The configuration file substitutes for {replacement.Name} with {replacement.Operator} of different number of arguments.", replacement.Span);
    }

    private static int ArityOf(Symbol symbol) => symbol switch
    {
        DefinitionSymbol definition => definition.Definition.Parameters.Count,
        BuiltinSymbol builtin => builtin.Arity,
        ConstantSymbol constant => constant.Replacement is { } replacement ? ArityOf(replacement) : constant.Arity,
        _ => 0,
    };

    // The cfg names identifiers; an infix operator such as + is never one of its entries.
    private static bool IsInfixOperator(string name) => name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_');

    private ConstantSymbol ValueSymbol(ConstantAssignment assignment) =>
        new(assignment.Name, 0, assignment.Span) { Value = Convert(assignment.Value) };

    private Value Convert(ConfigValue value) => value switch
    {
        ConfigInteger i when i.Value >= int.MinValue && i.Value <= int.MaxValue => IntValue.Of((int)i.Value),
        ConfigInteger i => throw Setup(CheckOutcome.ConfigError, $"The number {i.Value} is outside TLC's range of integers.", i.Span),
        ConfigString s => StringValue.Of(s.Value),
        ConfigBoolean b => BoolValue.Of(b.Value),
        ConfigModelValue m => _modelValues.Get(m.Name),
        ConfigSet set => FiniteSetValue.Of(set.Elements.Select(Convert).ToArray()),
        _ => throw Setup(CheckOutcome.ConfigError, "This kind of value is not supported in a configuration.", value.Span),
    };

    private DefinitionSymbol LookupDefinition(ConfigName name) =>
        _compiler.Root.Names.GetValueOrDefault(name.Name) as DefinitionSymbol
        ?? throw Setup(CheckOutcome.ConfigError, $"The configuration names {name.Name}, which is not defined in the spec.", name.Span);

    private Expr CompileNamed(ConfigName name, Scope scope, int maxLevel, string role)
    {
        var definition = LookupDefinition(name);
        if (definition.Definition.Parameters.Count > 0)
            throw Setup(CheckOutcome.ConfigError, $"The {role} {name.Name} takes arguments.", name.Span);
        var expr = _compiler.CompileExpr(new NameReference(name.Span, [], new Identifier(name.Span, name.Name), []), scope);
        if (expr.Level > maxLevel)
            throw Setup(CheckOutcome.ConfigError, $"The {role} {name.Name} is {LevelName(expr.Level)}, which TLC does not accept as a {role}.", name.Span);
        return expr;
    }

    /// <summary>
    /// The named state predicate with the variables it reads and, when its definition (in the root
    /// module) is a list of conjuncts, each conjunct compiled on its own with the variables it reads.
    /// </summary>
    private StatePredicate Predicate(ConfigName name, Expr whole)
    {
        var definition = LookupDefinition(name);
        var env = Liveness.FormulaEnv.Of(_compiler.Root);
        var reads = Liveness.AtomVariables.Of(new NameReference(name.Span, name.Name), env);
        if (definition.Context != _compiler.Root || definition.Definition.Body is not JunctionList { Kind: JunctionKind.Conjunction, Items.Count: > 1 } list)
            return new StatePredicate(whole, reads, null, null);
        try
        {
            // Each conjunct with a frame of its own for the names it binds (a quantifier's variables).
            var conjuncts = list.Items.Select(item => (Expr)env.Compile(_compiler, item)).ToArray();
            var conjunctReads = list.Items.Select(item => Liveness.AtomVariables.Of(item, env)).ToArray();
            return new StatePredicate(whole, reads, conjuncts, conjunctReads);
        }
        catch (CompileException)
        {
            return new StatePredicate(whole, reads, null, null);
        }
    }

    private static string LevelName(int level) => level switch
    {
        Levels.Constant => "a constant",
        Levels.State => "a state predicate",
        Levels.Action => "an action",
        _ => "a temporal formula",
    };

    /// <summary>SPECIFICATION Spec: Spec must be Init /\ [][Next]_v /\ fairness (TLC's form).</summary>
    private (Expression Init, Expression Next, ModuleContext Context) SplitSpecification(DefinitionSymbol spec, ConfigName name)
    {
        var conjuncts = new List<(Expression Expr, ModuleContext Context)>();
        Flatten(spec.Definition.Body, spec.Context, conjuncts);
        Expression? init = null;
        Expression? next = null;
        ModuleContext? actionContext = null;
        foreach (var (conjunct, context) in conjuncts)
        {
            var isNext = conjunct is OperatorApplication { Operator: "[]", Operands: [BoxAction] };
            if (isNext || !(conjunct is Fairness || IsTemporal(conjunct, context)))
            {
                // Init and Next are compiled in one scope: the root's (which sees every EXTENDed
                // module) or one instance's, whose substitutions apply.
                var scopeContext = context.Origin is null ? _compiler.Root : context;
                if (actionContext is not null && actionContext != scopeContext && actionContext.Origin?.Instance != scopeContext.Origin?.Instance)
                    throw Setup(CheckOutcome.ConfigError, $"The specification {name.Name} takes its initial predicate and next-state relation from different module instances, which this checker does not support.", conjunct.Span);
                actionContext = scopeContext;
            }
            if (conjunct is OperatorApplication { Operator: "[]", Operands: [BoxAction box] })
            {
                next = box.Action;
                continue;
            }
            if (conjunct is Fairness || IsTemporal(conjunct, context))
            {
                _fairness.Add(new Liveness.FairnessConjunct(conjunct, context));
                continue;
            }
            init = init is null ? conjunct : new OperatorApplication(conjunct.Span, "/\\", Fixity.Infix, [init, conjunct]);
        }
        if (init is null || next is null)
            throw Setup(CheckOutcome.ConfigError, $"The specification {name.Name} is not of the form Init /\\ [][Next]_vars /\\ fairness.", name.Span);
        return (init, next, actionContext ?? _compiler.Root);
    }

    private void Flatten(Expression expression, ModuleContext context, List<(Expression, ModuleContext)> into)
    {
        switch (expression)
        {
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                foreach (var item in list.Items) Flatten(item, context, into);
                return;
            case OperatorApplication { Operator: "/\\" } and:
                foreach (var operand in and.Operands) Flatten(operand, context, into);
                return;
            case LabeledExpression labeled:
                Flatten(labeled.Body, context, into);
                return;
            case NameReference { Path.Count: 0, Arguments.Count: 0 } reference
                when context.Names.GetValueOrDefault(reference.Name.Name) is DefinitionSymbol { Definition.Parameters.Count: 0 } definition
                     && IsTemporal(definition.Definition.Body, definition.Context):
                Flatten(definition.Definition.Body, definition.Context, into);
                return;
            case NameReference { Path.Count: > 0, Arguments.Count: 0 } reference
                when InstanceDefinition(reference, context) is { } definition && IsTemporal(definition.Definition.Body, definition.Context):
                // Spec == I!Spec: the instance's own Init /\ [][Next]_v /\ fairness, read in its scope.
                Flatten(definition.Definition.Body, definition.Context, into);
                return;
            default:
                into.Add((expression, context));
                return;
        }
    }

    private DefinitionSymbol? InstanceDefinition(NameReference reference, ModuleContext context)
    {
        try
        {
            return _compiler.ResolveName(reference, Scope.Root(context, new FrameLayout(null))) as DefinitionSymbol is { Definition.Parameters.Count: 0 } definition
                ? definition
                : null;
        }
        catch (CompileException)
        {
            return null;
        }
    }

    private bool IsTemporal(Expression expression, ModuleContext context)
    {
        try
        {
            var layout = new FrameLayout(null);
            return _compiler.CompileExpr(expression, Scope.Root(context, layout).Child(layout)).Level >= Levels.Temporal;
        }
        catch (CompileException)
        {
            return false;
        }
    }

    /// <summary>
    /// A PROPERTY, split as TLC splits it (<see cref="Liveness.PropertyClassifier"/>): state
    /// predicates are checked on initial states, [][A]_v on every step, []P (P a state predicate)
    /// as an invariant; other temporal formulas are left to the liveness checker.
    /// </summary>
    private object ClassifyProperty(ConfigName name, EvalContext constants)
    {
        IReadOnlyList<Liveness.PropertyPart> parts;
        try
        {
            parts = new Liveness.PropertyClassifier(_compiler, constants).Classify(name.Name, LookupDefinition(name));
        }
        catch (Liveness.PropertyRejected e)
        {
            throw Setup(e.ConfigError ? CheckOutcome.ConfigError : CheckOutcome.PropertyEvaluationError, e.Message, e.Span);
        }
        foreach (var part in parts)
        {
            if (part.NamedByLocation) _namedByLocation.Add(part.Name);
            switch (part.Kind)
            {
                case Liveness.PropertyPartKind.Initial:
                    _initialProperties.Add((part.Name, part.Env.Compile(_compiler, part.Formula)));
                    break;
                case Liveness.PropertyPartKind.Action:
                    _actionProperties.Add((part.Name, part.Env.Compile(_compiler, part.Formula)));
                    break;
                case Liveness.PropertyPartKind.Invariant:
                    _invariants.Add((part.Name, part.Env.Compile(_compiler, part.Formula)));
                    _invariantPredicates.Add(new StatePredicate(_invariants[^1].Expr, Liveness.AtomVariables.Of(part.Formula, part.Env), null, null));
                    // Bound names (unrolled quantifiers, operator arguments) are read elsewhere: the source alone does not say all it reads.
                    _invariantSources.Add(new InvariantSource(part.Formula, part.Env.Module, Exact: part.Env.Bindings.IsEmpty));
                    break;
                default:
                    _temporalProperties.Add(new Liveness.TemporalProperty(part.Name, part.Formula, part.Env));
                    break;
            }
        }
        return this;
    }

    private readonly HashSet<string> _namedByLocation = new(StringComparer.Ordinal);

    /// <summary>
    /// True when TLC names this property part only by its source location (a conjunct of a PROPERTY
    /// definition): TLC's message shows the location, and the result names no property.
    /// </summary>
    public bool IsNamedByLocation(string name) => _namedByLocation.Contains(name);

    public List<string> UncheckedProperties { get; } = [];

    private readonly List<Liveness.TemporalProperty> _temporalProperties = [];
    private readonly List<Liveness.FairnessConjunct> _fairness = [];

    /// <summary>PROPERTY conjuncts checked on the complete state graph by the liveness checker, in cfg order.</summary>
    public IReadOnlyList<Liveness.TemporalProperty> TemporalProperties => _temporalProperties;

    /// <summary>The SPECIFICATION's fairness conjuncts (WF/SF, possibly quantified).</summary>
    public IReadOnlyList<Liveness.FairnessConjunct> FairnessConjuncts => _fairness;

    /// <summary>True when SYMMETRY is declared (TLC warns that it can make liveness checking unsound).</summary>
    public bool HasSymmetry => _symmetry is not null;

    /// <summary>The compiler, with the cfg's constants bound: trace validation compiles its views of Next with it.</summary>
    internal Compiler Compiler => _compiler;

    /// <summary>The cfg's model values, in the cfg's order, as the constants hold them.</summary>
    internal ModelValueRegistry ModelValues => _modelValues;

    // ───────────────────────── splitting Next into actions (TLC's getActions) ─────────────────────────

    private readonly List<(SplitAction Action, FrameLayout Layout, Frame? Scratch)> _pendingActions = [];

    private object SplitNext(Expression next, ModuleContext context, EvalContext constants)
    {
        var layout = new FrameLayout(null);
        var scope = Scope.Root(context, layout).Child(layout);
        var name = next is NameReference reference ? reference.Name.Name : "Next";
        Split(next, scope, new Frame(ScratchSize, null), layout, name, [], constants);
        foreach (var (action, actionLayout, scratch) in _pendingActions)
        {
            Frame? frame = null;
            if (actionLayout.Size > 0)
            {
                frame = new Frame(actionLayout.Size, null);
                Array.Copy(scratch!.Slots, frame.Slots, Math.Min(actionLayout.Size, scratch.Slots.Length));
            }
            _actions.Add(action with { Frame = frame });
        }
        return this;
    }

    // Frames used while splitting, before the final size of their layout is known.
    private const int ScratchSize = 4096;

    private void Split(Expression expression, Scope scope, Frame scratch, FrameLayout layout, string name, List<int> letSlots, EvalContext constants)
    {
        switch (expression)
        {
            case JunctionList { Kind: JunctionKind.Disjunction } list:
                foreach (var item in list.Items) Split(item, scope, scratch, layout, name, letSlots, constants);
                return;
            case OperatorApplication { Operator: "\\/" } disjunction:
                foreach (var operand in disjunction.Operands) Split(operand, scope, scratch, layout, name, letSlots, constants);
                return;
            case LabeledExpression labeled:
                Split(labeled.Body, scope, scratch, layout, name, letSlots, constants);
                return;
            case LetIn let:
            {
                var inner = SplitLet(let, scope, out var slots);
                Split(let.Body, inner, scratch, layout, name, [.. letSlots, .. slots], constants);
                return;
            }
            case Quantifier { Kind: QuantifierKind.Exists } exists:
            {
                var inner = scope.Child();
                var binders = SplitBinders(exists, inner, scope);
                if (binders is not null && binders.Level == Levels.Constant)
                {
                    var any = false;
                    var before = _pendingActions.Count;
                    try
                    {
                        binders.ForEach(constants, scratch, (_, f) =>
                        {
                            any = true;
                            var copy = new Frame(ScratchSize, null);
                            Array.Copy(f!.Slots, copy.Slots, ScratchSize);
                            Split(exists.Body, inner, copy, layout, name, letSlots, constants);
                            return true;
                        }, exists.Span);
                    }
                    catch (EvaluationException)
                    {
                        // The domain cannot be enumerated up front: the whole \E is one action (as in TLC).
                        _pendingActions.RemoveRange(before, _pendingActions.Count - before);
                        any = false;
                    }
                    if (any) return;
                }
                break;
            }
            case NameReference { Path.Count: 0 } reference when scope.Lookup(reference.Name.Name) is DefinitionSymbol definition
                                                                  && definition.Definition.Parameters.Count == reference.Arguments.Count:
            {
                var arguments = new Value[reference.Arguments.Count];
                var constantArguments = true;
                for (var i = 0; i < arguments.Length && constantArguments; i++)
                {
                    if (definition.Definition.Parameters[i].Arity > 0)
                    {
                        constantArguments = false;
                        break;
                    }
                    var argument = _compiler.CompileExpr(reference.Arguments[i], scope);
                    if (argument.Level != Levels.Constant) constantArguments = false;
                    else
                    {
                        try
                        {
                            arguments[i] = argument.Eval(constants, scratch);
                        }
                        catch (EvaluationException)
                        {
                            constantArguments = false;
                        }
                    }
                }
                if (!constantArguments) break;
                var body = definition.Definition.Body;
                var bodyLayout = new FrameLayout(null);
                var bodyScope = Scope.Root(definition.Context, bodyLayout).Child(bodyLayout);
                var frame = new Frame(ScratchSize, null);
                foreach (var p in definition.Definition.Parameters)
                {
                    var slot = bodyLayout.Allocate();
                    bodyScope.Add(new LocalSymbol(p.Name, bodyLayout, slot, LocalKind.Value, Levels.Constant));
                    frame.Slots[slot] = arguments[slot];
                }
                Split(body, bodyScope, frame, bodyLayout, definition.Name, [], constants);
                return;
            }
        }
        var node = _compiler.CompileAction(expression, scope, initial: false);
        if (letSlots.Count > 0) node = new LetAction(expression.Span, letSlots.ToArray(), node);
        _pendingActions.Add((new SplitAction(name, expression.Span, node, null), layout, scratch));
    }

    private Scope SplitLet(LetIn let, Scope scope, out int[] slots)
    {
        // Compile the LET through the compiler so its definitions get slots in this layout.
        var probe = new LetIn(let.Span, let.Definitions, new BooleanLiteral(let.Span, true));
        var compiled = _compiler.CompileLetScope(probe, scope);
        slots = compiled.Slots;
        return compiled.Inner;
    }

    private BinderSet? SplitBinders(Quantifier exists, Scope inner, Scope outer)
    {
        try
        {
            return _compiler.CompileBinderSet(exists.Binders, inner, outer);
        }
        catch (CompileException)
        {
            return null;
        }
    }

    // ───────────────────────── per-thread exploration ─────────────────────────

    private sealed class Explorer : IStateExplorer<Value[]>, ILevelAwareExplorer
    {
        private readonly TlaModel _model;
        private readonly EvalContext _context;

        // Checks run while the enumeration that produced the state is still in progress (its
        // partial state lives in _context), so they evaluate in a context of their own.
        private readonly EvalContext _checks;
        private readonly Frame?[] _frames;
        private readonly Emitter _emitter;

        public Explorer(TlaModel model)
        {
            _model = model;
            _context = model.NewContext();
            _checks = model.NewContext();
            _checks.Registers = _context.Registers;
            _frames = model._actions.Select(static a => a.Frame is null ? null : Copy(a.Frame)).ToArray();
            _emitter = new Emitter(model);
            _invariants = model._invariantPredicates.Select(static p => new StatePredicateMemo(p)).ToArray();
            _constraints = model._constraintPredicates.Select(static p => new StatePredicateMemo(p)).ToArray();
        }

        // Per invariant and constraint, the combinations of variable values it was found true on.
        private readonly StatePredicateMemo[] _invariants;
        private readonly StatePredicateMemo[] _constraints;

        // TLC 2.19 reports the level of the state its worker is expanding, also while it checks
        // that state's successors (invariants, constraints), and 0 for the initial states.
        public void AtLevel(int level)
        {
            _context.Level = level;
            _checks.Level = level;
        }

        public void AtCounters(Library.SearchCounters counters)
        {
            _context.Search = counters;
            _checks.Search = counters;
        }

        private static Frame Copy(Frame frame)
        {
            var copy = new Frame(frame.Slots.Length, frame.Parent);
            Array.Copy(frame.Slots, copy.Slots, frame.Slots.Length);
            return copy;
        }

        public void InitialStates(IStateSink<Value[]> sink)
        {
            var context = _context;
            context.Current = new Value?[_model.Variables.Count];
            context.Next = new Value?[_model.Variables.Count];
            _emitter.Begin(sink, -1, initial: true);
            context.EnumeratesInitialStates = true;
            try
            {
                Guard(() => _model._init.Run(context, _model.InitFrameSize == 0 ? null : new Frame(_model.InitFrameSize, null), _emitter));
            }
            finally
            {
                context.EnumeratesInitialStates = false;
            }
        }

        // Value operations report TLC's errors as EvalException; the ones no node located (and a
        // runaway recursion) still become evaluation errors, never crashes of the checker.
        private static T Guard<T>(Func<T> evaluate)
        {
            try
            {
                return evaluate();
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
        }

        private static EvaluationException Converted(Exception e) => e switch
        {
            AssertionFailedException => new EvaluationException(e.Message, SourceSpan.None, EvaluationFailure.AssertionFailed),
            EvalException => new EvaluationException(e.Message, SourceSpan.None),
            _ => new EvaluationException("The evaluation recursed too deeply (is a RECURSIVE operator missing its base case?).", SourceSpan.None),
        };

        public void Successors(Value[] state, IStateSink<Value[]> sink)
        {
            var context = _context;
            var actions = _model._actions;
            for (var a = 0; a < actions.Count; a++)
            {
                context.Current = state!;
                Array.Clear(context.Next);
                _emitter.Begin(sink, a, initial: false);
                try
                {
                    if (!actions[a].Node.Run(context, _frames[a], _emitter)) return;
                }
                catch (EvaluationException e) when (e.AddPosition(actions[a].Span))
                {
                    throw;
                }
                catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
                {
                    throw Converted(e).Within(actions[a].Span);
                }
            }
        }

        public ulong Fingerprint(Value[] state)
        {
            if (_model._view is { } view)
            {
                // As TLC: with SYMMETRY too, the view of the state's canonical representative.
                _checks.Current = _model._symmetry is { } group ? group.Canonicalize(state) : state!;
                try
                {
                    return view.Eval(_checks, null).Fingerprint;
                }
                catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
                {
                    throw Converted(e);
                }
            }
            if (_model._symmetry is { } symmetry) return symmetry.CanonicalFingerprint(state);
            return Values.Fingerprints.OfState(state);
        }

        public bool SatisfiesStateConstraints(Value[] state)
        {
            if (_model._constraints.Count == 0) return true;
            _checks.Current = state!;
            // No closure per constraint and state: the conversion is inlined.
            try
            {
                foreach (var constraint in _constraints)
                    if (!constraint.Evaluate(_checks, state)) return false;
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
            return true;
        }

        public bool SatisfiesActionConstraints(Value[] from, Value[] to)
        {
            if (_model._actionConstraints.Count == 0) return true;
            _checks.Current = from!;
            _checks.Next = to!;
            // No closure per constraint and state: the conversion is inlined.
            try
            {
                foreach (var constraint in _model._actionConstraints)
                    if (!constraint.EvalBool(_checks, null)) return false;
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
            return true;
        }

        public bool Invariant(int index, Value[] state)
        {
            _checks.Current = state!;
            try
            {
                return _invariants[index].Evaluate(_checks, state);
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
        }

        public bool ActionProperty(int index, Value[] from, Value[] to)
        {
            _checks.Current = from!;
            _checks.Next = to!;
            try
            {
                return _model._actionProperties[index].Expr.EvalBool(_checks, null);
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
        }

        public bool InitialProperty(int index, Value[] state)
        {
            _checks.Current = state!;
            try
            {
                return _model._initialProperties[index].Expr.EvalBool(_checks, null);
            }
            catch (Exception e) when (e is EvalException or InsufficientExecutionStackException)
            {
                throw Converted(e);
            }
        }
    }

    /// <summary>Turns a complete assignment into a state and hands it to the search.</summary>
    private sealed class Emitter(TlaModel model) : StepEnd
    {
        private IStateSink<Value[]> _sink = null!;
        private int _action;
        private bool _initial;

        public void Begin(IStateSink<Value[]> sink, int action, bool initial)
        {
            _sink = sink;
            _action = action;
            _initial = initial;
        }

        public override bool Continue(EvalContext context)
        {
            var source = _initial ? context.Current : context.Next;
            var state = new Value[source.Length];
            for (var i = 0; i < source.Length; i++)
            {
                ValueArrays.Store(state, i, source[i] ?? throw new EvaluationException(_initial
                    ? $"The initial predicate does not assign a value to the variable {model.Variables[i]}."
                    : $"Successor state is not completely specified by action {model._actions[_action].Name} of the next-state relation. The following variable is not assigned: {model.Variables[i]}.",
                    _initial ? SourceSpan.None : model._actions[_action].Span));
            }
            if (_initial)
            {
                // Init enumeration keeps its partial state in Current; hand out a copy and go on.
                return _sink.Accept(state, -1);
            }
            return _sink.Accept(state, _action);
        }

        public override void CountIntermediateStates(int count) => _sink.CountGenerated(count);
    }
}
