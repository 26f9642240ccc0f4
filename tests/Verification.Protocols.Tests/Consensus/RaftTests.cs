using Verification.Cli;
using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Consensus;

/// <summary>
/// Each seeded Raft bug is found within a fixed budget (strategy, iterations, seed 1) by the
/// monitor that guards the property it breaks, and the correct protocol survives the very same
/// budget. Budgets leave a margin over the iteration where the bug first shows (noted per case).
/// </summary>
public class RaftTests
{
    private static readonly RaftSystem System = new();

    private static TestConfiguration Budget(string strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        Seed = 1,
        Shrink = false,
    };

    // bug, strategy, iterations, expected detector; first found at iteration: 4, 6, 27, 263, 320.
    // commit-old-term uses the CLI's default strategy (random) on the three-node Figure 8 shape.
    public static TheoryData<string, string, int, string> SeededBugs => new()
    {
        { "no-log-check", "random", 40, nameof(LeaderCompletenessMonitor) },
        { "truncate-on-stale", "pos", 60, nameof(LeaderCompletenessMonitor) },
        { "stale-votes", "pct", 200, nameof(ElectionSafetyMonitor) },
        { "forget-vote", "pos", 600, nameof(ElectionSafetyMonitor) },
        { "commit-old-term", "random", 1000, nameof(LeaderCompletenessMonitor) },
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_the_monitor_of_the_property_it_breaks(string bug, string strategy, int iterations, string detector)
    {
        var found = Explore.AssertFindsBug(System, bug, Budget(strategy, iterations), detector);
        Assert.NotEmpty(found.Trace);
    }

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Correct_protocol_survives_the_same_budget(string bug, string strategy, int iterations, string detector)
    {
        _ = detector;
        // commit-old-term runs in the three-node Figure 8 shape; the correct protocol is checked there too.
        var config = Budget(strategy, iterations);
        if (bug == "commit-old-term")
            Explore.AssertNoBug("Raft/figure-8-shape", () => RaftSystem.Figure8Scenario(RaftBugs.None), config with { MaxSteps = System.DefaultMaxSteps });
        else
            Explore.AssertNoBug(System, null, config);
    }

    [Fact]
    public void Restarted_node_keeps_term_vote_log_and_commit_length_and_forgets_the_rest()
    {
        var node = new RaftNode(RaftOptions.ForCluster(3));
        var durable = new RaftDurableState(4, 2, [new LogEntry(3, "a"), new LogEntry(4, "b")], 1);
        node.OnRestart(new RecordingContext(0, 3), durable);
        Assert.Equal(4, node.CurrentTerm);
        Assert.Equal(2, node.VotedFor);
        Assert.Equal(2, node.Log.Length);
        Assert.Equal(1, node.CommitLength);
        Assert.Equal(RaftRole.Follower, node.CurrentRole);
        Assert.Null(node.CurrentLeader);
    }

    [Fact]
    public void Forget_vote_bug_drops_votedFor_from_stable_storage_only()
    {
        var correct = new RecordingContext(1, 3);
        var buggy = new RecordingContext(1, 3);
        var request = new VoteRequest(0, 1, 0, 0);
        new RaftNode(RaftOptions.ForCluster(3)).OnMessage(correct, 0, request);
        new RaftNode(RaftOptions.ForCluster(3, RaftBugs.ForgetVote)).OnMessage(buggy, 0, request);
        Assert.Equal(0, ((RaftDurableState)correct.Persisted!).VotedFor);
        Assert.Null(((RaftDurableState)buggy.Persisted!).VotedFor);
        Assert.Contains(correct.Sent, s => s.Message is VoteResponse { Granted: true });
    }

    [Fact]
    public void Follower_keeps_acknowledged_entries_when_a_stale_LogRequest_arrives()
    {
        var ctx = new RecordingContext(1, 3);
        var node = new RaftNode(RaftOptions.ForCluster(3));
        node.OnStart(ctx);
        LogEntry[] entries = [new(1, "a"), new(1, "b")];
        node.OnMessage(ctx, 0, new LogRequest(0, 1, 0, 0, 0, [.. entries]));
        node.OnMessage(ctx, 0, new LogRequest(0, 1, 0, 0, 0, [entries[0]]));
        Assert.Equal(2, node.Log.Length);

        var buggy = new RaftNode(RaftOptions.ForCluster(3, RaftBugs.TruncateOnStale));
        buggy.OnStart(ctx);
        buggy.OnMessage(ctx, 0, new LogRequest(0, 1, 0, 0, 0, [.. entries]));
        buggy.OnMessage(ctx, 0, new LogRequest(0, 1, 0, 0, 0, [entries[0]]));
        Assert.Single(buggy.Log);
    }

    internal static (int Exit, string Out, string Err) RunCli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = global::Verification.Cli.Cli.Run(VerifyApp.CreateRoot(), args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository holding this source file (test binaries may live outside it).</summary>
    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        return global::Verification.Cli.Cli.RepositoryRoot();
    }
}
