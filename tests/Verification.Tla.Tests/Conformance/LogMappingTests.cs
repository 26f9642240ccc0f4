using System.Text.Json.Nodes;
using Verification.Tla.Conformance;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// Logs written by another program, in its own vocabulary (an etcd-like
/// <c>{"tag":"trace","event":{"name":"Deliver","nid":"2",...}}</c>), validated against
/// BestEffortBroadcast through a mapping file: the conforming order of a simulated run is rewritten
/// in that vocabulary (numeric node ids, different event names, a counter instead of the delivered
/// sequence, an event standing for two spec steps, events that are no steps), then validated.
/// </summary>
public sealed class LogMappingTests
{
    private static readonly Lazy<ConformanceSpec> Broadcast = new(() => NodeLogMergeTests.LoadBroadcast(broadcasts: 6));

    private static ConformanceSpec Spec => Broadcast.Value;

    public const string Mapping = """
        {
          "comment": "etcd-style trace of BestEffortBroadcast",
          "event": "event.name",
          "node": "event.nid",
          "nodes": {"1": "n1", "2": "n2", "3": "n3"},
          "initial": {"sent": "[p \\in Node |-> 0]", "network": "<<>>"},
          "fields": {
            "to": {"field": "event.to", "node": true},
            "to2": {"field": "event.to2", "node": true},
            "from": {"field": "event.from", "node": true},
            "origin": {"field": "event.origin", "node": true},
            "seq": "event.seq",
            "origin2": {"field": "event.origin2", "node": true},
            "seq2": "event.seq2"
          },
          "skip": ["Tick"],
          "observe": {"sent[self]": "event.state.sent"},
          "events": {
            "BcastStart": {"action": "Broadcast", "args": {"p": "self"}},
            "SendCopy": {"action": "Send", "args": {"p": "self", "m": "[from |-> self, to |-> to, id |-> <<origin, seq>>]"}},
            "SendBoth": {"steps": [
              {"action": "Send", "args": {"p": "self", "m": "[from |-> self, to |-> to, id |-> <<origin, seq>>]"}},
              {"action": "Send", "args": {"p": "self", "m": "[from |-> self, to |-> to2, id |-> <<origin2, seq2>>]"}}
            ]},
            "Deliver": {"action": "Receive", "args": {"p": "self", "m": "[from |-> from, to |-> self, id |-> <<origin, seq>>]"},
                        "observe": {"Len(delivered[self])": "event.state.ndelivered"}}
          }
        }
        """;

    private static string Id(JsonNode? modelValue) => ((string)modelValue!["#unserializable"]!)[1..];

    /// <summary>The run's conforming order, in the other program's vocabulary: one file, no clocks.</summary>
    internal static (string Log, string Map, int Steps) ForeignLog(string test)
    {
        var paths = NodeLogMergeTests.Logs(test, Spec);
        var merged = new LogMerge(new TraceValidator(Spec)).Validate(NodeLogReader.ReadAll(paths, Spec));
        Assert.Equal(ConformanceVerdict.Conforms, merged.Result.Verdict);
        var lines = new List<string>();
        var native = merged.Linearisation!.Where(static l => !l.IsInit).Select(static l => JsonNode.Parse(l.Text)!.AsObject()).ToList();
        for (var k = 0; k < native.Count; k++)
        {
            var line = native[k];
            var node = ((string)line["node"]!)[1..];
            var state = line["state"]!;
            var e = new JsonObject { ["name"] = "", ["nid"] = node };
            switch ((string)line["event"]!)
            {
                case "Broadcast":
                    e["name"] = "BcastStart";
                    e["state"] = new JsonObject { ["sent"] = Int(state["sent"]) };
                    break;
                case "Send":
                {
                    var m = line["args"]!["m"]!;
                    e["name"] = "SendCopy";
                    e["to"] = Id(m["to"]);
                    e["origin"] = Id(m["id"]![0]);
                    e["seq"] = Int(m["id"]![1]);
                    // Two copies of one message sent one after the other: one event of the program.
                    // The node's next line a Send too: the program sends both copies in one event
                    // (a send depends on nothing but the node's own state, so it may move up to here).
                    var j = native.FindIndex(k + 1, l => (string)l["node"]! == (string)line["node"]!);
                    if (j > k && (string)native[j]["event"]! == "Send")
                    {
                        var m2 = native[j]["args"]!["m"]!;
                        e["name"] = "SendBoth";
                        e["to2"] = Id(m2["to"]);
                        e["origin2"] = Id(m2["id"]![0]);
                        e["seq2"] = Int(m2["id"]![1]);
                        native.RemoveAt(j);
                    }
                    break;
                }
                case "Receive":
                {
                    var m = line["args"]!["m"]!;
                    e["name"] = "Deliver";
                    e["from"] = Id(m["from"]);
                    e["origin"] = Id(m["id"]![0]);
                    e["seq"] = Int(m["id"]![1]);
                    e["state"] = new JsonObject { ["ndelivered"] = state["delivered"]!.AsArray().Count };
                    break;
                }
            }
            lines.Add(new JsonObject { ["tag"] = "trace", ["event"] = e }.ToJsonString());
            if (k % 7 == 0) lines.Add(new JsonObject { ["tag"] = "trace", ["event"] = new JsonObject { ["name"] = "Tick", ["nid"] = node } }.ToJsonString());
        }
        var folder = Path.GetDirectoryName(paths[0])!;
        var log = Path.Combine(folder, "cluster.log.ndjson");
        File.WriteAllLines(log, lines);
        File.WriteAllText(log + ".map.json", Mapping);
        return (log, log + ".map.json", merged.Result.StepsValidated);
    }

