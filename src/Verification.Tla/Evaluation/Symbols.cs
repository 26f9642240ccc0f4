using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>A user's mistake found while binding names or compiling (unknown name, wrong arity...).</summary>
public sealed class CompileException(SourceSpan span, string message) : Exception(message)
{
    public SourceSpan Span { get; } = span;

    public Diagnostic Diagnostic => new(Span, Message);
}

/// <summary>The slots of one kind of frame, counted at compile time.</summary>
public sealed class FrameLayout(FrameLayout? parent)
{
    public FrameLayout? Parent { get; } = parent;

    public int Size { get; private set; }

    public int Allocate() => Size++;

    /// <summary>How many frames up <paramref name="target"/> is from a frame of this layout.</summary>
    public int DepthOf(FrameLayout target, SourceSpan span)
    {
        var depth = 0;
        for (var layout = this; layout is not null; layout = layout.Parent, depth++)
            if (ReferenceEquals(layout, target)) return depth;
        throw new CompileException(span, "internal: a bound name is used outside the expression that binds it");
    }
}

/// <summary>What a name denotes once bound.</summary>
public abstract class Symbol(string name)
{
    public string Name { get; } = name;
}

public sealed class VariableSymbol(string name, int index) : Symbol(name)
{
    public int Index { get; } = index;
}

/// <summary>A CONSTANT, with its value from the cfg, or replaced by a definition (`C &lt;- Def`).</summary>
public sealed class ConstantSymbol(string name, int arity, SourceSpan span) : Symbol(name)
{
    public int Arity { get; } = arity;

    public SourceSpan Span { get; } = span;

    public Value? Value { get; set; }

    public Symbol? Replacement { get; set; }
}

public sealed class DefinitionSymbol(OperatorDefinition definition, ModuleContext context) : Symbol(definition.Name.Name)
{
    public OperatorDefinition Definition { get; } = definition;

    public ModuleContext Context { get; } = context;
}

public sealed class FunctionSymbol(FunctionDefinition definition, ModuleContext context) : Symbol(definition.Name.Name)
{
    public FunctionDefinition Definition { get; } = definition;

    public ModuleContext Context { get; } = context;
}

public sealed class InstanceSymbol(ModuleDefinition definition, ModuleContext context) : Symbol(definition.Name.Name)
{
    public ModuleDefinition Definition { get; } = definition;

    public ModuleContext Context { get; } = context;
}

/// <summary>A constant or variable of an instantiated module, replaced by an expression of the instantiating one.</summary>
public sealed class SubstitutionSymbol(string name, Expression replacement, Scope scope) : Symbol(name)
{
    public Expression Replacement { get; } = replacement;

    public Scope Scope { get; } = scope;
}

/// <summary>A standard-module operator (or set such as Nat): builds its compiled node from compiled arguments.</summary>
public sealed class BuiltinSymbol(string name, int arity, Func<SourceSpan, Expr[], Expr> build) : Symbol(name)
{
    public int Arity { get; } = arity;

    public Func<SourceSpan, Expr[], Expr> Build { get; } = build;

    /// <summary>Which arguments are operators (SelectSeq's test, SortSeq's order).</summary>
    public bool[]? OperatorArguments { get; init; }

    /// <summary>
    /// Draws a random value (RandomElement): constant-level as TLC sees it (so a definition without
    /// parameters using it is evaluated once, as TLC pre-evaluates it at start-up), but never cached
    /// as an expression (elsewhere TLC draws again at each evaluation).
    /// </summary>
    public bool DrawsRandom { get; init; }

    /// <summary>
    /// Prints, or reads or writes a file (Print, JsonSerialize, ndJsonDeserialize): each evaluation
    /// must happen, so an operator using it is never answered from <see cref="CallMemo"/>.
    /// </summary>
    public bool TouchesWorld { get; init; }

    /// <summary>The operator as a value for higher-order use (`Fold(+, 0, s)`), when it has one.</summary>
    public BuiltinOperatorValue? AsOperator { get; init; }
}

public enum LocalKind
{
    /// <summary>A value parameter or a bound variable.</summary>
    Value,

    /// <summary>An operator parameter `F(_)`.</summary>
    Operator,

    /// <summary>A LET definition without parameters (lazy, per activation).</summary>
    LetValue,
}

