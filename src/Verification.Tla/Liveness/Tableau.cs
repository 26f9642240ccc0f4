namespace Verification.Tla.Liveness;

/// <summary>
/// A generalized Büchi automaton for a formula in negation normal form, built with the tableau
/// construction of Gerth, Peled, Vardi and Wolper (1995). A behaviour is accepted when it can run
/// through the automaton forever, every state satisfying the current node's literals, and visit
/// every acceptance set infinitely often.
/// </summary>
/// <remarks>
/// Node order matters for which counterexample the product search meets first, and therefore for
/// agreement with TLC's traces: when an Until splits, the branch that fulfils it now is expanded
/// before the branch that postpones it, so nodes that discharge an obligation come first.
/// </remarks>
public sealed class Tableau
{
    public sealed class Node
    {
        internal Node(int id, IReadOnlyList<Ltl> stateLiterals, IReadOnlyList<Ltl> actionLiterals, bool isInitial)
        {
            Id = id;
            StateLiterals = stateLiterals;
            ActionLiterals = actionLiterals;
            IsInitial = isInitial;
        }

        public int Id { get; }

        /// <summary>State atoms (or their negations) that the current state must satisfy.</summary>
        public IReadOnlyList<Ltl> StateLiterals { get; }

        /// <summary>Action atoms (or their negations) that the step leaving the current state must satisfy.</summary>
        public IReadOnlyList<Ltl> ActionLiterals { get; }

        public bool IsInitial { get; }

        /// <summary>Successor nodes, in construction order.</summary>
        public IReadOnlyList<int> Successors { get; internal set; } = [];
    }

    private Tableau(IReadOnlyList<Node> nodes, IReadOnlyList<bool[]> acceptance)
    {
        Nodes = nodes;
        AcceptanceSets = acceptance;
    }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>One membership array per Until subformula: AcceptanceSets[k][node].</summary>
    public IReadOnlyList<bool[]> AcceptanceSets { get; }

    /// <summary>Builds the automaton of a formula already in negation normal form.</summary>
    public static Tableau Build(Ltl nnf)
    {
        var builder = new Builder();
        builder.Expand(new Pending([Builder.InitialMarker], [nnf], [], []));
        return builder.Finish(nnf);
    }

    private sealed record Pending(HashSet<int> Incoming, List<Ltl> New, HashSet<Ltl> Old, HashSet<Ltl> Next);

    private sealed class Builder
    {
        public const int InitialMarker = -1;

        private readonly List<(HashSet<int> Incoming, HashSet<Ltl> Old, HashSet<Ltl> Next)> _nodes = [];

        // The nodes by a hash of their Old and Next sets: a finished node is compared with the nodes
        // of its hash only (a scan of every node made large tableaux quadratic).
        private readonly Dictionary<(int, int), List<int>> _byContent = [];

        private static int ContentHash(HashSet<Ltl> set)
        {
            var hash = set.Count;
            foreach (var f in set) hash = unchecked(hash + f.GetHashCode() * 16777619);
            return hash;
        }