    private static int Int(JsonNode? value) => value is JsonObject o ? int.Parse((string)o["#bigint"]!, System.Globalization.CultureInfo.InvariantCulture) : (int)value!;

    private static MergeResult Validate(string log, string? map = null) =>
        new LogMerge(new TraceValidator(Spec)).Validate(LogMapping.ReadLogs([log], map, Spec));

    [Fact]
    public void A_foreign_log_validates_through_its_mapping()
    {
        var (log, _, steps) = ForeignLog("foreign");
        var text = File.ReadAllText(log);
        Assert.Contains("SendBoth", text, StringComparison.Ordinal); // the run has an event standing for two steps
        Assert.Contains("Tick", text, StringComparison.Ordinal);
        var result = Validate(log);
        Assert.Equal(ConformanceVerdict.Conforms, result.Result.Verdict);
        Assert.Equal(steps, result.Result.StepsValidated);
    }

    [Fact]
    public void An_edited_foreign_log_is_rejected_at_the_edited_line()
    {
        var (log, _, _) = ForeignLog("foreign-edited");
        var lines = File.ReadAllLines(log);
        var index = Array.FindLastIndex(lines, l => l.Contains("\"Deliver\"", StringComparison.Ordinal));
        var json = JsonNode.Parse(lines[index])!;
        json["event"]!["state"]!["ndelivered"] = (int)json["event"]!["state"]!["ndelivered"]! + 1;
        lines[index] = json.ToJsonString();
        File.WriteAllLines(log, lines);
        var result = Validate(log);
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Result.Verdict);
        Assert.Equal($"{log}:{index + 1}", result.Result.Diagnosis!.Location);
        Assert.Equal("Receive", result.Result.Diagnosis.ClaimedAction);
        Assert.True(result.Result.Diagnosis.Describe().Contains("Len(delivered[self]) (field event.state.ndelivered): the log has", StringComparison.Ordinal), result.Result.Diagnosis.Describe());
    }

    [Fact]
    public void An_event_neither_mapped_nor_skipped_is_an_error_at_its_line()
    {
        var (log, map, _) = ForeignLog("foreign-unmapped");
        var lines = File.ReadAllLines(log).ToList();
        lines.Insert(4, """{"tag":"trace","event":{"name":"Compact","nid":"2"}}""");
        File.WriteAllLines(log, lines);
        var error = Assert.Throws<TraceFormatException>(() => Validate(log));
        Assert.StartsWith($"{log}:5:", error.Message);
        Assert.Contains("the event \"Compact\" is neither mapped nor skipped in " + map, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"action\": \"Broadcast\"", "\"action\": \"Bcast\"", 19, 30, "\"Bcast\" is not an action of the spec's Next")]
    [InlineData("\"observe\": {\"sent[self]\"", "\"observe\": {\"sent[self\"", 17, 25, "does not parse")]
    [InlineData("\"self\", \"m\": \"[from |-> self, to |-> to,", "\"self\", \"m\": \"[from |-> self, to |-> tooo,", 20, 87, "Unknown operator: `tooo'")]
    [InlineData("{\"p\": \"self\"}}", "{\"q\": \"self\"}}", 19, 52, "Broadcast has no parameter \"q\"")]
    public void Mistakes_in_the_mapping_are_located_in_it(string from, string to, int line, int column, string message)
    {
        var (log, map, _) = ForeignLog("foreign-bad-map");
        var text = Mapping.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Mapping, text);
        File.WriteAllText(map, text);
        var error = Assert.Throws<TraceFormatException>(() => Validate(log));
        Assert.True(error.Message.StartsWith($"{map}:{line}:{column}:", StringComparison.Ordinal), error.Message);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