public sealed class LocalSymbol(string name, FrameLayout layout, int slot, LocalKind kind, int level) : Symbol(name)
{
    public FrameLayout Layout { get; } = layout;

    public int Slot { get; } = slot;

    public LocalKind Kind { get; } = kind;

    public int Level { get; } = level;

    public int Arity { get; init; }

    public Expr? LetDefinition { get; set; }

    /// <summary>For a LET-defined function (and its name inside its own body): what an application used as an action enters.</summary>
    public LetFunctionSource? FunctionSource { get; set; }
}

/// <summary>A LET-defined function `f[x \in S] == body`: its body, the scope it is compiled in, its bound variables and the slot of its own name.</summary>
public sealed record LetFunctionSource(Syntax.Expression Body, Scope BodyScope, BinderSet Binders, int SelfSlot);

/// <summary>A LET-defined operator with parameters (or a LAMBDA): runs in a frame whose parent is the LET's.</summary>
public sealed class LetOperatorSymbol(string name, CompiledOperator op, FrameLayout definingLayout) : Symbol(name)
{
    public CompiledOperator Operator { get; } = op;

    public FrameLayout DefiningLayout { get; } = definingLayout;

    /// <summary>The source of the definition, for expanding a call of it used as an action.</summary>
    public OperatorSource? Source { get; init; }
}

/// <summary>An operator's parameters and body with the scope its body is written in.</summary>
public sealed record OperatorSource(IReadOnlyList<OperatorParameter> Parameters, Expression Body, Scope DefiningScope);

/// <summary>
/// The names visible at the top level of one module (or one instance of a module): its standard
/// modules' operators, what its EXTENDS and INSTANCEs export, its own definitions, constants and
/// variables. Compiled definitions are cached here, because the same definition compiles
/// differently in different instances (their substitutions differ).
/// </summary>
public sealed class ModuleContext(string moduleName)
{
    public string ModuleName { get; } = moduleName;

    public Dictionary<string, Symbol> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>The names other modules see through EXTENDS or INSTANCE (everything but LOCAL).</summary>
    public Dictionary<string, Symbol> Exports { get; } = new(StringComparer.Ordinal);

    public Dictionary<object, CompiledOperator> Compiled { get; } = new(ReferenceEqualityComparer.Instance);

    public Dictionary<object, ModuleContext> Instances { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>For the context of an INSTANCE: the instance and the scope that instantiates it.</summary>
    public (Instance Instance, Scope Instantiating)? Origin { get; set; }

    public void Define(Symbol symbol, bool exported) => Define(symbol.Name, symbol, exported);

    /// <summary>Defines <paramref name="name"/> as a symbol known under another name (an instance's operator substitution).</summary>
    public void Define(string name, Symbol symbol, bool exported)
    {
        Names[name] = symbol;
        if (exported) Exports[name] = symbol;
    }
}

/// <summary>
/// A compile-time scope: bound names on top of a module context, and the frame layout new slots
/// go to. <see cref="WithLayout"/> compiles an expression written elsewhere (an INSTANCE
/// substitution) into the current frame.
/// </summary>
public sealed class Scope
{
    private readonly Dictionary<string, Symbol>? _locals;

    private Scope(ModuleContext module, FrameLayout layout, Scope? parent, Dictionary<string, Symbol>? locals)
    {
        Module = module;
        Layout = layout;
        Parent = parent;
        _locals = locals;
    }

    public static Scope Root(ModuleContext module, FrameLayout layout) => new(module, layout, null, null);

    public ModuleContext Module { get; }

    public FrameLayout Layout { get; }

    public Scope? Parent { get; }

    public Scope Child(FrameLayout? layout = null) => new(Module, layout ?? Layout, this, new Dictionary<string, Symbol>(StringComparer.Ordinal));

    public Scope WithLayout(FrameLayout layout) => new(Module, layout, this, new Dictionary<string, Symbol>(StringComparer.Ordinal));

    public void Add(Symbol symbol) => Add(symbol.Name, symbol);

    /// <summary>Binds <paramref name="name"/> to a symbol known under another name (an operator argument).</summary>
    public void Add(string name, Symbol symbol)
    {
        if (_locals is null) throw new InvalidOperationException("a root scope holds no local names");
        _locals[name] = symbol;
    }

    public Symbol? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
            if (scope._locals is not null && scope._locals.TryGetValue(name, out var local)) return local;
        return Module.Names.GetValueOrDefault(name);
    }
}
