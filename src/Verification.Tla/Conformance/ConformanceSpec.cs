using Verification.Tla.Checking;
using Verification.Tla.Config;
using Verification.Tla.Evaluation;
using Verification.Tla.Semantics;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>The spec or its cfg cannot be used for validation; <see cref="ExitCode"/> is TLC's code for the cause.</summary>
public sealed class ConformanceSetupException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// A spec and its cfg loaded once for trace validation. The checker's <see cref="TlaModel"/> gives
/// the initial states and Next split into actions (used for unlabelled steps), and its compiler, with
/// the cfg's constants bound, compiles per action name the part of Next that leads to that action
/// (used for labelled steps and for the diagnosis).
/// </summary>
public sealed class ConformanceSpec
{
    private readonly Dictionary<string, SpecAction?> _actionsByName = new(StringComparer.Ordinal);
    private readonly Expression _next;
    private readonly SourceText _source = new();
    private IReadOnlyList<Value[]>? _initialStates;

    /// <summary>Initial states beyond this number make validation of the first state inconclusive.</summary>
    public const int MaxInitialStates = 1_000_000;

    private ConformanceSpec(TlaModel model, Expression next)
    {
        Model = model;
        _next = next;
        Variables = model.Variables;
        ActionNames = new ActionCatalog(Compiler.Root, _source).LeafActions(next);
        // Compiled up front, so that validation (possibly on several threads) only reads them.
        foreach (var name in ActionNames) Action(name);
    }

    internal TlaModel Model { get; }

    internal Compiler Compiler => Model.Compiler;

    internal SourceText Source => _source;

    internal Expression NextExpression => _next;

    /// <summary>Model values in the cfg's order, so that traces read against it order sets as the checker does.</summary>
    public ModelValueRegistry ModelValues => Model.ModelValues;

    public IReadOnlyList<string> Variables { get; }

    /// <summary>The actions of Next (definitions that assign primed variables), in the order Next mentions them.</summary>
    public IReadOnlyList<string> ActionNames { get; }

    public static ConformanceSpec Load(string specPath, string? configPath, IReadOnlyList<string>? libraryFolders = null)
    {
        var cfgPath = configPath ?? Path.ChangeExtension(specPath, ".cfg");
        if (!File.Exists(specPath)) throw new ConformanceSetupException($"{specPath}: file not found", ExitCodes.SpecParseError);
        if (!File.Exists(cfgPath)) throw new ConformanceSetupException($"{cfgPath}: file not found", ExitCodes.ConfigParseError);
        LoadedSpec loaded;
        TlcConfig config;
        try
        {
            loaded = ModuleLoader.Load(specPath, libraryFolders);
        }
        catch (TlaSyntaxException e)
        {
            throw new ConformanceSetupException(e.Diagnostic.ToString(), ExitCodes.SpecParseError);
        }
        try
        {
            config = ConfigReader.Read(cfgPath);
        }
        catch (TlaSyntaxException e)
        {
            throw new ConformanceSetupException(e.Diagnostic.ToString(), ExitCodes.ConfigParseError);
        }
        return Create(loaded, config);
    }

    public static ConformanceSpec Create(LoadedSpec loaded, TlcConfig config)
    {
        try
        {
            var model = new TlaModel(loaded, config);
            var next = FindNext(model.Compiler.Root, config);
            return new ConformanceSpec(model, next);
        }
        catch (ModelSetupException e)
        {
            throw new ConformanceSetupException(e.ToString(), ExitCodes.For(e.Outcome));
        }
        catch (CompileException e)
        {
            throw new ConformanceSetupException(e.Diagnostic.ToString(), ExitCodes.SpecParseError);
        }
        catch (EvaluationException e)
        {
            throw new ConformanceSetupException(Describe(e), ExitCodes.EvaluationError);
        }
    }

    internal static string Describe(EvaluationException e) => e.Span.IsNone ? e.Message : $"{e.Span.ToShortString()}: {e.Message}";

