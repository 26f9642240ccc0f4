using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// VectorClocks' CausalOrder as TLC's Java computes it (after ShiViz): each node's lines sorted by
/// the node's own clock entry, a parent link from a line to the line of another node its clock
/// first reaches, then, round after round, every node whose next line has no parent left gives it
/// up. The TLA+ definition (CHOOSE over all orderings) is neither what TLC runs nor feasible.
/// TLC visits the nodes in the order of a Java HashMap keyed by value fingerprints, whose
/// polynomial TLC draws at random per run; this checker visits them in TLC's value order.
/// </summary>
internal static class VectorClockOperators
{
    private sealed class Line(Value value, Value clock, IntValue time, Value[] hosts)
    {
        public Value Value { get; } = value;
        public Value Clock { get; } = clock;
        public IntValue Time { get; } = time;
        public Value[] Hosts { get; } = hosts;
        public HashSet<Line> Parents { get; } = [];
        public HashSet<Line> Children { get; } = [];
    }

    public static Value CausalOrder(EvalContext context, Value log, OperatorValue clockOf, OperatorValue nodeOf, OperatorValue domainOf)
    {
        var lines = ValueOps.AsSequence(log, "CausalOrder", 1).Values.ToArray();
        var byNode = new SortedDictionary<Value, List<Line>>();
        foreach (var value in lines)
        {
            var node = nodeOf.Invoke(context, [value]);
            var clock = clockOf.Invoke(context, [value]);
            if (ValueOps.Apply(clock, node) is not IntValue time)
                throw new EvalException($"CausalOrder: the clock of a line gives its node {ValuePrinter.Print(node)} no integer time:\n{ValuePrinter.Print(clock)}");
            var hosts = ValueOps.AsSet(domainOf.Invoke(context, [clock]), "CausalOrder", 4).ToFinite().Elements.ToArray();
            if (!byNode.TryGetValue(node, out var list)) byNode[node] = list = [];
            list.Add(new Line(value, clock, time, hosts));
        }
        // A node's own lines are totally ordered by its own entry (a stable sort, as Java's).
        foreach (var list in byNode.Values)
        {
            var sorted = list.OrderBy(static l => l.Time.Value).ToList();
            list.Clear();
            list.AddRange(sorted);
        }
        foreach (var (host, list) in byNode)
        {
            var known = byNode.Keys.ToDictionary(static h => h, static _ => 0);
            foreach (var line in list)
            {
                known[host] = line.Time.Value;
                foreach (var other in line.Hosts)
                {
                    if (!known.TryGetValue(other, out var seen))
                        throw new EvalException($"CausalOrder: a clock names {ValuePrinter.Print(other)}, which logged no line.");
                    if (ValueOps.Apply(line.Clock, other) is not IntValue time)
                        throw new EvalException($"CausalOrder: a clock's entry for {ValuePrinter.Print(other)} is not an integer:\n{ValuePrinter.Print(line.Clock)}");
                    if (seen >= time.Value) continue;
                    known[other] = time.Value;
                    var otherLines = byNode[other];
                    if (time.Value < 1 || time.Value > otherLines.Count)
                        throw new EvalException($"CausalOrder: a clock reaches line {time.Value} of {ValuePrinter.Print(other)}, which logged {otherLines.Count} (the clocks must have no gaps).");
                    var parent = otherLines[time.Value - 1];
                    line.Parents.Add(parent);
                    parent.Children.Add(line);
                }
            }
        }
        var queues = byNode.Values.Select(static l => new Queue<Line>(l)).ToArray();
        var result = new List<Value>(lines.Length);
        for (var round = 0; round < lines.Length; round++)
        {
            foreach (var queue in queues)
            {
                if (queue.Count == 0 || queue.Peek().Parents.Count > 0) continue;
                var line = queue.Dequeue();
                foreach (var child in line.Children) child.Parents.Remove(line);
                result.Add(line.Value);
            }
        }
        // TLC asserts (with assertions off) that every line was placed and returns what it has.
        return FunctionValue.Tuple(result.ToArray());
    }
}
