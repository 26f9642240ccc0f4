using System.CommandLine;
using System.Text.Json;
using Verification.Cli;
using Verification.Cli.Commands;
using Verification.Systematic.Engine;

namespace Verification.Systematic.Tests;

/// <summary>`verify test`, `verify replay` and `verify list` over the test project's own systems, in process.</summary>
public class CliTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "cli");

    private static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (test systems)");
        IReadOnlyList<SystemDefinition> Systems() => TestSystems.All;
        root.Subcommands.Add(TestCommand.Create(Systems));
        root.Subcommands.Add(ReplayCommand.Create(Systems));
        root.Subcommands.Add(ListCommand.Create(Systems));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return lines[0];
    }

    [Fact]
    public void Test_exits_2_with_the_report_and_replay_command_when_it_finds_a_bug()
    {
        var (exit, output, error) = Verify("test", "LostUpdateRegister", "--bug", "read-then-write", "--iterations", "200", "--seed", "1", "--report-dir", Reports);
        Assert.Equal(2, exit);
        Assert.Equal("", error);
        Assert.Contains("bug: NoLostUpdate", output);
        Assert.Contains("2 increments were acknowledged but the register holds 1", output);
        Assert.Contains("after shrinking", output);
        Assert.Contains("Deliver(n2->n1, Write { Value = 1 })", output);
        var replay = output.Split('\n').Single(l => l.TrimStart().StartsWith("replay: verify replay ", StringComparison.Ordinal));
        var file = replay.Trim()["replay: verify replay ".Length..];
        Assert.True(File.Exists(file));

        var (replayExit, replayOutput, replayError) = Verify("replay", file);
        Assert.True(replayExit == 2, replayOutput + replayError);
        Assert.Equal("", replayError);
        Assert.Contains("bug: NoLostUpdate", replayOutput);
    }

    [Fact]
    public void Html_report_of_a_system_without_a_refinement_mapping_draws_the_run_and_says_why_no_spec_state_is_shown()
    {
        var path = Path.Combine(Reports, "lost-update.html");
        var (exit, output, error) = Verify("test", "LostUpdateRegister", "--bug", "read-then-write", "--iterations", "200", "--seed", "1", "--report-dir", Reports, "--html", path);
        Assert.Equal(2, exit);
        Assert.Equal("", error);
        Assert.Contains($"html report: {path}", output);
        var html = File.ReadAllText(path);
        var start = html.IndexOf("<script id=\"report-data\" type=\"application/json\">", StringComparison.Ordinal);
        Assert.True(start >= 0);
        start = html.IndexOf('>', start) + 1;
        using var data = JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);
        Assert.Contains("no refinement mapping", data.RootElement.GetProperty("stateNote").GetString());
        Assert.Equal("NoLostUpdate", data.RootElement.GetProperty("verdict").GetProperty("title").GetString());
        Assert.Contains(data.RootElement.GetProperty("messages").EnumerateArray(), m => m.GetProperty("status").GetString() == "delivered");
    }

    [Fact]
    public void Test_exits_0_when_no_bug_is_found()
    {
        var (exit, output, error) = Verify("test", "lostupdateregister", "--iterations", "100", "--strategy", "pos", "--parallel", "2");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("no bug found", output);
        Assert.Contains("100 iterations", output);
    }

    [Theory]
    [InlineData("unknown system 'Nope'", "test", "Nope")]
    [InlineData("unknown bug 'typo' for system LostUpdateRegister (known: read-then-write)", "test", "LostUpdateRegister", "--bug", "typo")]
    [InlineData("unknown strategy 'fifo' (expected one of: random, probabilistic, pct, fair-pct, pos, delay-bounding, dfs, portfolio)", "test", "LostUpdateRegister", "--strategy", "fifo")]
    [InlineData("--parallel must be 0 (all cores) or positive", "test", "LostUpdateRegister", "--parallel", "-1")]
    [InlineData("max steps must be positive", "test", "LostUpdateRegister", "--max-steps", "0")]
    [InlineData("no such schedule file", "replay", "/nonexistent/file.schedule")]
    public void Bad_input_is_one_line_on_stderr_and_exit_1(string message, params string[] args)
    {
        var (exit, _, error) = Verify(args);
        Assert.Equal(1, exit);
        var line = OneLine(error);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void Replay_of_a_malformed_file_names_the_line_and_exits_1()
    {
        Directory.CreateDirectory(Reports);
        var path = Path.Combine(Reports, "broken.schedule");
        File.WriteAllLines(path, ["format: verify-schedule/1", "system: PingPong", "decisions: 1", "teleport(n0)"]);
        var (exit, _, error) = Verify("replay", path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}:4:1: unknown decision 'teleport'", OneLine(error));
    }

    [Fact]
    public void List_json_has_exactly_the_documented_keys()
    {
        var (exit, output, _) = Verify("list", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var names = new List<string>();
        foreach (var system in json.RootElement.EnumerateArray())
        {
            Assert.Equal(["name", "family", "spec", "config", "liveness", "conformance", "mapping", "bugs"], system.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Array, system.GetProperty("bugs").ValueKind);
            names.Add(system.GetProperty("name").GetString()!);
        }
        Assert.Equal(["LeaderElection", "LostUpdateRegister", "PingPong"], names);
        var register = json.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "LostUpdateRegister");
        Assert.Equal(["read-then-write"], register.GetProperty("bugs").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("example", register.GetProperty("family").GetString());
        Assert.Equal(JsonValueKind.Null, register.GetProperty("spec").ValueKind);
    }

    [Fact]
    public void List_prints_a_table_of_the_systems()
    {
        var (exit, output, _) = Verify("list");
        Assert.Equal(0, exit);
        Assert.Contains("LostUpdateRegister", output);
        Assert.Contains("no-reorder-buffer", output);
        Assert.Contains("Seeded bugs", output);
    }
}