    /// <summary>The initial states of the spec (computed once).</summary>
    internal IReadOnlyList<Value[]> InitialStates()
    {
        if (_initialStates is not null) return _initialStates;
        var sink = new CollectingSink(MaxInitialStates);
        Model.CreateExplorer().InitialStates(sink);
        if (sink.Overflowed)
            throw new ConformanceSetupException($"The spec has more than {MaxInitialStates:N0} initial states; validation needs them enumerated.", ExitCodes.StateSpaceTooLarge);
        return _initialStates = sink.States;
    }

    /// <summary>The named action of Next, or null when Next calls no definition of that name.</summary>
    internal SpecAction? Action(string name)
    {
        lock (_actionsByName) return ActionLocked(name);
    }

    /// <summary>The compiler is not thread-safe: diagnoses compile expressions under this lock.</summary>
    internal object CompilerLock => _actionsByName;

    private SpecAction? ActionLocked(string name)
    {
        if (_actionsByName.TryGetValue(name, out var known)) return known;
        SpecAction? action = null;
        if (Compiler.Root.Names.GetValueOrDefault(name) is DefinitionSymbol definition)
        {
            var restricted = new NextRestriction(name).Restrict(_next, Compiler.Root);
            if (restricted is not null) action = new SpecAction(this, definition, restricted);
        }
        _actionsByName[name] = action;
        return action;
    }

    private static Expression FindNext(ModuleContext root, TlcConfig config)
    {
        if (config.Next is { } next) return new NameReference(next.Span, next.Name);
        var spec = config.Specification!;
        var definition = (DefinitionSymbol)root.Names[spec.Name];
        return FindBoxAction(definition.Definition.Body, root, 0)
            ?? throw new ConformanceSetupException($"{spec.Span.ToShortString()}: the specification {spec.Name} has no [][Next]_vars conjunct.", ExitCodes.ConfigParseError);
    }

    private static Expression? FindBoxAction(Expression expression, ModuleContext context, int depth)
    {
        if (depth > 16) return null;
        switch (expression)
        {
            case OperatorApplication { Operator: "[]", Operands: [BoxAction box] }:
                return box.Action;
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                return list.Items.Select(i => FindBoxAction(i, context, depth + 1)).FirstOrDefault(static e => e is not null);
            case OperatorApplication { Operator: "/\\" } and:
                return and.Operands.Select(i => FindBoxAction(i, context, depth + 1)).FirstOrDefault(static e => e is not null);
            case NameReference { Path.Count: 0, Arguments.Count: 0 } reference
                when context.Names.GetValueOrDefault(reference.Name.Name) is DefinitionSymbol definition:
                return FindBoxAction(definition.Definition.Body, definition.Context, depth + 1);
            default:
                return null;
        }
    }

    private sealed class CollectingSink(int limit) : IStateSink<Value[]>
    {
        public List<Value[]> States { get; } = [];

        public bool Overflowed { get; private set; }

        public bool Accept(Value[] state, int action)
        {
            if (States.Count >= limit)
            {
                Overflowed = true;
                return false;
            }
            States.Add(state);
            return true;
        }
    }
}

/// <summary>Spec source lines by file, for quoting conjuncts in a diagnosis.</summary>
internal sealed class SourceText
{
    private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

    public string Of(SourceSpan span)
    {
        lock (_files) return OfLocked(span);
    }

    private string OfLocked(SourceSpan span)
    {
        if (span.IsNone) return "";
        if (!_files.TryGetValue(span.File, out var lines))
        {
            lines = File.Exists(span.File) ? File.ReadAllLines(span.File) : [];
            _files[span.File] = lines;
        }
        if (span.Line > lines.Length || span.EndLine > lines.Length) return "";
        if (span.Line == span.EndLine) return Slice(lines[span.Line - 1], span.Column, span.EndColumn);
        var parts = new List<string> { Slice(lines[span.Line - 1], span.Column, int.MaxValue) };
        for (var l = span.Line + 1; l < span.EndLine; l++) parts.Add(lines[l - 1].Trim());
        parts.Add(Slice(lines[span.EndLine - 1], 1, span.EndColumn));
        return string.Join(" ", parts.Select(static p => p.Trim()).Where(static p => p.Length > 0));
    }

    private static string Slice(string line, int column, int endColumn)
    {
        var start = Math.Clamp(column - 1, 0, line.Length);
        var end = Math.Clamp(endColumn, start, line.Length);
        return line[start..end].Trim();
    }
}
