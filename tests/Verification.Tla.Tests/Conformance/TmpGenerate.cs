using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Conformance;

public sealed class TmpGenerate
{
    [Fact]
    public void Generate()
    {
        var folder = Path.Combine(Syntax.SyntaxTestFiles.KitDirectory, "Peterson");
        var spec = ConformanceSpec.Load(Path.Combine(folder, "Peterson.tla"), Path.Combine(folder, "Peterson.cfg"));
        var trace = RandomBehaviour.Generate(spec, 100_000, seed: 1);
        var itf = ItfTrace.FromStates(spec.Variables, trace.Events.Select(e => (IReadOnlyList<Value>)e.State.Select(v => v!).ToArray()), trace.Events.Select(e => e.Action));
        ItfWriter.WriteFile("/tmp/peterson-100k.itf.json", itf);
        var lines = new List<string>();
        var pc = spec.Variables.ToList().IndexOf("pc");
        foreach (var (e, i) in trace.Events.Select((e, i) => (e, i)))
        {
            var state = i == 0 ? string.Join(", ", spec.Variables.Select((v, k) => $"\"{v}\": {ItfWriter.WriteValue(e.State[k]!)}")) : $"\"pc\": {ItfWriter.WriteValue(e.State[pc]!)}";
            lines.Add($"{{\"event\": \"{(i == 0 ? "Init" : e.Action)}\", {state}}}");
        }
        File.WriteAllLines("/tmp/peterson-100k.ndjson", lines);
    }
}
