using System.Text.Json.Nodes;
using Verification.Host.Supervision;
using Verification.Host.Systems;
using Verification.Host.Validation;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Tla.Conformance;

namespace Verification.Host.Tests;

/// <summary>One short correct Raft run with crashes and partitions, shared by the tests that read its logs.</summary>
public sealed class CorrectRaftRun
{
    public CorrectRaftRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("verify-run-raft-").FullName;
        Result = RealRuns.Run("Raft", seed: 1, TimeSpan.FromSeconds(3), FaultKinds.Crash | FaultKinds.Partition, outDirectory: Directory);
    }

    public string Directory { get; }

    public RunResult Result { get; }

    /// <summary>The run's logs validated again after <paramref name="edit"/> changed a copy of them.</summary>
    public LogValidation ValidateEdited(Action<string> edit)
    {
        var copy = System.IO.Directory.CreateTempSubdirectory("verify-run-edited-").FullName;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        edit(copy);
        var spec = ConformanceSpec.Load(Path.Combine(RealRuns.RepositoryRoot, "specs/consensus/Raft.tla"), Path.Combine(copy, "conformance.cfg"));
        return LogMerger.Validate(copy, 3, HostedSystem.Find("Raft")!, spec);
    }
}

[Collection(RealRunCollection.Name)]
public class CorrectRunTests(CorrectRaftRun raft) : IClassFixture<CorrectRaftRun>
{
    [Fact]
    public void A_correct_Raft_run_with_crashes_and_partitions_validates()
    {
        Assert.Equal(ConformanceVerdict.Conforms, raft.Result.Validation.Verdict);
        Assert.Equal(0, raft.Result.ExitCode);
        Assert.True(raft.Result.Validation.StepsValidated > 20, raft.Result.Validation.Description);
        Assert.True(raft.Result.Completed > 0, "no client operation completed");
        Assert.True(raft.Result.Messages > 0);
    }

    [Fact]
    public void Every_node_log_starts_with_Init_and_counts_its_own_events()
    {
        for (var node = 1; node <= 3; node++)
        {
            var lines = File.ReadAllLines(Path.Combine(raft.Directory, $"n{node}.ndjson")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal("Init", (string?)lines[0]["event"]);
            Assert.Equal($"n{node}", (string?)lines[0]["node"]);
            var own = lines.Select(l => (long)l["clock"]![$"n{node}"]!).ToList();
            Assert.Equal(Enumerable.Range(1, own.Count).Select(i => (long)i), own);
            // The first line holds every entry of this node in the functions of nodes, nothing of the network;
            // later lines only the entries their step changed.
            Assert.NotNull(lines[0]["state"]!["currentTerm"]);
            Assert.NotNull(lines[0]["state"]!["log"]);
            Assert.Null(lines[0]["state"]!["msgs"]);
            Assert.Contains(lines.Skip(1), l => l["state"]!.AsObject().Count < lines[0]["state"]!.AsObject().Count);
        }
    }

    [Fact]
    public void An_edited_field_in_one_log_is_rejected_at_its_line()
    {
        var result = raft.ValidateEdited(dir =>
        {
            var path = Path.Combine(dir, "n2.ndjson");
            var lines = File.ReadAllLines(path);
            // The term of a late line that logs it, five more than it was: no action of the spec explains it.
            var index = Array.FindLastIndex(lines, l => l.Contains("\"currentTerm\"", StringComparison.Ordinal));
            Assert.True(index > 0);
            var line = JsonNode.Parse(lines[index])!.AsObject();
            var term = long.Parse((string)line["state"]!["currentTerm"]!["#bigint"]!, System.Globalization.CultureInfo.InvariantCulture);
            line["state"]!["currentTerm"] = new JsonObject { ["#bigint"] = (term + 5).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            lines[index] = line.ToJsonString();
            File.WriteAllLines(path, lines);
        });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Contains("n2.ndjson:", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Shuffled_lines_of_one_log_are_rejected()
    {
        var result = raft.ValidateEdited(dir =>
        {
            var path = Path.Combine(dir, "n1.ndjson");
            var lines = File.ReadAllLines(path);
            var shuffled = lines.Take(1).Concat(lines.Skip(1).OrderBy(l => l.GetHashCode(StringComparison.Ordinal) ^ 12345)).ToArray();
            Assert.NotEqual(lines, shuffled);
            File.WriteAllLines(path, shuffled);
        });
        Assert.NotEqual(ConformanceVerdict.Conforms, result.Verdict);
        Assert.Contains("n1.ndjson:", result.Description, StringComparison.Ordinal);
    }
}

[Collection(RealRunCollection.Name)]
public class CorrectSystemsTests
{
    [Fact]
    public void A_correct_RaftKv_run_is_linearizable_and_validates()
    {
        var result = RealRuns.Run("RaftKv", seed: 1, TimeSpan.FromSeconds(3), FaultKinds.Partition, clients: 4);
        Assert.Equal(LinearizabilityVerdict.Linearizable, result.Linearizability?.Verdict);
        Assert.Equal(ConformanceVerdict.Conforms, result.Validation.Verdict);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_correct_Paxos_run_validates()
    {
        var result = RealRuns.Run("Paxos", seed: 1, TimeSpan.FromSeconds(2), FaultKinds.Crash | FaultKinds.Partition);
        Assert.Equal(ConformanceVerdict.Conforms, result.Validation.Verdict);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_correct_eager_reliable_broadcast_run_validates()
    {
        var result = RealRuns.Run("EagerReliableBroadcast", seed: 1, TimeSpan.FromSeconds(2), FaultKinds.Loss);
        Assert.Equal(ConformanceVerdict.Conforms, result.Validation.Verdict);
        Assert.Equal(0, result.ExitCode);
    }
}

[Collection(RealRunCollection.Name)]
public class NodeStartTests
{
    [Fact]
    public void A_node_that_exits_before_it_listens_is_a_located_start_failure_not_a_crash_of_the_supervisor()
    {
        var options = new RunOptions
        {
            System = "Raft",
            Seed = 1,
            Duration = TimeSpan.FromSeconds(1),
            Faults = FaultKinds.None,
            OutDirectory = Directory.CreateTempSubdirectory("verify-run-start-").FullName,
            // No such program: every node process exits at once with dotnet's own error.
            Launcher = NodeLauncher.ForAssembly(Path.Combine(Path.GetTempPath(), "no-such-verify.dll")),
            RepositoryRoot = RealRuns.RepositoryRoot,
        };
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failure = Assert.ThrowsAny<NodeStartException>(() => new Supervisor(options).RunAsync(bound.Token).GetAwaiter().GetResult());
        Assert.Matches(@"node n\d exited \(code \d+\) before it listened", failure.Message);
    }
}
