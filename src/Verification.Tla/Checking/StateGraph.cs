namespace Verification.Tla.Checking;

/// <summary>
/// The explored state graph, recorded by the breadth-first search when liveness checking (or
/// -dump) needs it; TLC's temporal checks use the same graph. States by dense id in the search's
/// discovery order, the initial ones, and each state's distinct successors in the order they were
/// generated, each with the action that first generated it (constraint-discarded successors are not
/// part of the graph). While the search runs, an expansion records its successors by fingerprint (a
/// worker may meet a state another worker has not numbered yet); <see cref="Complete"/> turns them
/// into ids once the search is over, into one flat edge array (compressed rows), so an edge also has
/// a dense number, <see cref="EdgeIndex"/>, that per-edge data can be indexed by.
/// </summary>
public sealed class StateGraph<TState>
{
    private readonly object _lock = new();
    private readonly List<TState> _states = [];
    private readonly List<int> _initial = [];
    private readonly List<Edge[]?> _pending = [];

    // After Complete: the successors of state s are _targets[_offsets[s] .. _offsets[s + 1]).
    private int[] _offsets = [0];
    private int[] _targets = [];
    private int[] _actions = [];
    private Dictionary<ulong, int> _byFingerprint = [];

    /// <summary>A successor as an expansion recorded it: the state's fingerprint and the action that generated it.</summary>
    public readonly record struct Edge(ulong Fingerprint, int Action);

    public int StateCount => _states.Count;

    public int EdgeCount => _targets.Length;

    public IReadOnlyList<int> InitialStates => _initial;

    public TState State(int id) => _states[id];

    /// <summary>The distinct successors of a state, in the order they were generated.</summary>
    public ReadOnlySpan<int> Successors(int id) => _targets.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The number of the edge from <paramref name="from"/> to <paramref name="to"/> (0..EdgeCount-1), or −1 when there is none.</summary>
    public int EdgeIndex(int from, int to)
    {
        var position = Successors(from).IndexOf(to);
        return position < 0 ? -1 : _offsets[from] + position;
    }

    /// <summary>The action that first generated an edge (see <see cref="EdgeIndex"/>).</summary>
    public int ActionOf(int edge) => _actions[edge];

    /// <summary>The id of the state with this fingerprint, or −1.</summary>
    public int IdOf(ulong fingerprint) => _byFingerprint.GetValueOrDefault(fingerprint, -1);

    internal void AddState(int id, TState state, bool initial)
    {
        lock (_lock)
        {
            while (_states.Count <= id)
            {
                _states.Add(default!);
                _pending.Add(null);
            }
            _states[id] = state;
            if (initial) _initial.Add(id);
        }
    }

    /// <summary>Records the successors one expansion of state <paramref name="from"/> generated (duplicates included).</summary>
    internal void SetSuccessors(int from, List<Edge> edges)
    {
        var distinct = new Edge[edges.Count];
        var count = 0;
        // A linear scan for the usual handful of successors; a set for a large fan-out.
        var large = edges.Count > 32 ? new HashSet<ulong>() : null;
        foreach (var edge in edges)
        {
            var seen = false;
            if (large is not null) seen = !large.Add(edge.Fingerprint);
            else
                for (var i = 0; i < count && !seen; i++) seen = distinct[i].Fingerprint == edge.Fingerprint;
            if (!seen) distinct[count++] = edge;
        }
        if (count < distinct.Length) Array.Resize(ref distinct, count);
        lock (_lock) _pending[from] = distinct;
    }

    /// <summary>Numbers the recorded edges once the search is over; <paramref name="fingerprintOf"/> gives each state's fingerprint.</summary>
    internal void Complete(Func<int, ulong> fingerprintOf)
    {
        var byFingerprint = new Dictionary<ulong, int>(_states.Count);
        for (var id = 0; id < _states.Count; id++) byFingerprint[fingerprintOf(id)] = id;
        var offsets = new int[_states.Count + 1];
        var targets = new List<int>();
        var actions = new List<int>();
        for (var id = 0; id < _states.Count; id++)
        {
            offsets[id] = targets.Count;
            foreach (var edge in _pending[id] ?? [])
            {
                // A state found by another worker after the search stopped has no id: not part of the graph.
                if (!byFingerprint.TryGetValue(edge.Fingerprint, out var to)) continue;
                targets.Add(to);
                actions.Add(edge.Action);
            }
            _pending[id] = null;
        }
        offsets[_states.Count] = targets.Count;
        _offsets = offsets;
        _targets = targets.ToArray();
        _actions = actions.ToArray();
        _byFingerprint = byFingerprint;
    }
}
