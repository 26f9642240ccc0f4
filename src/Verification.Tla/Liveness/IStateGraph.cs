namespace Verification.Tla.Liveness;

/// <summary>
/// The explored state graph as the liveness checker sees it: states are dense ids 0..StateCount-1
/// (the model checker's discovery order), edges are the successors the model checker computed, in
/// the order it computed them. Stuttering is implicit: every state may also step to itself.
/// Atoms are evaluated on demand, only where the search needs them; an implementation memoizes them
/// (the checker asks again for each property, and TLC splits a quantified property into many).
/// </summary>
public interface IStateGraph
{
    int StateCount { get; }

    IReadOnlyList<int> InitialStates { get; }

    /// <summary>Distinct successors of a state, in the order the model checker generated them.</summary>
    ReadOnlySpan<int> Successors(int state);

    bool EvalState(int atom, int state);

    /// <summary>Evaluates an action atom on the step from <paramref name="from"/> to <paramref name="to"/>.</summary>
    bool EvalAction(int atom, int from, int to);
}

/// <summary>
/// A fairness condition of the specification: WF_v(A) or SF_v(A). <see cref="Taken"/> is the
/// action atom &lt;&lt;A&gt;&gt;_v; <see cref="Enabled"/> the state atom ENABLED &lt;&lt;A&gt;&gt;_v.
/// </summary>
public sealed record Fairness(bool Strong, int Enabled, int Taken, string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// A behaviour violating the property: <see cref="States"/> is the prefix followed by the cycle;
/// the behaviour returns from the last state to <c>States[LoopStart]</c>. When
/// <see cref="Stuttering"/> is set, the cycle is the last state stuttering forever (TLC's
/// "State k: Stuttering") and LoopStart is the last index.
/// </summary>
public sealed record LassoTrace(IReadOnlyList<int> States, int LoopStart, bool Stuttering);
