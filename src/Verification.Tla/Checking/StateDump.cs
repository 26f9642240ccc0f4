using System.Text;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// TLC's -dump: every distinct state in the order found, as "State n:" and the state as a trace
/// prints it (plain), or the state graph in GraphViz dot (`-dump dot FILE`; nodes are numbered
/// in the order found, where TLC uses its fingerprints). Like TLC, the file gets the extension
/// .dump or .dot when it does not already have it.
/// </summary>
public static class StateDump
{
    public static string FileName(string path, bool dot)
    {
        var extension = dot ? ".dot" : ".dump";
        return path.EndsWith(extension, StringComparison.Ordinal) ? path : path + extension;
    }

    public static void Write(TlaModel model, StateGraph<Value[]> graph, string path, bool dot)
    {
        using var writer = new StreamWriter(FileName(path, dot), append: false, new UTF8Encoding(false));
        if (dot) WriteDot(model, graph, writer);
        else WritePlain(model, graph, writer);
    }

    private static string Format(TlaModel model, Value[] state) =>
        TlcTracePrinter.FormatStateInTlcOrder(model.Variables, state);

    private static void WritePlain(TlaModel model, StateGraph<Value[]> graph, TextWriter writer)
    {
        for (var id = 0; id < graph.StateCount; id++)
        {
            writer.Write($"State {id + 1}:\n{Format(model, graph.State(id))}\n\n");
        }
    }

    private static void WriteDot(TlaModel model, StateGraph<Value[]> graph, TextWriter writer)
    {
        writer.Write("strict digraph DiskGraph {\nnodesep=0.35\nsubgraph cluster_graph {\ncolor=\"white\"\n");
        var initialStates = graph.InitialStates.ToHashSet();
        for (var id = 0; id < graph.StateCount; id++)
        {
            var label = Format(model, graph.State(id)).Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            var initial = initialStates.Contains(id) ? "style = filled" : "style = solid";
            writer.Write($"{id + 1} [label=\"{label}\",{initial}]\n");
        }
        for (var id = 0; id < graph.StateCount; id++)
            foreach (var successor in graph.Successors(id))
                writer.Write($"{id + 1} -> {successor + 1};\n");
        writer.Write("}\n}\n");
    }
}
