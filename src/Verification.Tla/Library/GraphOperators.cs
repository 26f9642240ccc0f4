using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The Graphs and UndirectedGraphs operators TLC replaces by Java code because their definitions
/// enumerate Seq(G.node): paths by search instead. A path is a non-empty sequence of nodes whose
/// consecutive nodes are joined by an edge (<c>&lt;&lt;a, b&gt;&gt;</c> in Graphs, <c>{a, b}</c> in
/// UndirectedGraphs); every node of a path is in G.node, as in the definitions.
/// </summary>
internal static class GraphOperators
{
    public static BuiltinSymbol[] Directed =>
    [
        LibraryOverrides.Plain("AreConnectedIn", 3, static a => AreConnected(a[0], a[1], Graph(a[2], directed: true, "AreConnectedIn"))),
        LibraryOverrides.Plain("SimplePath", 1, static a => SimplePaths(Graph(a[0], directed: true, "SimplePath"))),
        LibraryOverrides.Plain("IsStronglyConnected", 1, static a =>
        {
            var g = Graph(a[0], directed: true, "IsStronglyConnected");
            return BoolValue.Of(g.Nodes.All(m => Reachable(g, m).Count == g.Nodes.Length));
        }),
    ];

    public static BuiltinSymbol[] Undirected =>
    [
        LibraryOverrides.Plain("AreConnectedIn", 3, static a => AreConnected(a[0], a[1], Graph(a[2], directed: false, "AreConnectedIn"))),
        LibraryOverrides.Plain("SimplePath", 1, static a => SimplePaths(Graph(a[0], directed: false, "SimplePath"))),
        LibraryOverrides.Plain("ConnectedComponents", 1, static a =>
        {
            var g = Graph(a[0], directed: false, "ConnectedComponents");
            var seen = new HashSet<Value>();
            var components = new List<Value>();
            foreach (var node in g.Nodes)
            {
                if (seen.Contains(node)) continue;
                var component = Reachable(g, node);
                seen.UnionWith(component);
                components.Add(FiniteSetValue.Of(component));
            }
            return FiniteSetValue.Of(components);
        }),
    ];

    private sealed record GraphView(Value[] Nodes, Dictionary<Value, List<Value>> Next);

    private static GraphView Graph(Value g, bool directed, string operatorName)
    {
        if (g.Kind != ValueKind.Function) throw ValueOps.WrongArgument(operatorName, operatorName == "AreConnectedIn" ? 3 : 1, "a graph", g);
        var record = FunctionValue.AsFinite(g);
        if (!record.TryApply(StringValue.Of("node"), out var nodeSet) || !record.TryApply(StringValue.Of("edge"), out var edgeSet))
            throw ValueOps.WrongArgument(operatorName, operatorName == "AreConnectedIn" ? 3 : 1, "a graph [node |-> N, edge |-> E]", g);
        var nodes = ValueOps.AsSet(nodeSet, operatorName).ToFinite().Elements.ToArray();
        var isNode = new HashSet<Value>(nodes);
        var next = nodes.ToDictionary(static n => n, static _ => new List<Value>());
        foreach (var edge in ValueOps.AsSet(edgeSet, operatorName).ToFinite().Elements)
        {
            Value from, to;
            if (directed)
            {
                var pair = ValueOps.AsSequence(edge, operatorName);
                if (pair.Count != 2) continue;
                (from, to) = (pair.Values[0], pair.Values[1]);
            }
            else
            {
                var ends = ValueOps.AsSet(edge, operatorName).ToFinite();
                if (ends.Length is < 1 or > 2) continue;
                (from, to) = (ends[0], ends[ends.Length - 1]);
            }
            if (!isNode.Contains(from) || !isNode.Contains(to)) continue;
            next[from].Add(to);
            if (!directed) next[to].Add(from);
        }
        return new GraphView(nodes, next);
    }

    /// <summary>The nodes reachable from <paramref name="start"/> (itself included) along paths.</summary>
    private static HashSet<Value> Reachable(GraphView g, Value start)
    {
        var seen = new HashSet<Value> { start };
        var frontier = new Queue<Value>([start]);
        while (frontier.Count > 0)
        {
            foreach (var neighbour in g.Next[frontier.Dequeue()])
                if (seen.Add(neighbour)) frontier.Enqueue(neighbour);
        }
        return seen;
    }

    private static BoolValue AreConnected(Value m, Value n, GraphView g) =>
        BoolValue.Of(g.Next.ContainsKey(m) && g.Next.ContainsKey(n) && Reachable(g, m).Contains(n));

    private static FiniteSetValue SimplePaths(GraphView g)
    {
        var paths = new List<Value>();
        var path = new List<Value>();
        var onPath = new HashSet<Value>();
        void Extend(Value node)
        {
            path.Add(node);
            onPath.Add(node);
            paths.Add(FunctionValue.Tuple(path.ToArray()));
            foreach (var neighbour in g.Next[node])
                if (!onPath.Contains(neighbour)) Extend(neighbour);
            onPath.Remove(node);
            path.RemoveAt(path.Count - 1);
        }
        foreach (var node in g.Nodes) Extend(node);
        return FiniteSetValue.Of(paths);
    }
}
