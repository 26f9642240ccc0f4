using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// One action of Next, compiled four ways: as Next restricted to it (to check a labelled step and
/// enumerate what it allows), as Next restricted to it with the call replaced by a probe that
/// records the arguments (the instances Next would try), the same with the call kept after the probe
/// (a witness: one run checks a complete step and tells which instance took it, for coverage), and
/// as its body's conjuncts over its parameters (to check an instance and to find the first conjunct
/// that fails).
/// </summary>
internal sealed class SpecAction
{
    private readonly ConformanceSpec _spec;
    private readonly ActionNode _restricted;
    private readonly int _restrictedFrameSize;
    private readonly ActionNode? _probe;
    private readonly int _probeFrameSize;
    private readonly ProbeRecorder _probeRecorder = new();
    private readonly ActionNode? _witness;
    private readonly int _witnessFrameSize;
    private readonly Scope[] _conjunctScopes;
    private readonly FrameLayout _bodyLayout;
    private readonly ActionNode[] _conjuncts;
    private readonly int[] _letSlots;

    public SpecAction(ConformanceSpec spec, DefinitionSymbol definition, Expression restricted)
    {
        _spec = spec;
        Name = definition.Name;
        Definition = definition;
        Parameters = definition.Definition.Parameters.Select(static p => p.Name).ToArray();
        var compiler = spec.Compiler;

        var layout = new FrameLayout(null);
        _restricted = compiler.CompileAction(restricted, Scope.Root(compiler.Root, layout).Child(layout), initial: false);
        _restrictedFrameSize = layout.Size;

        if (definition.Definition.Parameters.All(static p => p.Arity == 0))
        {
            var recorder = _probeRecorder;
            var probeSymbol = new BuiltinSymbol($"{Name}__conformance_probe", Parameters.Count, (span, arguments) => new ProbeExpr(span, arguments, recorder));
            var probed = new NextRestriction(Name, probeSymbol).Restrict(NextOf(spec), compiler.Root);
            if (probed is not null)
            {
                var probeLayout = new FrameLayout(null);
                _probe = compiler.CompileAction(probed, Scope.Root(compiler.Root, probeLayout).Child(probeLayout), initial: false);
                _probeFrameSize = probeLayout.Size;
            }
            var witnessSymbol = new BuiltinSymbol($"{Name}__conformance_witness", Parameters.Count, static (span, arguments) => new WitnessExpr(span, arguments));
            var witnessed = new NextRestriction(Name, witnessSymbol, keepCall: true).Restrict(NextOf(spec), compiler.Root);
            if (witnessed is not null)
            {
                var witnessLayout = new FrameLayout(null);
                _witness = compiler.CompileAction(witnessed, Scope.Root(compiler.Root, witnessLayout).Child(witnessLayout), initial: false);
                _witnessFrameSize = witnessLayout.Size;
            }
        }

        var bodyLayout = new FrameLayout(null);
        var scope = Scope.Root(definition.Context, bodyLayout).Child(bodyLayout);
        foreach (var parameter in definition.Definition.Parameters)
            scope.Add(new LocalSymbol(parameter.Name, bodyLayout, bodyLayout.Allocate(), parameter.Arity == 0 ? LocalKind.Value : LocalKind.Operator, Levels.Constant) { Arity = parameter.Arity });
        var letSlots = new List<int>();
        var conjuncts = new List<(Expression Syntax, Scope Scope)>();
        Flatten(definition.Definition.Body, scope, conjuncts, letSlots, compiler);
        _letSlots = letSlots.ToArray();
        ConjunctSyntax = conjuncts.Select(static c => c.Syntax).ToArray();
        _conjunctScopes = conjuncts.Select(static c => c.Scope).ToArray();
        _conjuncts = conjuncts.Select(c => compiler.CompileAction(c.Syntax, c.Scope, initial: false)).ToArray();
        _bodyLayout = bodyLayout;
    }

    internal static Expression NextOf(ConformanceSpec spec) => spec.NextExpression;

    public string Name { get; }

    public DefinitionSymbol Definition { get; }

    public IReadOnlyList<string> Parameters { get; }

    public IReadOnlyList<Expression> ConjunctSyntax { get; }

