namespace Verification.Tla.Checking;

/// <summary>
/// A state space as the search sees it: initial states, successors per action, fingerprints and
/// the checks TLC makes on every state and transition. The compiled TLA+ spec is one; tests use
/// small hand-written ones to pin the search's counting rules down independently of the language.
/// Implementations are immutable; all per-thread scratch lives in an <see cref="IStateExplorer{TState}"/>.
/// </summary>
public interface ITransitionSystem<TState>
{
    /// <summary>The actions of the next-state relation in the order TLC tries them.</summary>
    IReadOnlyList<string> ActionLabels { get; }

    IReadOnlyList<string> InvariantNames { get; }

    IReadOnlyList<string> ActionPropertyNames { get; }

    /// <summary>PROPERTY conjuncts that are state predicates: TLC checks them on the initial states.</summary>
    IReadOnlyList<string> InitialPropertyNames { get; }

    /// <summary>One explorer per worker thread.</summary>
    IStateExplorer<TState> CreateExplorer();
}

/// <summary>Receives generated states one at a time; returning false stops the enumeration.</summary>
public interface IStateSink<TState>
{
    bool Accept(TState state, int action);

    /// <summary>States generated on the way to a successor (the intermediate states of A \cdot B), counted as TLC counts them.</summary>
    void CountGenerated(int count) { }
}

/// <summary>
/// Per-thread access to a <see cref="ITransitionSystem{TState}"/>. Evaluation errors surface as
/// <see cref="Evaluation.EvaluationException"/>.
/// </summary>
public interface IStateExplorer<TState>
{
    /// <summary>Enumerates the initial states (action index −1) in TLC's order.</summary>
    void InitialStates(IStateSink<TState> sink);

    /// <summary>Enumerates the successors of <paramref name="state"/>, action by action.</summary>
    void Successors(TState state, IStateSink<TState> sink);

    /// <summary>The fingerprint deciding distinctness (after VIEW and SYMMETRY).</summary>
    ulong Fingerprint(TState state);

    /// <summary>CONSTRAINT: false keeps the state out of the explored graph.</summary>
    bool SatisfiesStateConstraints(TState state);

    /// <summary>ACTION_CONSTRAINT: false prunes the transition.</summary>
    bool SatisfiesActionConstraints(TState from, TState to);

    /// <summary>INVARIANT number <paramref name="index"/> holds in the state.</summary>
    bool Invariant(int index, TState state);

    /// <summary>Action property (<c>[][A]_v</c>) number <paramref name="index"/> holds for the step.</summary>
    bool ActionProperty(int index, TState from, TState to);

    /// <summary>State-predicate property number <paramref name="index"/> holds in an initial state.</summary>
    bool InitialProperty(int index, TState state);
}

/// <summary>
/// An explorer that wants to know the level (BFS depth) of the states it is given, for
/// TLCGet("level"): 0 while the initial states are computed and checked, then the level of the
/// states whose successors are computed (and checked) next.
/// </summary>
public interface ILevelAwareExplorer
{
    void AtLevel(int level);

    /// <summary>The search's counters as the next state to expand leaves the queue (for TLCGet("queue") and the like).</summary>
    void AtCounters(Library.SearchCounters counters) { }
}
