using Verification.Cli;

namespace Verification.Coyote.Tests;

/// <summary>`verify test --engine coyote` and `verify replay --engine coyote`: exit codes, the Coyote trace and our readable trace, replay, errors.</summary>
public sealed class CoyoteCliTests
{
    private static (int Exit, string Output, string Error) Verify(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Cli.Run(VerifyApp.CreateRoot(), args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_bug_exits_2_with_Coyote_s_trace_and_the_step_labels_and_replays_to_the_same_bug()
    {
        var folder = CoyoteKit.TempFolder("cli-bug");
        var (exit, output, error) = Verify("test", "Gossip", "--engine", "coyote", "--bug", "no-dedup", "--iterations", "20", "--seed", "1", "--report-dir", folder);
        Assert.True(exit == 2, output + error);
        Assert.Contains("bug found by Coyote: NoDuplication", output, StringComparison.Ordinal);
        var trace = Path.Combine(folder, "Gossip-no-dedup-coyote-random-seed1.trace");
        Assert.True(File.Exists(trace));
        Assert.True(File.Exists(trace + Verification.Coyote.CoyoteTraceFile.SettingsSuffix));
        Assert.Contains("\"Strategy\": \"random\"", File.ReadAllText(trace), StringComparison.Ordinal);
        var labels = output.Split('\n').Where(l => l.StartsWith("        ", StringComparison.Ordinal) && char.IsDigit(l.TrimStart()[0])).ToList();
        Assert.NotEmpty(labels);

        var (replayExit, replayOutput, replayError) = Verify("replay", "--engine", "coyote", trace);
        Assert.True(replayExit == 2, replayOutput + replayError);
        Assert.Contains("bug found by Coyote: NoDuplication", replayOutput, StringComparison.Ordinal);
        var replayed = replayOutput.Split('\n').Where(l => l.StartsWith("        ", StringComparison.Ordinal) && char.IsDigit(l.TrimStart()[0])).ToList();
        Assert.Equal(labels, replayed);
    }

    [Fact]
    public void A_system_taken_from_an_assembly_prints_a_replay_command_that_names_the_assembly_and_replays()
    {
        var folder = CoyoteKit.TempFolder("cli-assembly");
        var assembly = Verification.Protocols.ProtocolsAssembly.Assembly.Location;
        var (exit, output, error) = Verify("test", "--assembly", assembly, "Gossip", "--engine", "coyote", "--bug", "no-dedup", "--iterations", "20", "--seed", "1", "--report-dir", folder);
        Assert.True(exit == 2, output + error);
        var replay = output.Split('\n').Select(static l => l.Trim()).Single(static l => l.StartsWith("replay: verify replay --engine coyote ", StringComparison.Ordinal));
        Assert.EndsWith($" --assembly {assembly}", replay, StringComparison.Ordinal);
        var (replayExit, replayOutput, replayError) = Verify(replay["replay: verify ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(replayExit == 2, replayOutput + replayError);
        Assert.Contains("bug found by Coyote: NoDuplication", replayOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_correct_system_exits_0_and_conformance_is_reported()
    {
        var (exit, output, error) = Verify("test", "Paxos", "--engine", "coyote", "--iterations", "5", "--seed", "1", "--conformance");
        Assert.True(exit == 0, output + error);
        Assert.Contains("no bug found: 5 iterations", output, StringComparison.Ordinal);
        Assert.Contains("conform", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--engine", "bogus")]
    [InlineData("--engine", "coyote", "--strategy", "pct")]
    [InlineData("--engine", "coyote", "--seed", "5000000000")]
    [InlineData("--engine", "coyote", "--parallel", "2")]
    public void Bad_flags_are_one_line_errors(params string[] flags)
    {
        var (exit, output, error) = Verify(["test", "Gossip", .. flags]);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("bug found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_trace_without_its_settings_is_a_one_line_error()
    {
        var folder = CoyoteKit.TempFolder("cli-no-settings");
        var trace = Path.Combine(folder, "lonely.trace");
        File.WriteAllText(trace, "{}");
        var (exit, _, error) = Verify("replay", "--engine", "coyote", trace);
        Assert.Equal(1, exit);
        Assert.Contains(Verification.Coyote.CoyoteTraceFile.SettingsSuffix, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
