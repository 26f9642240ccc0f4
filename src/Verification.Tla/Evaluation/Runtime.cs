using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// The local storage of one activation of a compiled operator body: its parameters, the variables
/// bound inside it (quantifiers, set builders, CHOOSE, function constructors) and its LET
/// definitions, each at a slot fixed at compile time. LAMBDAs and LET operators see the frame they
/// were defined in through <see cref="Parent"/> (lexical scoping).
/// </summary>
public sealed class Frame(int size, Frame? parent)
{
    public readonly object?[] Slots = size == 0 ? [] : new object?[size];
    public readonly Frame? Parent = parent;

    public Frame Up(int depth)
    {
        var frame = this;
        for (var i = 0; i < depth; i++) frame = frame.Parent!;
        return frame;
    }
}

/// <summary>
/// An operator argument evaluated when (and each time) the parameter is used, because it refers to
/// primed variables that the enclosing action may not have assigned yet (TLC passes such arguments
/// unevaluated too).
/// </summary>
public sealed class Thunk(Expr expression, Frame? frame)
{
    public Value Force(EvalContext context) => expression.Eval(context, frame);
}

/// <summary>An operator passed as an argument (`Op(F(_), x)`): a named operator, a LAMBDA, or a built-in.</summary>
public abstract class OperatorValue
{
    public abstract int Arity { get; }

    public abstract Value Invoke(EvalContext context, Value[] arguments);
}

/// <summary>
/// Per-thread evaluation state: the state being explored, the successor under construction (or
/// the complete successor when checking a step), and the sink Print writes to. Compiled code is
/// shared between threads; everything that changes during evaluation lives here.
/// </summary>
public sealed class EvalContext
{
    /// <summary>Values of the unprimed variables (during Init enumeration: the partial initial state).</summary>
    public Value?[] Current;

    /// <summary>Values of the primed variables; null entries are not assigned yet.</summary>
    public Value?[] Next;

    /// <summary>True while the initial predicate is enumerated (it assigns <see cref="Current"/>).</summary>
    public bool EnumeratesInitialStates;

    /// <summary>True while ENABLED is evaluated (A \cdot B reads its continuation as TLC's ENABLED does).</summary>
    public bool EvaluatesEnabled;

    /// <summary>
    /// Whether every variable the enumeration assigns has its value. From then on TLC evaluates
    /// the conjuncts still pending as plain booleans: a disjunction or \E there no longer yields
    /// one (duplicate) state per satisfied branch.
    /// </summary>
    public bool AllAssigned()
    {
        foreach (var value in EnumeratesInitialStates ? Current : Next)
            if (value is null) return false;
        return true;
    }

    public readonly CompiledSpec Spec;

    public EvalContext(CompiledSpec spec)
    {
        Spec = spec;
        Current = new Value?[spec.Variables.Count];
        Next = new Value?[spec.Variables.Count];
    }

    /// <summary>Where Print and PrintT write (TLC prints to standard output as it evaluates).</summary>
    public TextWriter? PrintOutput;

    /// <summary>The continuation ActionNode.Holds runs its node with, made once per context.</summary>
    internal ActionNode.Probe? HoldsProbe;

    /// <summary>How deeply calls of defined operators are nested right now.</summary>
    public int CallDepth;

    /// <summary>The error for a recursion that has used up the evaluation thread's stack.</summary>
    public static EvaluationException TooDeep(string name, Syntax.SourceSpan span) =>
        new($"The evaluation of {name} recursed too deeply: the stack is exhausted (is a recursive definition missing its base case?).", span);

    /// <summary>RandomElement's source; seeded so that runs are reproducible.</summary>
    public Random Random = new(0);

    /// <summary>
    /// TLCGet("level") as TLC 2.19 gives it: the level of the state whose successors are being
    /// computed (1 for an initial state), also in the checks of those successors; 0 in ASSUMEs,
    /// the initial predicate and the checks of initial states. The search sets it.
    /// </summary>
    public int Level;

    /// <summary>
    /// TLCGet("queue"), ("generated"), ("distinct"), ("diameter"): the search's counters when the
    /// state being expanded was taken from the queue (the liveness check sets, for each state, the
    /// queue as it was right after that state's successors were added, where TLC evaluates it).
    /// </summary>
    public Library.SearchCounters Search;

    /// <summary>TLCSet/TLCGet registers: TLC keeps them per worker, shared by all its evaluations.</summary>
    public Library.TlcRegisters Registers = new();

    /// <summary>What TLCGet("config") and the other run-wide TLCGet keys report.</summary>
    public Library.TlcRunInfo RunInfo = Library.TlcRunInfo.Default;

    /// <summary>The spec's model values, for TLCModelValue("name") (null outside a model).</summary>
    public ModelValueRegistry? ModelValues;
}
