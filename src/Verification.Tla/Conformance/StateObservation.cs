using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// Part of a spec state a log line observed: one node's entry of a variable (<c>currentTerm[n1]</c>)
/// or the value of a TLA+ expression over the spec's variables (<c>Len(log[i])</c>). A successor
/// is consistent with the line when every observation holds in it; what no observation mentions is
/// left to the spec's nondeterminism.
/// </summary>
public abstract class StateObservation(Value expected)
{
    /// <summary>The value the log gives.</summary>
    public Value Expected { get; } = expected;

    /// <summary>What is observed, as TLA+ (<c>currentTerm[n1]</c>).</summary>
    public abstract string Describe();

    /// <summary>The observed part's value in <paramref name="state"/>; null when the state has no such part.</summary>
    internal abstract Value? ValueIn(Value[] state, EvalContext context);

    internal bool Holds(Value[] state, EvalContext context) => ValueIn(state, context) is { } actual && actual.Equals(Expected);
}

/// <summary>The entry at <see cref="Key"/> of a variable whose value is a function (of nodes).</summary>
public sealed class EntryObservation(string variable, int index, Value key, Value expected) : StateObservation(expected)
{
    public string Variable { get; } = variable;

    public Value Key { get; } = key;

    public override string Describe() => $"{Variable}[{StepDiagnosis.Short(Key)}]";

    internal override Value? ValueIn(Value[] state, EvalContext context) =>
        state[index] is FunctionValue function && function.TryApply(Key, out var entry) ? entry : null;
}

/// <summary>A TLA+ expression over the spec's variables (in the state after the step) and names bound by the log line.</summary>
public sealed class ExpressionObservation : StateObservation
{
    private readonly ObservedExpression _expression;
    private readonly Frame? _frame;

    internal ExpressionObservation(ObservedExpression expression, Frame? frame, Value expected, string text) : base(expected)
    {
        _expression = expression;
        _frame = frame;
        Text = text;
    }

    public string Text { get; }

    public override string Describe() => Text;

    internal override Value? ValueIn(Value[] state, EvalContext context) => _expression.Evaluate(state, context, _frame);
}

/// <summary>
/// A TLA+ expression written outside the spec (a log key, a mapping file's field), compiled once
/// against the spec with some names bound per log line (the mapping's fields, the cfg's model
/// values), to be evaluated in any spec state.
/// </summary>
internal sealed class ObservedExpression
{
    private readonly Expr _compiled;
    private readonly FrameLayout _layout;
    private readonly Dictionary<string, int> _slots;

    private ObservedExpression(Expr compiled, FrameLayout layout, Dictionary<string, int> slots)
    {
        _compiled = compiled;
        _layout = layout;
        _slots = slots;
    }

    /// <summary>
    /// Compiles <paramref name="text"/>; the cfg's model values are names in it (<c>log[n1]</c>) unless
    /// the spec or <paramref name="bound"/> uses the name. Problems are located in <paramref name="file"/>
    /// at (<paramref name="line"/>, <paramref name="column"/>), where the text starts.
    /// </summary>
    public static ObservedExpression Compile(ConformanceSpec spec, string text, IReadOnlyList<string> bound, string file, int line, int column)
    {
        Expression syntax;
        try
        {
            syntax = TlaParser.ParseExpression(text, file);
        }
        catch (TlaSyntaxException e)
        {
            throw new TraceFormatException($"{Locate(e.Diagnostic.Span, file, line, column)}: the expression \"{Messages.Quote(text)}\" does not parse: {e.Diagnostic.Message}");
        }
        var layout = new FrameLayout(null);
        var compiler = spec.Compiler;
        var scope = Scope.Root(compiler.Root, layout).Child(layout);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in bound) Bind(name);
        foreach (var value in spec.ModelValues.All)
            if (!slots.ContainsKey(value.Name) && compiler.Root.Names.GetValueOrDefault(value.Name) is null) Bind(value.Name);
        Expr compiled;
        try
        {
            lock (spec.CompilerLock) compiled = compiler.CompileExpr(syntax, scope);
        }
        catch (CompileException e)
        {
            throw new TraceFormatException($"{Locate(e.Span, file, line, column)}: the expression \"{Messages.Quote(text)}\": {e.Message}");
        }
        if (compiled.Level > Levels.State)
            throw new TraceFormatException($"{file}:{line}:{column}: the expression \"{Messages.Quote(text)}\" is an action (it has primes): an observation is an expression over the state after the step");
        var result = new ObservedExpression(compiled, layout, slots);
        return result;

        void Bind(string name)
        {
            var slot = layout.Allocate();
            scope.Add(new LocalSymbol(name, layout, slot, LocalKind.Value, Levels.Constant));
            slots[name] = slot;
        }
    }

    /// <summary>A frame with the bound names' values (names not given: the model value of that name, if any).</summary>
    public Frame? Bind(IReadOnlyDictionary<string, Value> values, ModelValueRegistry modelValues)
    {
        if (_layout.Size == 0) return null;
        var frame = new Frame(_layout.Size, null);
        foreach (var (name, slot) in _slots)
            frame.Slots[slot] = values.TryGetValue(name, out var value) ? value : modelValues.TryFind(name, out var model) ? model : null;
        return frame;
    }

    /// <summary>The names this expression binds (the first ones are the caller's).</summary>
    public IReadOnlyCollection<string> BoundNames => _slots.Keys;

    public Value Evaluate(Value[] state, EvalContext context, Frame? frame)
    {
        var saved = context.Current;
        context.Current = state!;
        try
        {
            return _compiled.Eval(context, frame);
        }
        finally
        {
            context.Current = saved;
        }
    }

    /// <summary>A span inside the expression's text, as a place in the file the text was read from.</summary>
    private static string Locate(SourceSpan span, string file, int line, int column) =>
        span.IsNone || span.Line == 0 ? $"{file}:{line}:{column}"
        : span.Line == 1 ? $"{file}:{line}:{column + span.Column - 1}"
        : $"{file}:{line + span.Line - 1}:{span.Column}";
}
