using System.CommandLine;
using System.Text.Json.Nodes;
using Verification.Cli.Commands;
using Verification.Cli.Tests.Reports;
using Verification.Tla.Conformance;

namespace Verification.Cli.Tests.Validate;

/// <summary>
/// `verify validate --spec SPEC LOGS...` on per-node logs (a seeded simulated run of
/// BestEffortBroadcast, three nodes): a folder or the files conform as one run and --merge-out writes
/// the order found; damage is a located error (exit 1) or a diagnosis (exit 12); other traces given
/// with them are still validated one by one.
/// </summary>
public sealed class ValidateLogsCommandTests : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders)
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static readonly string Spec = Path.Combine(TraceReportRuns.RepositoryRoot, "specs", "broadcast", "BestEffortBroadcast.tla");

    private (string Folder, string Config, IReadOnlyList<string> Logs) Run(string test)
    {
        // A folder of this run's own: two test runs on one machine (two clones in CI) must not share files.
        var folder = Directory.CreateTempSubdirectory($"verification-validate-logs-cli-{test}-").FullName;
        _folders.Add(folder);
        var config = Path.Combine(folder, "MCBestEffortBroadcastLogs.cfg");
        File.WriteAllText(config, "CONSTANTS\n    Node = {n1, n2, n3}\n    MaxBroadcasts = 6\n    MaxCrashes = 0\n    MaxDuplicates = 0\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        var logs = SimulatedNodeLogs.Write(ConformanceSpec.Load(Spec, config), "network", 60, seed: 2, Path.Combine(folder, "logs")).Paths;
        return (folder, config, logs);
    }

    private static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (validate tests)");
        root.Subcommands.Add(ValidateCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_folder_of_node_logs_conforms_as_one_run_and_the_merge_is_written()
    {
        var (folder, config, logs) = Run("folder");
        var merged = Path.Combine(folder, "merged.ndjson");
        var (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, Path.GetDirectoryName(logs[0])!, "--merge-out", merged);
        Assert.True(exit == 0, error + output);
        Assert.Contains("conform as one run (3 logs,", output, StringComparison.Ordinal);
        Assert.Contains("steps/s", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(merged);
        Assert.Equal(logs.Sum(l => File.ReadAllLines(l).Length), lines.Length);
        Assert.All(lines.Take(3), l => Assert.Equal("Init", (string)JsonNode.Parse(l)!["event"]!));

        // The files named one by one are the same run.
        (exit, output, _) = Verify("validate", "--spec", Spec, "-config", config, logs[0], logs[1], logs[2]);
        Assert.Equal(0, exit);
        Assert.Contains("conform as one run", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzipped_node_logs_are_read_as_they_are_and_a_gz_that_is_not_gzip_is_one_error()
    {
        var (folder, config, logs) = Run("gzipped");
        var zipped = Path.Combine(folder, "zipped");
        Directory.CreateDirectory(zipped);
        foreach (var log in logs)
        {
            using var target = new System.IO.Compression.GZipStream(File.Create(Path.Combine(zipped, Path.GetFileName(log) + ".gz")), System.IO.Compression.CompressionLevel.Optimal);
            using var source = File.OpenRead(log);
            source.CopyTo(target);
        }
        var (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, zipped);
        Assert.True(exit == 0, error + output);
        Assert.Contains("conform as one run (3 logs,", output, StringComparison.Ordinal);

        var plain = Path.Combine(zipped, "n1.ndjson.gz");
        File.Copy(logs[0], plain, overwrite: true);
        (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, zipped);
        Assert.Equal(1, exit);
        Assert.Contains($"{plain}: a gzipped log must be a per-node log", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_order_lines_are_one_located_error()
    {
        var (_, config, logs) = Run("shuffled");
        var lines = File.ReadAllLines(logs[0]);
        (lines[2], lines[4]) = (lines[4], lines[2]);
        File.WriteAllLines(logs[0], lines);
        var (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, logs[0], logs[1], logs[2]);
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {logs[0]}:3: the clock's own entry n1 is 5", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void An_edited_line_is_diagnosed_at_its_file_and_line_with_exit_12()
    {
        var (_, config, logs) = Run("edited");
        var lines = File.ReadAllLines(logs[2]);
        var index = Array.FindIndex(lines, l => l.Contains("\"event\":\"Send\"", StringComparison.Ordinal));
        var json = JsonNode.Parse(lines[index])!.AsObject();
        json["state"]!["outbox"] = JsonNode.Parse("{\"#set\":[]}");
        lines[index] = json.ToJsonString();
        File.WriteAllLines(logs[2], lines);
        var (exit, output, _) = Verify("validate", "--spec", Spec, "-config", config, logs[0], logs[1], logs[2]);
        Assert.Equal(12, exit);
        Assert.Contains("do NOT conform", output, StringComparison.Ordinal);
        Assert.Contains($"at {logs[2]}:{index + 1}", output, StringComparison.Ordinal);
        Assert.Contains("Claimed action: Send, taken by n3", output, StringComparison.Ordinal);
        Assert.Contains("outbox[n3]: the log has {}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_log_validates_through_the_mapping_next_to_it_or_given_by_map()
    {
        var (folder, config, logs) = Run("foreign");
        // The other program's log: one file, its own event names, numeric node ids, no clocks.
        var merged = Path.Combine(folder, "merged.ndjson");
        Assert.Equal(0, Verify("validate", "--spec", Spec, "-config", config, Path.GetDirectoryName(logs[0])!, "--merge-out", merged).Exit);
        var foreign = File.ReadAllLines(merged).Where(l => !l.Contains("\"Init\"", StringComparison.Ordinal)).Select(l =>
        {
            var native = JsonNode.Parse(l)!;
            var e = new JsonObject { ["op"] = (string)native["event"]!, ["id"] = ((string)native["node"]!)[1..], ["args"] = native["args"]!.DeepClone() };
            return new JsonObject { ["level"] = "debug", ["e"] = e }.ToJsonString();
        }).ToList();
        var log = Path.Combine(folder, "program.log");
        File.WriteAllLines(log, foreign);
        var map = Path.Combine(folder, "program.map.json");
        File.WriteAllText(map, """
            {
              "event": "e.op", "node": "e.id", "nodes": {"1": "n1", "2": "n2", "3": "n3"},
              "fields": {"m": "e.args.m"},
              "events": {
                "Broadcast": {"action": "Broadcast", "args": {"p": "self"}},
                "Send": {"action": "Send", "args": {"p": "self", "m": "m"}},
                "Receive": {"action": "Receive", "args": {"p": "self", "m": "m"}}
              }
            }
            """);
        var (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, log, "--map", map);
        Assert.True(exit == 0, error + output);
        Assert.Contains("conform as one run (1 log,", output, StringComparison.Ordinal);

        File.Copy(map, log + ".map.json");
        (exit, output, error) = Verify("validate", "--spec", Spec, "-config", config, log);
        Assert.True(exit == 0, error + output);

        // An action name the spec does not have is located in the mapping.
        File.WriteAllText(log + ".map.json", File.ReadAllText(map).Replace("\"action\": \"Send\"", "\"action\": \"Transmit\"", StringComparison.Ordinal));
        (exit, _, error) = Verify("validate", "--spec", Spec, "-config", config, log);
        Assert.Equal(1, exit);
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(log)}\.map\.json:6:\d+: ""Transmit"" is not an action of the spec's Next", error);
    }
}