    /// <summary>The body frame's size so far (expressions compiled later for a diagnosis may add slots).</summary>
    public int BodyFrameSize => _bodyLayout.Size;

    /// <summary>
    /// Runs Next restricted to this action from <paramref name="context"/>.Current with the primed
    /// variables already in context.Next (null = free); <paramref name="onSuccessor"/> sees each
    /// complete successor and returns false to stop.
    /// </summary>
    public void Successors(EvalContext context, Func<EvalContext, bool> onSuccessor) =>
        _restricted.Run(context, _restrictedFrameSize == 0 ? null : new Frame(_restrictedFrameSize, null), new Callback(onSuccessor));

    /// <summary>Next restricted to this action, to run with a frame of <see cref="RestrictedFrameSize"/> slots.</summary>
    public ActionNode Restricted => _restricted;

    public int RestrictedFrameSize => _restrictedFrameSize;

    /// <summary>
    /// Next restricted to this action, each call of the action preceded by a witness that records its
    /// arguments (<see cref="LastWitnessed"/>); null when the action takes operator parameters.
    /// </summary>
    public ActionNode? Witness => _witness;

    public int WitnessFrameSize => _witnessFrameSize;

    /// <summary>
    /// The arguments of the call the last witness evaluation on this thread saw: after a run of
    /// <see cref="Witness"/> stopped at its first success, those of the instance that succeeded.
    /// </summary>
    public static Value[]? LastWitnessed => WitnessExpr.Last;

    /// <summary>The argument tuples Next would call this action with from the current state (empty when no call is possible).</summary>
    public IReadOnlyList<Value[]> Instances(EvalContext context)
    {
        if (_probe is null) return [];
        // One recorder per action, shared by the threads that validate with this spec.
        lock (_probeRecorder)
        {
            _probeRecorder.Clear();
            _probe.Run(context, _probeFrameSize == 0 ? null : new Frame(_probeFrameSize, null), new Callback(static _ => true));
            return _probeRecorder.Tuples.ToArray();
        }
    }

    /// <summary>A frame of the body with the parameters bound.</summary>
    public Frame BodyFrame(IReadOnlyList<Value> arguments)
    {
        var frame = new Frame(Math.Max(BodyFrameSize, 1), null);
        for (var i = 0; i < arguments.Count && i < Parameters.Count; i++) frame.Slots[i] = arguments[i];
        return frame;
    }

    /// <summary>
    /// Runs the instance's conjuncts left to right; returns how many hold together at most (the
    /// conjunct count when the whole instance holds), and calls <paramref name="onSuccessor"/> per complete successor.
    /// </summary>
    public int RunInstance(EvalContext context, IReadOnlyList<Value> arguments, Func<EvalContext, bool>? onSuccessor = null)
    {
        var frame = BodyFrame(arguments);
        foreach (var slot in _letSlots) frame.Slots[slot] = null;
        var state = new ChainState(_conjuncts, frame, onSuccessor ?? (static _ => false));
        if (_conjuncts.Length == 0) return 0;
        _conjuncts[0].Run(context, frame, new ChainStep(state, 1));
        return state.Deepest;
    }

    /// <summary>Compiles a part of conjunct <paramref name="conjunct"/> in that conjunct's scope (parameters and LET names bound).</summary>
    public Expr CompileInConjunct(int conjunct, Expression expression) => Compile(expression, _conjunctScopes[conjunct]);

    /// <summary>The scope conjunct <paramref name="conjunct"/> was compiled in (parameters and enclosing LET names bound).</summary>
    public Scope ConjunctScope(int conjunct) => _conjunctScopes[conjunct];

    public Expr Compile(Expression expression, Scope scope)
    {
        lock (_spec.CompilerLock) return _spec.Compiler.CompileExpr(expression, scope);
    }

    /// <summary>The scope inside a LET met while explaining a conjunct (its definitions get fresh slots of the body's frame).</summary>
    public Scope EnterLet(LetIn let, Scope scope)
    {
        lock (_spec.CompilerLock) return _spec.Compiler.CompileLetScope(let, scope).Inner;
    }

