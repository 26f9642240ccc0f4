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

    // Product nodes are (state, tableau node) pairs, numbered densely on first visit: the
    // workspace's Index maps state × tableau size + tableau node to the number (−1 before the
    // visit), NodeStates and NodeTableaux map back. Product successors are computed once per node,
    // each node's in one run: Successors[SuccessorStart[node] .. + SuccessorCount[node]).
    private readonly Workspace _work;
    private int _nodeCount;
    private int _successorLength;

    /// <summary>
    /// The arrays a search keeps per product node, reused by the checks of one graph's properties
    /// (a search meets about one node per state, and arrays that size would otherwise be allocated
    /// afresh, on the large-object heap, for every property). Between searches Index, DfsIndex and
    /// LowLink hold −1 and OnStack false everywhere.
    /// </summary>
    public sealed class Workspace
    {
        internal int[] Index = [];
        internal int[] NodeStates = [];
        internal int[] NodeTableaux = [];
        internal int[] SuccessorStart = [];
        internal int[] SuccessorCount = [];
        internal int[] DfsIndex = [];
        internal int[] LowLink = [];
        internal bool[] OnStack = [];
        internal int[] Successors = new int[1024];

        /// <summary>Room for every product node of a graph of <paramref name="states"/> states and a tableau of <paramref name="tableauSize"/> nodes.</summary>
        internal void Reserve(int states, int tableauSize)
        {
            var nodes = checked(states * tableauSize);
            if (Index.Length >= nodes) return;
            Index = Unvisited(nodes);
            DfsIndex = Unvisited(nodes);
            LowLink = Unvisited(nodes);
            NodeStates = new int[nodes];
            NodeTableaux = new int[nodes];
            SuccessorStart = new int[nodes];
            SuccessorCount = new int[nodes];
            OnStack = new bool[nodes];
        }

        /// <summary>Restores the between-searches state after a search that numbered <paramref name="nodes"/> nodes of a graph of <paramref name="states"/> states.</summary>
        internal void Clear(int nodes, int states, int tableauSize)
        {
            Index.AsSpan(0, states * tableauSize).Fill(-1);
            DfsIndex.AsSpan(0, nodes).Fill(-1);
            LowLink.AsSpan(0, nodes).Fill(-1);
            OnStack.AsSpan(0, nodes).Clear();
        }

        internal static int[] Unvisited(int length)
        {
            var values = new int[length];
            Array.Fill(values, -1);
            return values;
        }
    }

    private LivenessChecker(IStateGraph graph, Tableau tableau, IReadOnlyList<Fairness> fairness, Workspace work)
    {
        _graph = graph;
        _tableau = tableau;
        _fairness = fairness;
        _tableauSize = tableau.Nodes.Count;
        _work = work;
        work.Reserve(graph.StateCount, _tableauSize);
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
    public int ProductNodes => _nodeCount;

    /// <summary>
    /// Checks <paramref name="property"/> on every behaviour of the graph that satisfies the
    /// fairness conditions. Returns null when it holds, else a counterexample.
    /// </summary>
    public static LassoTrace? Check(IStateGraph graph, Ltl property, IReadOnlyList<Fairness> fairness)
        => Check(graph, property, fairness, out _);

    public static LassoTrace? Check(IStateGraph graph, Ltl property, IReadOnlyList<Fairness> fairness, out int productNodes)
        => Check(graph, property, fairness, new Workspace(), out productNodes);

    /// <summary>As <see cref="Check(IStateGraph, Ltl, IReadOnlyList{Fairness})"/>, with arrays kept from the previous property's check of the same graph.</summary>
    public static LassoTrace? Check(IStateGraph graph, Ltl property, IReadOnlyList<Fairness> fairness, Workspace work, out int productNodes)
    {
        var tableau = Tableau.Build(LtlNormalForm.Negate(property));
        var checker = new LivenessChecker(graph, tableau, fairness, work);
        try
        {
            var trace = checker.Search();
            productNodes = checker.ProductNodes;
            return trace;
        }
        finally
        {
            work.Clear(checker._nodeCount, graph.StateCount, checker._tableauSize);
        }
    }

    private int StateOf(int node) => _work.NodeStates[node];

    private int TableauOf(int node) => _work.NodeTableaux[node];

    /// <summary>
    /// The product node of a state and a tableau node whose literals the state satisfies, numbered
    /// on first sight; −1 when the state does not satisfy them (remembered in Index as −2, since
    /// every edge into the state asks again).
    /// </summary>
    private int NodeFor(int state, int tableauNode)
    {
        var key = state * _tableauSize + tableauNode;
        var id = _work.Index[key];
        if (id >= 0) return id;
        if (id == Unsatisfied) return -1;
        if (!Satisfies(state, tableauNode))
        {
            _work.Index[key] = Unsatisfied;
            return -1;
        }
        id = _nodeCount++;
        _work.NodeStates[id] = state;
        _work.NodeTableaux[id] = tableauNode;
        _work.SuccessorStart[id] = -1;
        _work.Index[key] = id;
        return id;
    }

    private const int Unsatisfied = -2;

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

    /// <summary>
    /// Product successors of a node: graph successors first (in order), then stuttering. The span
    /// stays valid: a node's successors are never rewritten, only later nodes' appended.
    /// </summary>
    private ReadOnlySpan<int> ProductSuccessors(int node)
    {
        if (_work.SuccessorStart[node] < 0) ComputeSuccessors(node);
        return _work.Successors.AsSpan(_work.SuccessorStart[node], _work.SuccessorCount[node]);
    }

    private void ComputeSuccessors(int node)
    {
        var state = StateOf(node);
        var tableauNode = TableauOf(node);
        var start = _successorLength;
        var hasSelfLoop = false;
        foreach (var next in _graph.Successors(state))
        {
            if (next == state) hasSelfLoop = true;
            AddStep(state, next, tableauNode);
        }
        if (!hasSelfLoop) AddStep(state, state, tableauNode);
        _work.SuccessorStart[node] = start;
        _work.SuccessorCount[node] = _successorLength - start;
    }

    private void AddStep(int from, int to, int tableauNode)
    {
        if (!StepSatisfies(from, to, tableauNode)) return;
        foreach (var next in _tableauSuccessors[tableauNode])
        {
            var id = NodeFor(to, next);
            if (id < 0) continue;
            if (_successorLength == _work.Successors.Length) Array.Resize(ref _work.Successors, _successorLength * 2);
            _work.Successors[_successorLength++] = id;
        }
    }

    private IEnumerable<int> InitialNodes()
    {
        foreach (var state in _graph.InitialStates)
            foreach (var node in _tableau.Nodes)
                if (node.IsInitial && NodeFor(state, node.Id) is var id and >= 0)
                    yield return id;
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
        // Per product node (−1: not visited yet): the workspace's arrays for the search from the
        // initial nodes; a search inside a component (strong fairness) meets no new node.
        var dfsIndex = allowed is null ? _work.DfsIndex : Workspace.Unvisited(_nodeCount);
        var lowLink = allowed is null ? _work.LowLink : Workspace.Unvisited(_nodeCount);
        var onStack = allowed is null ? _work.OnStack : new bool[_nodeCount];
        var stack = new Stack<int>();
        var callStack = new Stack<(int Node, int NextChild)>();
        var counter = 0;

        foreach (var root in roots)
        {
            if (Visited(root) || (allowed is not null && !allowed.Contains(root))) continue;
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

        bool Visited(int node) => node < dfsIndex.Length && dfsIndex[node] >= 0;

        void Visit(int node)
        {
            ProductSuccessors(node);
            dfsIndex[node] = lowLink[node] = counter++;
            stack.Push(node);
            onStack[node] = true;
        }
    }

    /// <summary>
    /// <see cref="CheckComponent"/> for a component of one node: its only inner edge is its self-loop,
    /// so a fairness condition is met when A is disabled there (SF too, as removing the node would
    /// leave nothing). The self-loop is never an &lt;&lt;A&gt;&gt;_v step, which changes v: the
    /// step is not evaluated.
    /// </summary>
    private bool IsGoodSingleton(int node)
    {
        if (ProductSuccessors(node).IndexOf(node) < 0) return false;
        var tableauNode = TableauOf(node);
        foreach (var acceptance in _tableau.AcceptanceSets)
            if (!acceptance[tableauNode]) return false;
        var state = StateOf(node);
        foreach (var fairness in _fairness)
            if (StateAtom(fairness.Enabled, state)) return false;
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
                var path = ShortestPath([current], n => SuccessorArray(n).Any(m =>
                    component.Contains(m) && ActionAtom(fairness.Taken, StateOf(n), StateOf(m))), component)!;
                Append(path);
                var from = current;
                var to = SuccessorArray(from).First(m => component.Contains(m) && ActionAtom(fairness.Taken, StateOf(from), StateOf(m)));
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
            current = SuccessorArray(root).First(component.Contains);
            cycle.Add(current);
        }
        if (current != root)
            cycle.AddRange(ShortestPath(SuccessorArray(current).Where(component.Contains).ToList(), n => n == root, component)!);

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

    private int[] SuccessorArray(int node) => ProductSuccessors(node).ToArray();

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
