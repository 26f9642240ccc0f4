using Verification.Tla.Liveness;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// A small state graph built by breadth-first search over C# successor functions, so the liveness
/// core can be tested without the TLA+ front end. States are tuples printed as "(a,b)".
/// </summary>
internal sealed class ExplicitGraph : IStateGraph
{
    private readonly List<object[]> _states = [];
    private readonly Dictionary<string, int> _index = [];
    private readonly List<List<int>> _successors = [];
    private readonly List<int> _initial = [];
    private readonly List<Func<object[], bool>> _statePredicates = [];
    private readonly List<Func<object[], object[], bool>> _actionPredicates = [];

    public int StateCount => _states.Count;

    public IReadOnlyList<int> InitialStates => _initial;

    public ReadOnlySpan<int> Successors(int state) => _successors[state].ToArray();

    public bool EvalState(int atom, int state) => _statePredicates[atom](_states[state]);

    public bool EvalAction(int atom, int from, int to) => _actionPredicates[atom](_states[from], _states[to]);

    public string Show(int state) => Key(_states[state]);

    /// <summary>Explores from <paramref name="initial"/>; each action returns a successor or null when disabled.</summary>
    public static ExplicitGraph Explore(object[] initial, params Func<object[], object[]?>[] actions)
    {
        var graph = new ExplicitGraph();
        var queue = new Queue<int>();
        var start = graph.Add(initial, out _);
        graph._initial.Add(start);
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var action in actions)
            {
                if (action(graph._states[state]) is not { } next) continue;
                var target = graph.Add(next, out var isNew);
                if (!graph._successors[state].Contains(target)) graph._successors[state].Add(target);
                if (isNew) queue.Enqueue(target);
            }
        }
        return graph;
    }

    public StateAtom Predicate(string text, Func<object[], bool> predicate)
    {
        _statePredicates.Add(predicate);
        return new StateAtom(_statePredicates.Count - 1, text);
    }

    /// <summary>WF_vars(A) or SF_vars(A) for a deterministic action A.</summary>
    public Fairness Fair(bool strong, Func<object[], object[]?> action, string text)
    {
        _statePredicates.Add(s => action(s) is { } t && Key(t) != Key(s));
        var enabled = _statePredicates.Count - 1;
        _actionPredicates.Add((s, t) => action(s) is { } u && Key(u) == Key(t) && Key(t) != Key(s));
        return new Fairness(strong, enabled, _actionPredicates.Count - 1, text);
    }

    private int Add(object[] state, out bool isNew)
    {
        var key = Key(state);
        isNew = !_index.TryGetValue(key, out var id);
        if (!isNew) return id;
        id = _states.Count;
        _states.Add(state);
        _index[key] = id;
        _successors.Add([]);
        return id;
    }

    private static string Key(object[] state) => "(" + string.Join(",", state) + ")";
}
