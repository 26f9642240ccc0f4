using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.RaftKv;
using Verification.Protocols.Replication.PrimaryBackup;
using Verification.Protocols.Tests.Consensus;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Replication;

public class PrimaryBackupTests
{
    private static readonly PrimaryBackupSystem System = new();

    private static TestConfiguration Portfolio(int iterations) => new() { Strategy = "portfolio", Iterations = iterations, Seed = 1 };

    private static PrimaryBackupNode Replica(int node, PrimaryBackupBug bug = PrimaryBackupBug.None) =>
        new(node, PrimaryBackupSystem.Succession, PrimaryBackupSystem.Nodes, PrimaryBackupSystem.Timing, bug);

    [Fact]
    public void A_superseded_primary_answering_local_reads_is_caught_by_the_linearizability_monitor()
    {
        // First found at iteration 8 (delay-bounding): n2 suspects the live n1 falsely and takes over; n1 still answers gets.
        var found = Explore.AssertFindsBug(System, PrimaryBackupSystem.SplitBrain, Portfolio(100), nameof(LinearizabilityMonitor));
        Assert.Contains("not linearizable", found.Message);
        Assert.Contains("Failover(n2)", found.Trace);
        Assert.Equal("Read(n1)", found.Trace[^1]);
    }

    [Fact]
    public void A_write_answered_before_the_backups_have_it_is_lost_by_the_failover()
    {
        // First found at iteration 23 (pct): n1 answers put(x, 1), n2 takes over without it and answers get(x) with "".
        var found = Explore.AssertFindsBug(System, PrimaryBackupSystem.AckBeforeReplication, Portfolio(100), nameof(LinearizabilityMonitor));
        Assert.Contains("Failover(n2)", found.Trace);
        Assert.Contains("Commit(n1)", found.Trace);
    }

    [Fact]
    public void The_primary_answers_a_read_only_once_every_backup_of_its_epoch_confirmed_it()
    {
        var n1 = Replica(0);
        var ctx = new RecordingContext(0, 3);
        n1.OnStart(ctx);
        n1.OnClientRequest(ctx, new ClientRequest(1, 0, new KvInput(1, KvOpKind.Get, "x")));
        Assert.Equal([(1, (object)new Check(1, 1)), (2, new Check(1, 1))], ctx.Sent);
        n1.OnMessage(ctx, 2, new CheckOk(1, 1, 2));
        Assert.Equal(1, n1.PendingRead);
        n1.OnMessage(ctx, 1, new CheckOk(1, 1, 1));
        Assert.Null(n1.PendingRead);
    }

    [Fact]
    public void A_backup_that_joined_a_newer_epoch_neither_confirms_nor_applies_for_the_old_primary()
    {
        var n3 = Replica(2);
        var ctx = new RecordingContext(2, 3);
        n3.OnStart(ctx);
        n3.OnMessage(ctx, 1, new NewEpoch(2, new Stamp(1, 1), "1"));
        Assert.Equal((2, new Stamp(1, 1), "1"), (n3.Epoch, n3.Stamp, n3.Value));

        n3.OnMessage(ctx, 0, new Check(1, 1));
        n3.OnMessage(ctx, 0, new Replicate(1, new Stamp(1, 2), "2"));
        Assert.Empty(ctx.Sent);
        Assert.Equal(new Stamp(1, 1), n3.Stamp);

        n3.OnMessage(ctx, 1, new Check(2, 1));
        Assert.Equal([(1, (object)new CheckOk(2, 1, 2))], ctx.Sent);
    }

    [Fact]
    public void The_successor_takes_over_only_after_a_detector_period_without_word_from_the_primary()
    {
        var n2 = Replica(1);
        var ctx = new RecordingContext(1, 3);
        n2.OnStart(ctx);
        Assert.True(ctx.IsTimerSet(PrimaryBackupNode.SuspectTimer));

        n2.OnMessage(ctx, 0, new Heartbeat(1));
        n2.OnTimer(ctx, PrimaryBackupNode.SuspectTimer);
        Assert.Equal(1, n2.Epoch);
        Assert.False(n2.IsPrimary);

        n2.OnTimer(ctx, PrimaryBackupNode.SuspectTimer);
        Assert.Equal(2, n2.Epoch);
        Assert.True(n2.IsPrimary);
        Assert.Equal([(2, (object)new NewEpoch(2, Stamp.Initial, ""))], ctx.Sent);
    }
}
