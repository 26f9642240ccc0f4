using System.Text;
using System.Text.Json;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// A seeded random run of the spec written as per-node logs in the native format, the input of the
/// merge's tests and benchmarks (as <see cref="RandomBehaviour"/> is for single traces). Each step
/// is an instance of an action whose first argument is a node (a model value of <c>nodes</c>):
/// that node logs it, with its arguments by parameter name and its entries of the variables that
/// are functions of nodes. Causality comes from <paramref name="network"/>: a message (an element of
/// that set, or of that bag's domain) carries the clock of the step that put it there, and a step
/// with that message among its arguments takes the pointwise maximum before counting itself.
/// Where an instance has several successors (a choice the spec leaves to the environment), the
/// run takes the first.
/// </summary>
public static class SimulatedNodeLogs
{
    public sealed record Run(IReadOnlyList<string> Paths, int Steps);

    public static Run Write(ConformanceSpec spec, string network, int steps, int seed, string folder)
    {
        var random = new Random(seed);
        var explorer = spec.Model.CreateExplorer();
        var context = spec.Model.NewContext();
        var nodesOf = NodeLogReader.FunctionsOfNodes(spec);
        var networkIndex = spec.Variables.ToList().IndexOf(network);
        if (networkIndex < 0) throw new ArgumentException($"{network} is not a variable of the spec", nameof(network));
        var initial = spec.InitialStates();
        var state = initial[random.Next(initial.Count)];
        var nodes = ((FunctionValue)state[Array.IndexOf(nodesOf, true)]).DomainElements.ToArray().OfType<ModelValue>().ToArray();
        var clocks = nodes.ToDictionary(static n => n.Name, _ => new int[nodes.Length]);
        var origin = new Dictionary<Value, int[]>();
        var lines = nodes.ToDictionary(static n => n.Name, _ => new List<string>());
        for (var n = 0; n < nodes.Length; n++)
        {
            clocks[nodes[n].Name][n] = 1;
            lines[nodes[n].Name].Add(Line(nodes[n], clocks[nodes[n].Name], "Init", null, [], state, nodes, nodesOf, spec));
        }
        var actions = spec.ActionNames.Select(name => spec.Action(name)!).ToArray();
        var choices = new List<(SpecAction Action, Value[] Arguments, Value[] Next)>();
        var taken = 0;
        for (; taken < steps; taken++)
        {
            choices.Clear();
            foreach (var action in actions)
            {
                context.Current = state!;
                Array.Clear(context.Next);
                foreach (var instance in action.Instances(context))
                {
                    if (instance.Length == 0 || instance[0] is not ModelValue actor || !nodes.Contains(actor)) continue;
                    context.Current = state!;
                    Array.Clear(context.Next);
                    // The instance's first successor only: the implementation makes the spec's first
                    // choice where the spec leaves one to the environment (Raft's network consumes a
                    // message rather than keeping a duplicate), as a real run over TCP does.
                    action.RunInstance(context, instance, c =>
                    {
                        var next = new Value[c.Next.Length];
                        for (var i = 0; i < next.Length; i++) next[i] = c.Next[i]!;
                        if (!explorer.SatisfiesStateConstraints(next) || !explorer.SatisfiesActionConstraints(state, next)) return true;
                        choices.Add((action, instance, next));
                        return false;
                    });
                }
            }
            if (choices.Count == 0) break;
            var (chosen, arguments, successor) = choices[random.Next(choices.Count)];
            var node = (ModelValue)arguments[0];
            var index = Array.IndexOf(nodes, node);
            var clock = clocks[node.Name];
            foreach (var argument in arguments)
                if (origin.TryGetValue(argument, out var sent))
                    for (var j = 0; j < clock.Length; j++) clock[j] = Math.Max(clock[j], sent[j]);
            clock[index]++;
            // A message that was not in flight before this step is this step's (again, if it was sent before and consumed).
            var before = Messages(state[networkIndex]).ToHashSet();
            foreach (var message in Messages(successor[networkIndex]))
                if (!before.Contains(message)) origin[message] = (int[])clock.Clone();
            lines[node.Name].Add(Line(node, clock, chosen.Name, chosen.Parameters, arguments, successor, nodes, nodesOf, spec));
            state = successor;
        }
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var n in nodes)
        {
            var path = Path.Combine(folder, $"{n.Name}.ndjson");
            File.WriteAllText(path, string.Join("\n", lines[n.Name]) + "\n");
            paths.Add(path);
        }
        return new Run(paths, taken);
    }

    private static IEnumerable<Value> Messages(Value network) => network switch
    {
        SetValue set => set.Enumerate(),
        FunctionValue bag => bag.DomainElements.ToArray(),
        _ => [],
    };

    private static string Line(ModelValue node, int[] clock, string eventName, IReadOnlyList<string>? parameters, Value[] arguments, Value[] state,
        ModelValue[] nodes, bool[] nodesOf, ConformanceSpec spec)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("node", node.Name);
            writer.WriteStartObject("clock");
            for (var j = 0; j < nodes.Length; j++) writer.WriteNumber(nodes[j].Name, clock[j]);
            writer.WriteEndObject();
            writer.WriteString("event", eventName);
            if (parameters is not null)
            {
                writer.WriteStartObject("args");
                for (var i = 0; i < parameters.Count; i++)
                {
                    writer.WritePropertyName(parameters[i]);
                    ItfWriter.WriteValue(writer, arguments[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteStartObject("state");
            for (var v = 0; v < spec.Variables.Count; v++)
            {
                if (!nodesOf[v] || !((FunctionValue)state[v]).TryApply(node, out var entry)) continue;
                writer.WritePropertyName(spec.Variables[v]);
                ItfWriter.WriteValue(writer, entry);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
