namespace Verification.Tla.Liveness;

/// <summary>
/// A temporal formula over atoms, the form in which the liveness checker receives a property.
/// Atoms are indices into the model's tables: a <see cref="StateAtom"/> is a state predicate, an
/// <see cref="ActionAtom"/> a predicate of a step (the current state and the next). TLA+ has no
/// "next" operator, so every formula here is stuttering-insensitive; <see cref="Until"/> and
/// <see cref="Release"/> only appear after <see cref="LtlNormalForm.Negate"/> has pushed negations in.
/// </summary>
public abstract record Ltl
{
    public static Ltl True { get; } = new Const(true);
    public static Ltl False { get; } = new Const(false);

    public static Ltl operator !(Ltl f) => new Not(f);
    public static Ltl operator &(Ltl l, Ltl r) => new And(l, r);
    public static Ltl operator |(Ltl l, Ltl r) => new Or(l, r);

    public static Ltl Implies(Ltl l, Ltl r) => new Or(new Not(l), r);

    /// <summary>P ~> Q, which TLA+ defines as [](P => <>Q).</summary>
    public static Ltl LeadsTo(Ltl p, Ltl q) => new Always(Implies(p, new Eventually(q)));
}

// The atoms hash by their id alone (equal atoms have equal ids): the tableau hashes formula sets
// over and over, and hashing an atom's text took two thirds of a 6-property tableau's time.
public sealed record StateAtom(int Id, string Text) : Ltl
{
    public override string ToString() => Text;

    public override int GetHashCode() => Id * 31 + 1;
}

public sealed record ActionAtom(int Id, string Text) : Ltl
{
    public override string ToString() => Text;

    public override int GetHashCode() => Id * 31 + 2;
}

public sealed record Const(bool Value) : Ltl
{
    public override string ToString() => Value ? "TRUE" : "FALSE";
}

public sealed record Not(Ltl Operand) : Ltl
{
    public override string ToString() => $"~({Operand})";
}

public sealed record And(Ltl Left, Ltl Right) : Ltl
{
    public override string ToString() => $"({Left} /\\ {Right})";
}

public sealed record Or(Ltl Left, Ltl Right) : Ltl
{
    public override string ToString() => $"({Left} \\/ {Right})";
}

public sealed record Always(Ltl Operand) : Ltl
{
    public override string ToString() => $"[]({Operand})";
}

public sealed record Eventually(Ltl Operand) : Ltl
{
    public override string ToString() => $"<>({Operand})";
}

/// <summary>Left U Right: Right eventually holds, and Left holds at every state before.</summary>
public sealed record Until(Ltl Left, Ltl Right) : Ltl
{
    public override string ToString() => $"({Left} U {Right})";
}

/// <summary>Left R Right: Right holds up to and including the first state where Left holds (forever if never).</summary>
public sealed record Release(Ltl Left, Ltl Right) : Ltl
{
    public override string ToString() => $"({Left} R {Right})";
}

/// <summary>Negation normal form over Until/Release, the input of the tableau construction.</summary>
public static class LtlNormalForm
{
    /// <summary>The NNF of ~f: the formula whose models are exactly the behaviours violating f.</summary>
    public static Ltl Negate(Ltl f) => Nnf(f, negated: true);

    public static Ltl Normalize(Ltl f) => Nnf(f, negated: false);

    private static Ltl Nnf(Ltl f, bool negated) => f switch
    {
        Const c => new Const(c.Value ^ negated),
        StateAtom or ActionAtom => negated ? new Not(f) : f,
        Not n => Nnf(n.Operand, !negated),
        And a => negated ? new Or(Nnf(a.Left, true), Nnf(a.Right, true)) : new And(Nnf(a.Left, false), Nnf(a.Right, false)),
        Or o => negated ? new And(Nnf(o.Left, true), Nnf(o.Right, true)) : new Or(Nnf(o.Left, false), Nnf(o.Right, false)),
        // []P == FALSE R P;  ~[]P == <>~P == TRUE U ~P
        Always a => negated ? new Until(Ltl.True, Nnf(a.Operand, true)) : new Release(Ltl.False, Nnf(a.Operand, false)),
        // <>P == TRUE U P;   ~<>P == []~P == FALSE R ~P
        Eventually e => negated ? new Release(Ltl.False, Nnf(e.Operand, true)) : new Until(Ltl.True, Nnf(e.Operand, false)),
        Until u => negated ? new Release(Nnf(u.Left, true), Nnf(u.Right, true)) : new Until(Nnf(u.Left, false), Nnf(u.Right, false)),
        Release r => negated ? new Until(Nnf(r.Left, true), Nnf(r.Right, true)) : new Release(Nnf(r.Left, false), Nnf(r.Right, false)),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown temporal formula"),
    };
}
