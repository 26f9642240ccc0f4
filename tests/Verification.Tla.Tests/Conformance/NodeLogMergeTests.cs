using System.Text.Json.Nodes;
using Verification.Tla.Conformance;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// Per-node logs with vector clocks, merged by the search over the orders the clocks allow: a
/// seeded simulated run of BestEffortBroadcast (every node logs its own steps and its own entries
/// of the variables) conforms, and each kind of damage to it is rejected where it was made.
/// </summary>
public sealed class NodeLogMergeTests
{
    /// <summary>This test process's own folder: test runs of several worktrees at once must not delete each other's logs.</summary>
    private static readonly string Scratch = Path.Combine(Path.GetTempPath(), $"verification-node-log-tests-{Environment.ProcessId}");

    private static readonly Lazy<ConformanceSpec> Broadcast = new(() => LoadBroadcast(broadcasts: 6));

    internal static ConformanceSpec LoadBroadcast(int broadcasts)
    {
        var folder = Path.Combine(Scratch, "spec");
        Directory.CreateDirectory(folder);
        var cfg = Path.Combine(folder, $"MCBestEffortBroadcastLogs{broadcasts}.cfg");
        File.WriteAllText(cfg, $"CONSTANTS\n    Node = {{n1, n2, n3}}\n    MaxBroadcasts = {broadcasts}\n    MaxCrashes = 0\n    MaxDuplicates = 0\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        return ConformanceSpec.Load(Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "broadcast", "BestEffortBroadcast.tla"), cfg);
    }

    private static ConformanceSpec Spec => Broadcast.Value;

    /// <summary>A fresh copy of the seeded run's logs in a folder of the test's own.</summary>
    internal static IReadOnlyList<string> Logs(string test, ConformanceSpec? spec = null, int steps = 60, int seed = 1)
    {
        var folder = Path.Combine(Scratch, test);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return SimulatedNodeLogs.Write(spec ?? Spec, "network", steps, seed, folder).Paths;
    }

    private static MergeResult Validate(IReadOnlyList<string> paths) => new LogMerge(new TraceValidator(Spec)).Validate(NodeLogReader.ReadAll(paths, Spec));

    private static List<string> Lines(string path) => File.ReadAllLines(path).ToList();

    [Fact]
    public void A_simulated_run_conforms_and_its_merge_keeps_every_line_after_what_it_has_seen()
    {
        var paths = Logs("conforms");
        var result = Validate(paths);
        Assert.Equal(ConformanceVerdict.Conforms, result.Result.Verdict);
        var total = paths.Sum(p => Lines(p).Count);
        Assert.Equal(total, result.Lines);
        Assert.Equal(total, result.Linearisation!.Count);
        Assert.Equal(total - 3, result.Result.StepsValidated); // the three Init lines are the initial state
        // Each line comes after the lines its clock has seen.
        var seen = new Dictionary<string, int>();
        foreach (var line in result.Linearisation)
        {
            var json = JsonNode.Parse(line.Text)!.AsObject();
            var node = (string)json["node"]!;
            foreach (var (other, count) in json["clock"]!.AsObject())
                if (other != node) Assert.True(seen.GetValueOrDefault(other) >= (int)count!, $"{line.Location} is merged before what it has seen of {other}");
            seen[node] = seen.GetValueOrDefault(node) + 1;
        }
    }

    [Fact]
    public void Lines_of_one_log_out_of_order_are_a_located_clock_error()
    {
        var paths = Logs("shuffled");
        var lines = Lines(paths[1]);
        (lines[3], lines[5]) = (lines[5], lines[3]);
        File.WriteAllLines(paths[1], lines);
        var error = Assert.Throws<TraceFormatException>(() => Validate(paths));
        Assert.StartsWith($"{paths[1]}:4: the clock's own entry n2 is 6, but this is line 4", error.Message);
    }

    [Fact]
    public void An_edited_field_is_rejected_at_its_line_with_the_observation_the_spec_does_not_give()
    {
        var paths = Logs("edited");
        var lines = Lines(paths[0]);
        var index = lines.FindIndex(l => l.Contains("\"event\":\"Broadcast\"", StringComparison.Ordinal));
        var json = JsonNode.Parse(lines[index])!.AsObject();
        json["state"]!["sent"] = JsonNode.Parse("{\"#bigint\":\"5\"}");
        lines[index] = json.ToJsonString();
        File.WriteAllLines(paths[0], lines);
        var result = Validate(paths);
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Result.Verdict);
        var diagnosis = result.Result.Diagnosis!;
        Assert.Equal($"{paths[0]}:{index + 1}", diagnosis.Location);
        Assert.Equal("Broadcast", diagnosis.ClaimedAction);
        var text = diagnosis.Describe();
        Assert.Contains("taken by n1", text, StringComparison.Ordinal);
        Assert.Contains("sent[n1]: the log has 5; the step gives", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receive_whose_send_has_seen_it_is_a_located_clock_cycle()
    {
        var paths = Logs("cycle");
        // The first Receive of n2, and the line of the node it received from that sent the copy.
        var receiver = Lines(paths[1]);
        var r = receiver.FindIndex(l => l.Contains("\"event\":\"Receive\"", StringComparison.Ordinal));
        var receive = JsonNode.Parse(receiver[r])!.AsObject();
        var from = (string)receive["args"]!["m"]!["from"]!["#unserializable"]!;
        var sender = Lines(paths[int.Parse(from[1..]) - 1]);
        var sendIndex = (int)receive["clock"]![from]! - 1;
        // The sender claims to have seen the receive before sending: from the send on, its clock has n2's receive.
        for (var k = sendIndex; k < sender.Count; k++)
        {
            var json = JsonNode.Parse(sender[k])!.AsObject();
            json["clock"]!["n2"] = Math.Max((int)json["clock"]!["n2"]!, r + 1);
            sender[k] = json.ToJsonString();
        }
        var senderPath = paths[int.Parse(from[1..]) - 1];
        File.WriteAllLines(senderPath, sender);
        var error = Assert.Throws<TraceFormatException>(() => Validate(paths));
        Assert.Contains("the clocks make a cycle", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"\.ndjson:\d+: ", error.Message);
    }

    [Fact]
    public void A_receive_of_a_copy_never_sent_is_diagnosed_at_the_receive()
    {
        var paths = Logs("unsent");
        var receiver = Lines(paths[1]);
        var r = receiver.FindIndex(l => l.Contains("\"event\":\"Receive\"", StringComparison.Ordinal));
        var json = JsonNode.Parse(receiver[r])!.AsObject();
        // The copy the line says it received: one from n3 of a broadcast n3 never made.
        json["args"]!["m"]!["from"] = JsonNode.Parse("{\"#unserializable\":\"n3\"}");
        json["args"]!["m"]!["id"] = JsonNode.Parse("[{\"#unserializable\":\"n3\"},{\"#bigint\":\"99\"}]");
        receiver[r] = json.ToJsonString();
        File.WriteAllLines(paths[1], receiver);
        var result = Validate(paths);
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Result.Verdict);
        Assert.Equal($"{paths[1]}:{r + 1}", result.Result.Diagnosis!.Location);
        Assert.Equal("Receive", result.Result.Diagnosis.ClaimedAction);
    }

    [Fact]
    public void A_clock_that_has_seen_more_lines_than_a_log_has_is_located()
    {
        var paths = Logs("too-far");
        var lines = Lines(paths[2]);
        var json = JsonNode.Parse(lines[1])!.AsObject();
        json["clock"]!["n1"] = 500;
        lines[1] = json.ToJsonString();
        File.WriteAllLines(paths[2], lines);
        var error = Assert.Throws<TraceFormatException>(() => Validate(paths));
        Assert.StartsWith($"{paths[2]}:2: the clock has seen 500 events of n1", error.Message);
    }

    [Fact]
    public void State_keys_may_be_tla_expressions_over_the_variables()
    {
        var paths = Logs("expressions");
        var lines = Lines(paths[0]);
        var last = JsonNode.Parse(lines[^1])!.AsObject();
        var delivered = last["state"]!["delivered"]!.AsArray().Count;
        last["state"]!.AsObject()["Len(delivered[n1])"] = delivered;
        lines[^1] = last.ToJsonString();
        File.WriteAllLines(paths[0], lines);
        Assert.Equal(ConformanceVerdict.Conforms, Validate(paths).Result.Verdict);

        last["state"]!.AsObject()["Len(delivered[n1])"] = delivered + 1;
        lines[^1] = last.ToJsonString();
        File.WriteAllLines(paths[0], lines);
        var result = Validate(paths);
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Result.Verdict);
        Assert.Contains($"Len(delivered[n1]): the log has {delivered + 1}", result.Result.Diagnosis!.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_key_that_does_not_parse_is_located_at_its_column()
    {
        var paths = Logs("bad-key");
        var lines = Lines(paths[0]);
        lines[1] = lines[1].Replace("\"state\":{", "\"state\":{\"Len(sent[\":1,", StringComparison.Ordinal);
        File.WriteAllLines(paths[0], lines);
        var error = Assert.Throws<TraceFormatException>(() => NodeLogReader.ReadAll(paths, Spec));
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(paths[0])}:2:\d+: the expression ""Len\(sent\[""", error.Message);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    public void A_restart_the_node_could_not_log_a_crash_before_stands_for_crash_then_restart(bool crashLogged, int restartSteps)
    {
        var consensus = Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "consensus");
        var raft = ConformanceSpec.Load(Path.Combine(consensus, "Raft.tla"), Path.Combine(consensus, "MCRaftConformance.cfg"));
        var folder = Path.Combine(Scratch, $"restart-{crashLogged}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "n1.ndjson");
        var lines = new List<string> { """{"node":"n1","clock":{"n1":1},"event":"Init","state":{"currentTerm":0}}""" };
        if (crashLogged) lines.Add("""{"node":"n1","clock":{"n1":2},"event":"Crash","args":{"i":{"#unserializable":"n1"}},"state":{}}""");
        lines.Add("""{"node":"n1","clock":{"n1":COUNT},"event":"Restart","args":{"i":{"#unserializable":"n1"}},"state":{"currentRole":"Follower"}}""".Replace("COUNT", $"{lines.Count + 1}", StringComparison.Ordinal));
        File.WriteAllLines(path, lines);
        var logs = NodeLogReader.ReadAll([path], raft);
        Assert.Equal(restartSteps, logs[0].Lines[^1].Steps.Count);
        Assert.Equal("Restart", logs[0].Lines[^1].Steps[^1].Action);
        var result = new LogMerge(new TraceValidator(raft)).Validate(logs);
        Assert.Equal(ConformanceVerdict.Conforms, result.Result.Verdict);
        Assert.Equal(2, result.Result.StepsValidated);
    }
}
