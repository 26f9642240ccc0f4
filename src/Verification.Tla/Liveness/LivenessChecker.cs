namespace Verification.Tla.Liveness;

/// <summary>
/// Decides whether every fair behaviour of a state graph satisfies a temporal property, as TLC
/// does: the product of the graph with a tableau of the negated property is searched for a
/// strongly connected component that is accepting (meets every acceptance set) and fair (meets
/// every WF/SF condition); such a component yields a lasso-shaped counterexample.
/// </summary>
/// <remarks>
/// Components are found by Tarjan's algorithm in depth-first order from the initial states, the
/// graph's successors before the stuttering step, and the first good component wins; its trace is
/// a shortest path to the component's first-visited node followed by a cycle through that node.
/// This is the order TLC's own search uses, which is why our counterexamples have TLC's lengths.
/// Strong fairness uses the Emerson–Lei refinement: a component where SF_v(A) is violated loses the
/// nodes where A is enabled and is searched again.
/// </remarks>
public sealed class LivenessChecker
{
    private readonly IStateGraph _graph;
    private readonly Tableau _tableau;
    private readonly IReadOnlyList<Fairness> _fairness;
    private readonly int _tableauSize;

    // Per tableau node, compiled once: its state and action literals as (atom, expected value), its successors.
    private readonly Literal[][] _stateLiterals;
    private readonly Literal[][] _actionLiterals;
    private readonly int[][] _tableauSuccessors;

    private readonly record struct Literal(int Atom, bool Holds);

    // Product nodes are (state, tableau node) pairs, numbered densely on first visit: _index maps
    // state × tableau size + tableau node to the number (−1 before the visit), _keys back.
    private readonly int[] _index;
    private readonly List<long> _keys = [];

    // Product successors, computed once per node.
    private readonly List<int[]?> _successors = [];
    private readonly List<int> _successorBuffer = [];

    private LivenessChecker(IStateGraph graph, Tableau tableau, IReadOnlyList<Fairness> fairness)
    {
        _graph = graph;
        _tableau = tableau;
        _fairness = fairness;
        _tableauSize = tableau.Nodes.Count;
        _index = new int[checked(graph.StateCount * _tableauSize)];
        Array.Fill(_index, -1);
        _stateLiterals = tableau.Nodes.Select(n => n.StateLiterals.Select(StateLiteral).ToArray()).ToArray();
        _actionLiterals = tableau.Nodes.Select(n => n.ActionLiterals.Select(ActionLiteral).ToArray()).ToArray();
        _tableauSuccessors = tableau.Nodes.Select(n => n.Successors.ToArray()).ToArray();
    }

    private static Literal StateLiteral(Ltl literal) => literal switch
    {
        StateAtom a => new Literal(a.Id, true),
        Not { Operand: StateAtom a } => new Literal(a.Id, false),
        _ => throw new InvalidOperationException($"not a state literal: {literal}"),
    };

    private static Literal ActionLiteral(Ltl literal) => literal switch
    {
        ActionAtom a => new Literal(a.Id, true),
        Not { Operand: ActionAtom a } => new Literal(a.Id, false),
        _ => throw new InvalidOperationException($"not an action literal: {literal}"),
    };

    /// <summary>Number of product nodes the last search visited (states × tableau nodes reached).</summary>
    public int ProductNodes => _keys.Count;

    /// <summary>
    /// Checks <paramref name="property"/> on every behaviour of the graph that satisfies the
    /// fairness conditions. Returns null when it holds, else a counterexample.
    /// </summary>
    public static LassoTrace? Check(IStateGraph graph, Ltl property, IReadOnlyList<Fairness> fairness)
        => Check(graph, property, fairness, out _);

    public static LassoTrace? Check(IStateGraph graph, Ltl property, IReadOnlyList<Fairness> fairness, out int productNodes)
    {
        var tableau = Tableau.Build(LtlNormalForm.Negate(property));
        var checker = new LivenessChecker(graph, tableau, fairness);
        var trace = checker.Search();
        productNodes = checker.ProductNodes;
        return trace;
    }

    private int StateOf(int node) => (int)(_keys[node] / _tableauSize);

    private int TableauOf(int node) => (int)(_keys[node] % _tableauSize);

    private int NodeFor(int state, int tableauNode)
    {
        var key = state * _tableauSize + tableauNode;
        var id = _index[key];
        if (id >= 0) return id;
        id = _keys.Count;
        _keys.Add(key);
        _successors.Add(null);
        _index[key] = id;
        return id;
    }

    // The graph evaluates each atom once per state or step (see IStateGraph).
    private bool StateAtom(int atom, int state) => _graph.EvalState(atom, state);

    private bool ActionAtom(int atom, int from, int to) => _graph.EvalAction(atom, from, to);

    private bool Satisfies(int state, int tableauNode)
    {
        foreach (var literal in _stateLiterals[tableauNode])
            if (StateAtom(literal.Atom, state) != literal.Holds) return false;
        return true;
    }

