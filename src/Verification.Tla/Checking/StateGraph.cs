namespace Verification.Tla.Checking;

/// <summary>
/// The explored state graph, recorded when liveness checking needs it (TLC keeps the same graph
/// for its temporal checks): states by dense id in discovery order, the initial ones, and each
/// state's distinct successors in the order they were generated (constraint-discarded ones are not
/// part of the graph). Recording costs the states themselves plus an id per edge, so plain safety
/// checking leaves it off.
/// </summary>
public sealed class StateGraph<TState>
{
    private readonly object _lock = new();
    private readonly List<TState> _states = [];
    private readonly List<int> _initial = [];
    private readonly List<List<int>> _successors = [];
    private readonly Dictionary<ulong, int> _byFingerprint = [];

    public int StateCount => _states.Count;

    public IReadOnlyList<int> InitialStates => _initial;

    public TState State(int id) => _states[id];

    public IReadOnlyList<int> Successors(int id) => _successors[id];

    /// <summary>The id of the state with this fingerprint, or −1.</summary>
    public int IdOf(ulong fingerprint) => _byFingerprint.GetValueOrDefault(fingerprint, -1);

    internal void AddState(int id, TState state, ulong fingerprint, bool initial)
    {
        lock (_lock)
        {
            while (_states.Count <= id)
            {
                _states.Add(default!);
                _successors.Add([]);
            }
            _states[id] = state;
            _byFingerprint[fingerprint] = id;
            if (initial) _initial.Add(id);
        }
    }

    internal void AddEdge(int from, ulong toFingerprint)
    {
        lock (_lock)
        {
            var to = _byFingerprint[toFingerprint];
            var list = _successors[from];
            if (!list.Contains(to)) list.Add(to);
        }
    }
}