        public void Expand(Pending start)
        {
            // An explicit stack keeps the GPVW recursion order (first branch fully expanded first).
            var work = new Stack<Pending>();
            work.Push(start);
            while (work.Count > 0)
            {
                var node = work.Pop();
                if (node.New.Count == 0)
                {
                    var content = (ContentHash(node.Old), ContentHash(node.Next));
                    if (!_byContent.TryGetValue(content, out var candidates)) _byContent[content] = candidates = [];
                    var existing = candidates.FindIndex(i => _nodes[i].Old.SetEquals(node.Old) && _nodes[i].Next.SetEquals(node.Next));
                    if (existing >= 0)
                    {
                        _nodes[candidates[existing]].Incoming.UnionWith(node.Incoming);
                        continue;
                    }
                    candidates.Add(_nodes.Count);
                    _nodes.Add((node.Incoming, node.Old, node.Next));
                    work.Push(new Pending([_nodes.Count - 1], [.. node.Next], [], []));
                    continue;
                }

                var f = node.New[^1];
                node.New.RemoveAt(node.New.Count - 1);
                if (node.Old.Contains(f))
                {
                    work.Push(node);
                    continue;
                }

                switch (f)
                {
                    case Const { Value: false }:
                        break; // contradiction: drop the node
                    case Const:
                        work.Push(node with { Old = With(node.Old, f) });
                        break;
                    case StateAtom or ActionAtom or Not:
                        if (!node.Old.Contains(Complement(f))) work.Push(node with { Old = With(node.Old, f) });
                        break;
                    case And a:
                        work.Push(new Pending(node.Incoming, With(node.New, a.Left, a.Right), With(node.Old, f), node.Next));
                        break;
                    case Or o:
                        PushSplit(work, node, f,
                            first: (With(node.New, o.Left), node.Next),
                            second: (With(node.New, o.Right), node.Next));
                        break;
                    case Until u:
                        // Fulfil now (Right holds) before postponing (Left holds, Until again next).
                        PushSplit(work, node, f,
                            first: (With(node.New, u.Right), node.Next),
                            second: (With(node.New, u.Left), With(node.Next, f)));
                        break;
                    case Release r:
                        // Discharged now (both hold) before continuing (Right holds, Release again next).
                        PushSplit(work, node, f,
                            first: (With(node.New, r.Left, r.Right), node.Next),
                            second: (With(node.New, r.Right), With(node.Next, f)));
                        break;
                    default:
                        throw new InvalidOperationException($"not in negation normal form: {f}");
                }
            }
        }

        private static void PushSplit(Stack<Pending> work, Pending node, Ltl f,
            (List<Ltl> New, HashSet<Ltl> Next) first, (List<Ltl> New, HashSet<Ltl> Next) second)
        {
            var old = With(node.Old, f);
            // LIFO: push the second branch first so the first is expanded first.
            work.Push(new Pending([.. node.Incoming], second.New, [.. old], second.Next));
            work.Push(new Pending([.. node.Incoming], first.New, old, first.Next));
        }

        public Tableau Finish(Ltl root)
        {
            var nodes = new List<Node>(_nodes.Count);
            for (var i = 0; i < _nodes.Count; i++)
            {
                var (incoming, old, _) = _nodes[i];
                var literals = old.Where(IsLiteral).OrderBy(l => l.ToString(), StringComparer.Ordinal).ToList();
                nodes.Add(new Node(i,
                    literals.Where(l => !IsAction(l)).ToList(),
                    literals.Where(IsAction).ToList(),
                    incoming.Contains(InitialMarker)));
            }
            for (var i = 0; i < nodes.Count; i++)
            {
                var successors = new List<int>();
                for (var j = 0; j < _nodes.Count; j++)
                    if (_nodes[j].Incoming.Contains(i)) successors.Add(j);
                nodes[i].Successors = successors;
            }

            var untils = new List<Until>();
            CollectUntils(root, untils);
            var acceptance = untils
                .Select(u => _nodes.Select(n => !n.Old.Contains(u) || n.Old.Contains(u.Right)).ToArray())
                .ToList();
            return new Tableau(nodes, acceptance);
        }

        private static void CollectUntils(Ltl f, List<Until> into)
        {
            switch (f)
            {
                case Until u:
                    if (!into.Contains(u)) into.Add(u);
                    CollectUntils(u.Left, into);
                    CollectUntils(u.Right, into);
                    break;
                case Release r: CollectUntils(r.Left, into); CollectUntils(r.Right, into); break;
                case And a: CollectUntils(a.Left, into); CollectUntils(a.Right, into); break;
                case Or o: CollectUntils(o.Left, into); CollectUntils(o.Right, into); break;
            }
        }

        private static bool IsLiteral(Ltl f) => f is StateAtom or ActionAtom || f is Not { Operand: StateAtom or ActionAtom };

        private static bool IsAction(Ltl f) => f is ActionAtom || f is Not { Operand: ActionAtom };

        private static Ltl Complement(Ltl f) => f is Not n ? n.Operand : new Not(f);

        private static List<Ltl> With(List<Ltl> list, params Ltl[] more) => [.. list, .. more];

        private static HashSet<Ltl> With(HashSet<Ltl> set, Ltl more) => [.. set, more];
    }
}