    private bool StepSatisfies(int from, int to, int tableauNode)
    {
        foreach (var literal in _actionLiterals[tableauNode])
            if (ActionAtom(literal.Atom, from, to) != literal.Holds) return false;
        return true;
    }

    /// <summary>Product successors of a node: graph successors first (in order), then stuttering.</summary>
    private int[] ProductSuccessors(int node)
    {
        if (_successors[node] is { } cached) return cached;
        var state = StateOf(node);
        var tableauNode = TableauOf(node);
        var result = _successorBuffer;
        result.Clear();
        var successors = _graph.Successors(state);
        var hasSelfLoop = false;
        foreach (var next in successors)
        {
            if (next == state) hasSelfLoop = true;
            AddStep(state, next, tableauNode, result);
        }
        if (!hasSelfLoop) AddStep(state, state, tableauNode, result);
        var array = result.ToArray();
        _successors[node] = array;
        return array;
    }

    private void AddStep(int from, int to, int tableauNode, List<int> into)
    {
        if (!StepSatisfies(from, to, tableauNode)) return;
        foreach (var next in _tableauSuccessors[tableauNode])
            if (Satisfies(to, next)) into.Add(NodeFor(to, next));
    }

    private IEnumerable<int> InitialNodes()
    {
        foreach (var state in _graph.InitialStates)
            foreach (var node in _tableau.Nodes)
                if (node.IsInitial && Satisfies(state, node.Id))
                    yield return NodeFor(state, node.Id);
    }

    private LassoTrace? Search()
    {
        var initial = InitialNodes().ToList();
        var good = FindGoodComponent(initial, allowed: null);
        if (good is null) return null;
        var (component, root) = good.Value;
        return BuildTrace(initial, component, root);
    }

    /// <summary>
    /// Tarjan's algorithm from the given roots, restricted to <paramref name="allowed"/> nodes when
    /// given; returns the first component that is accepting and fair, with its first-visited node.
    /// </summary>
    private (HashSet<int> Component, int Root)? FindGoodComponent(IEnumerable<int> roots, HashSet<int>? allowed)
    {
        // Product nodes are numbered densely as they are discovered, so per-node data lives in lists.
        var dfsIndex = new List<int>();
        var lowLink = new List<int>();
        var onStack = new List<bool>();
        var stack = new Stack<int>();
        var counter = 0;

        foreach (var root in roots)
        {
            if (Visited(root) || (allowed is not null && !allowed.Contains(root))) continue;
            var callStack = new Stack<(int Node, int NextChild)>();
            Visit(root);
            callStack.Push((root, 0));
            while (callStack.Count > 0)
            {
                var (node, nextChild) = callStack.Pop();
                var successors = ProductSuccessors(node);
                if (nextChild < successors.Length)
                {
                    callStack.Push((node, nextChild + 1));
                    var child = successors[nextChild];
                    if (allowed is not null && !allowed.Contains(child)) continue;
                    if (!Visited(child))
                    {
                        Visit(child);
                        callStack.Push((child, 0));
                    }
                    else if (onStack[child])
                    {
                        lowLink[node] = Math.Min(lowLink[node], dfsIndex[child]);
                    }
                    continue;
                }

                if (callStack.Count > 0)
                {
                    var parent = callStack.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }
                if (lowLink[node] != dfsIndex[node]) continue;

                // Most components are one node (the product graph is mostly acyclic but for stuttering): no set for those.
                if (stack.Peek() == node)
                {
                    stack.Pop();
                    onStack[node] = false;
                    if (IsGoodSingleton(node)) return ([node], node);
                    continue;
                }
                var component = new HashSet<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                } while (member != node);

                var found = CheckComponent(component, node);
                if (found is not null) return found;
            }
        }
        return null;

        bool Visited(int node) => node < dfsIndex.Count && dfsIndex[node] >= 0;