    /// <summary>Compiles a part of conjunct <paramref name="conjunct"/> as an action, and tells whether it holds for the instance.</summary>
    public bool Holds(Scope scope, Expression part, EvalContext context, IReadOnlyList<Value> arguments)
    {
        ActionNode node;
        lock (_spec.CompilerLock) node = _spec.Compiler.CompileAction(part, scope, initial: false);
        var held = false;
        node.Run(context, BodyFrame(arguments), new Callback(_ => !(held = true)));
        return held;
    }

    /// <summary>
    /// The body's conjuncts, looking through LETs (their definitions get slots in the body's frame,
    /// cleared before each instance is run, as LetAction does).
    /// </summary>
    private static void Flatten(Expression body, Scope scope, List<(Expression, Scope)> into, List<int> letSlots, Compiler compiler)
    {
        switch (body)
        {
            case JunctionList { Kind: JunctionKind.Conjunction } list:
                foreach (var item in list.Items) Flatten(item, scope, into, letSlots, compiler);
                return;
            case OperatorApplication { Operator: "/\\" } and:
                foreach (var operand in and.Operands) Flatten(operand, scope, into, letSlots, compiler);
                return;
            case LetIn let:
            {
                var (inner, slots) = compiler.CompileLetScope(let, scope);
                letSlots.AddRange(slots);
                Flatten(let.Body, inner, into, letSlots, compiler);
                return;
            }
            default:
                into.Add((body, scope));
                return;
        }
    }

    private sealed class Callback(Func<EvalContext, bool> onSuccessor) : Continuation
    {
        public override bool Continue(EvalContext context) => onSuccessor(context);
    }

    private sealed class ChainState(ActionNode[] conjuncts, Frame frame, Func<EvalContext, bool> onSuccessor)
    {
        public readonly ActionNode[] Conjuncts = conjuncts;
        public readonly Frame Frame = frame;
        public readonly Func<EvalContext, bool> OnSuccessor = onSuccessor;
        public int Deepest;
    }

    private sealed class ChainStep(ChainState state, int index) : Continuation
    {
        public override bool Continue(EvalContext context)
        {
            if (index > state.Deepest) state.Deepest = index;
            if (index == state.Conjuncts.Length) return state.OnSuccessor(context);
            return state.Conjuncts[index].Run(context, state.Frame, new ChainStep(state, index + 1));
        }
    }

    private sealed class ProbeRecorder
    {
        private readonly HashSet<TupleKey> _seen = [];

        public List<Value[]> Tuples { get; } = [];

        public void Clear()
        {
            _seen.Clear();
            Tuples.Clear();
        }

        public void Add(Value[] tuple)
        {
            if (_seen.Add(new TupleKey(tuple))) Tuples.Add(tuple);
        }
    }

    /// <summary>Stands for the action's call inside Next: records the arguments and holds.</summary>
    private sealed class ProbeExpr(SourceSpan span, Expr[] arguments, ProbeRecorder recorder) : Expr(span, Levels.Action)
    {
        public override Value Eval(EvalContext context, Frame? frame)
        {
            var values = new Value[arguments.Length];
            for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Eval(context, frame);
            recorder.Add(values);
            return BoolValue.True;
        }
    }
}

/// <summary>
/// Stands just before the action's call inside Next: records the arguments and holds. Per thread,
/// because validators on several threads run the same compiled witness.
/// </summary>
internal sealed class WitnessExpr(SourceSpan span, Expr[] arguments) : Expr(span, Levels.Action)
{
    [ThreadStatic] private static Value[]? t_last;

    public static Value[]? Last => t_last;

    public override Value Eval(EvalContext context, Frame? frame)
    {
        var values = new Value[arguments.Length];
        for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Eval(context, frame);
        t_last = values;
        return BoolValue.True;
    }
}

/// <summary>A tuple of values as a hash key (states, argument lists).</summary>
internal readonly struct TupleKey(Value?[] values) : IEquatable<TupleKey>
{
    public Value?[] Values { get; } = values;

    public bool Equals(TupleKey other)
    {
        if (other.Values.Length != Values.Length) return false;
        for (var i = 0; i < Values.Length; i++)
            if (!Equals(Values[i], other.Values[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is TupleKey other && Equals(other);

    public override int GetHashCode()
    {
        ulong hash = 17;
        foreach (var value in Values) hash = hash * 31 + (value?.Fingerprint ?? 0);
        return (int)(hash ^ (hash >> 32));
    }
}
