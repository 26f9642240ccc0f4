using System.Text.Json.Nodes;
using Verification.Tla.Conformance;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// The per-node logs of a real 30-second run of three Raft nodes with crashes and partitions,
/// written by our own `verify run` and committed gzipped (RealRuns/README.md), validated as one run
/// by `verify validate`'s merge; and a hand-written log on a network that duplicated a message, on
/// which the merge's first guess about the network is wrong and the search must back off.
/// </summary>
public sealed class RecordedRunTests
{
    private static string RunFolder => Path.Combine(Syntax.SyntaxTestFiles.RealRunsDirectory, "raft-30s-crash-partition-seed-1");

    private static readonly Lazy<ConformanceSpec> Raft = new(() =>
        ConformanceSpec.Load(Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "consensus", "Raft.tla"), Path.Combine(RunFolder, "conformance.cfg")));

    private static IReadOnlyList<string> RecordedLogs => [.. Directory.GetFiles(RunFolder).Where(NodeLogReader.IsLogFile).Order(StringComparer.Ordinal)];

    private static MergeResult Validate(IReadOnlyList<string> paths, ConformanceSpec spec) => new LogMerge(new TraceValidator(spec)).Validate(NodeLogReader.ReadAll(paths, spec));

    [Fact]
    public void A_30_second_real_run_validates_one_spec_state_per_line_without_backing_off()
    {
        var paths = RecordedLogs;
        Assert.Equal(3, paths.Count);

        var result = Validate(paths, Raft.Value);

        Assert.Equal(ConformanceVerdict.Conforms, result.Result.Verdict);
        Assert.Equal(1_597, result.Lines);
        // Every line a step, and each of the run's two kills a Crash before its Restart line.
        Assert.Equal(1_598, result.Result.StepsValidated);
        // The label's arguments pick Broadcast's value and the messages the logs say are in flight pick
        // the network: hardly a line is stepped from more than one state, and no position is backed off from.
        Assert.Equal(0, result.DeadCuts);
        Assert.True(result.Result.LargestFrontier <= 2, $"largest frontier {result.Result.LargestFrontier}");
        Assert.True(result.StepsExplored <= 2 * result.Lines, $"{result.StepsExplored} state steps searched");
    }

    [Fact]
    public void An_edited_term_in_the_recorded_run_is_rejected_at_its_line_with_the_action()
    {
        var folder = Directory.CreateTempSubdirectory("recorded-run-edited-").FullName;
        var paths = new List<string>();
        foreach (var log in RecordedLogs)
        {
            using var reader = NodeLogReader.OpenText(log);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (Path.GetFileName(log).StartsWith("n2", StringComparison.Ordinal))
            {
                // n2's first election: the term it logs, five more than its timeout gives.
                var line = JsonNode.Parse(lines[2])!.AsObject();
                Assert.Equal("ElectionTimeout", (string?)line["event"]);
                var term = int.Parse((string)line["state"]!["currentTerm"]!["#bigint"]!, System.Globalization.CultureInfo.InvariantCulture);
                line["state"]!["currentTerm"] = new JsonObject { ["#bigint"] = $"{term + 5}" };
                lines[2] = line.ToJsonString();
            }
            var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(log));
            File.WriteAllLines(path, lines);
            paths.Add(path);
        }

        var result = Validate(paths, Raft.Value);

        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Result.Verdict);
        Assert.Equal($"{paths[1]}:3", result.Result.Diagnosis!.Location);
        Assert.Equal("ElectionTimeout", result.Result.Diagnosis.ClaimedAction);
        Assert.Contains("currentTerm[n2]: the log has", result.Result.Diagnosis.Describe(), StringComparison.Ordinal);
    }

    private const string VoteRequest = """{"type":"VoteRequest","dest":{"#unserializable":"n2"},"cId":{"#unserializable":"n1"},"cTerm":1,"cLogLength":0,"cLogTerm":0}""";

    private const string VoteResponse = """{"type":"VoteResponse","dest":{"#unserializable":"n1"},"voterId":{"#unserializable":"n2"},"term":1,"granted":true}""";

    [Fact]
    public void A_message_the_network_duplicated_is_handled_twice_after_the_merge_backs_off_from_consuming_it()
    {
        var consensus = Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "consensus");
        var spec = ConformanceSpec.Load(Path.Combine(consensus, "Raft.tla"), Path.Combine(consensus, "MCRaftConformance.cfg"));
        var folder = Directory.CreateTempSubdirectory("duplicated-message-").FullName;
        var candidate = Path.Combine(folder, "n1.ndjson");
        var voter = Path.Combine(folder, "n2.ndjson");
        File.WriteAllLines(candidate,
        [
            $$$"""{"node":"n1","clock":{"n1":1},"event":"ElectionTimeout","args":{"i":{"#unserializable":"n1"}},"state":{"currentTerm":1,"votedFor":{"#unserializable":"n1"}},"mbt::sent":[{{{VoteRequest}}},{{{VoteRequest.Replace("\"n2\"", "\"n3\"", StringComparison.Ordinal)}}}]}""",
        ]);
        // The VoteRequest was sent once and handled twice: the spec's network may keep a copy of what
        // it delivers. The merge first takes the copies in flight at their word (none left after the
        // first), so it must back off to the successor that kept the request.
        var handled = $$$"""{"node":"n2","clock":{"n1":1,"n2":COUNT},"event":"HandleVoteRequest","args":{"i":{"#unserializable":"n2"},"m":{{{VoteRequest}}}},"state":STATE,"mbt::received":{{{VoteRequest}}},"mbt::sent":[{{{VoteResponse}}}]}""";
        File.WriteAllLines(voter,
        [
            handled.Replace("COUNT", "1", StringComparison.Ordinal).Replace("STATE", """{"currentTerm":1,"votedFor":{"#unserializable":"n1"}}""", StringComparison.Ordinal),
            handled.Replace("COUNT", "2", StringComparison.Ordinal).Replace("STATE", "{}", StringComparison.Ordinal),
        ]);

        var result = Validate([candidate, voter], spec);

        Assert.Equal(ConformanceVerdict.Conforms, result.Result.Verdict);
        Assert.Equal(3, result.Result.StepsValidated);
        Assert.True(result.DeadCuts > 0, "the merge did not back off: the duplicate was not the test's point");
    }
}