        void Visit(int node)
        {
            ProductSuccessors(node); // numbers the successors, so the lists below cover them
            while (dfsIndex.Count < _keys.Count)
            {
                dfsIndex.Add(-1);
                lowLink.Add(-1);
                onStack.Add(false);
            }
            dfsIndex[node] = lowLink[node] = counter++;
            stack.Push(node);
            onStack[node] = true;
        }
    }

    /// <summary>
    /// <see cref="CheckComponent"/> for a component of one node: its only inner edge is its self-loop,
    /// so a fairness condition is met when that step is an A step or A is disabled there (SF too,
    /// as removing the node would leave nothing).
    /// </summary>
    private bool IsGoodSingleton(int node)
    {
        if (Array.IndexOf(ProductSuccessors(node), node) < 0) return false;
        var tableauNode = TableauOf(node);
        foreach (var acceptance in _tableau.AcceptanceSets)
            if (!acceptance[tableauNode]) return false;
        var state = StateOf(node);
        foreach (var fairness in _fairness)
            if (!ActionAtom(fairness.Taken, state, state) && StateAtom(fairness.Enabled, state)) return false;
        return true;
    }

    private (HashSet<int>, int)? CheckComponent(HashSet<int> component, int root)
    {
        if (component.Count == 1 && !ProductSuccessors(root).Contains(root)) return null;

        foreach (var acceptance in _tableau.AcceptanceSets)
            if (!component.Any(n => acceptance[TableauOf(n)])) return null;

        foreach (var fairness in _fairness)
        {
            if (HasTakenEdge(component, fairness) is not null) continue;
            var enabledAt = component.Where(n => StateAtom(fairness.Enabled, StateOf(n))).ToList();
            if (enabledAt.Count < component.Count && !fairness.Strong) continue; // WF: disabled somewhere
            if (enabledAt.Count == 0) continue;                                   // SF: never enabled
            if (!fairness.Strong) return null;                                    // WF: enabled forever, never taken

            // SF violated here: a fair behaviour must avoid the states where A is enabled.
            var remaining = new HashSet<int>(component);
            remaining.ExceptWith(enabledAt);
            return remaining.Count == 0 ? null : FindGoodComponent(remaining.OrderBy(n => n).ToList(), remaining);
        }
        return (component, root);
    }

    /// <summary>An edge inside the component that is an &lt;&lt;A&gt;&gt;_v step, or null.</summary>
    private (int From, int To)? HasTakenEdge(HashSet<int> component, Fairness fairness)
    {
        foreach (var node in component.OrderBy(n => n))
            foreach (var next in ProductSuccessors(node))
                if (component.Contains(next) && ActionAtom(fairness.Taken, StateOf(node), StateOf(next)))
                    return (node, next);
        return null;
    }

    private LassoTrace BuildTrace(List<int> initial, HashSet<int> component, int root)
    {
        var prefix = ShortestPath(initial, n => n == root, allowed: null)!;

        // Walk a cycle from the root through a witness of every acceptance set and fairness condition.
        var cycle = new List<int> { root };
        var current = root;
        foreach (var acceptance in _tableau.AcceptanceSets)
            Extend(n => acceptance[TableauOf(n)]);
        foreach (var fairness in _fairness)
        {
            var takenAnywhere = HasTakenEdge(component, fairness) is not null;
            if (takenAnywhere)
            {
                var path = ShortestPath([current], n => ProductSuccessors(n).Any(m =>
                    component.Contains(m) && ActionAtom(fairness.Taken, StateOf(n), StateOf(m))), component)!;
                Append(path);
                var from = current;
                var to = ProductSuccessors(from).First(m => component.Contains(m) && ActionAtom(fairness.Taken, StateOf(from), StateOf(m)));
                cycle.Add(to);
                current = to;
            }
            else
            {
                Extend(n => !StateAtom(fairness.Enabled, StateOf(n)));
            }
        }

        var prefixStates = prefix.Select(StateOf).ToList();
        if (cycle.Count == 1)
        {
            // Every witness is at the root: the behaviour only has to stay there.
            if (ProductSuccessors(root).Contains(root))
                return new LassoTrace(prefixStates, prefixStates.Count - 1, Stuttering: true);
            current = ProductSuccessors(root).First(component.Contains);
            cycle.Add(current);
        }
        if (current != root)
            cycle.AddRange(ShortestPath(ProductSuccessors(current).Where(component.Contains).ToList(), n => n == root, component)!);

        // cycle runs from the root back to the root; the trace lists the root once, then "Back to state k".
        if (cycle.Count == 2 && StateOf(cycle[1]) == StateOf(root))
            return new LassoTrace(prefixStates, prefixStates.Count - 1, Stuttering: true);
        var trace = new List<int>(prefixStates);
        trace.AddRange(cycle.Skip(1).Take(cycle.Count - 2).Select(StateOf));
        return new LassoTrace(trace, prefixStates.Count - 1, Stuttering: false);

        void Extend(Func<int, bool> target)
        {
            if (target(current)) return;
            Append(ShortestPath([current], target, component)!);
        }

        void Append(List<int> path)
        {
            cycle.AddRange(path.Skip(1));
            current = path[^1];
        }
    }

    /// <summary>Breadth-first shortest path from any source to a node satisfying <paramref name="target"/>.</summary>
    private List<int>? ShortestPath(IReadOnlyList<int> sources, Func<int, bool> target, HashSet<int>? allowed)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        foreach (var s in sources)
        {
            if (allowed is not null && !allowed.Contains(s)) continue;
            if (parent.TryAdd(s, -1)) queue.Enqueue(s);
        }
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (target(node))
            {
                var path = new List<int>();
                for (var n = node; n != -1; n = parent[n]) path.Add(n);
                path.Reverse();
                return path;
            }
            foreach (var next in ProductSuccessors(node))
            {
                if (allowed is not null && !allowed.Contains(next)) continue;
                if (parent.TryAdd(next, node)) queue.Enqueue(next);
            }
        }
        return null;
    }
}
