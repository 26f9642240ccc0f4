using System.Collections.Immutable;
using Verification.Protocols.Consensus.MultiPaxos;
using Verification.Protocols.Consensus.Raft;

namespace Verification.Protocols.Tests.Modeling;

/// <summary>
/// Records that hold an ImmutableArray compare and hash it by content (the generated members compare
/// the array by reference): equal states then hash equal, which DFS relies on to merge them.
/// </summary>
public sealed class ContentHashTests
{
    private static ImmutableArray<LogEntry> Log(params (int Term, string Msg)[] entries) =>
        [.. entries.Select(e => new LogEntry(e.Term, new string(e.Msg.ToCharArray())))];

    [Fact]
    public void Durable_Raft_states_with_equal_logs_are_equal_and_hash_equal()
    {
        var a = new RaftDurableState(3, 1, Log((1, "m1"), (3, "m2")), 1);
        var b = new RaftDurableState(3, 1, Log((1, "m1"), (3, "m2")), 1);
        Assert.NotSame(a.Log.ToArray(), b.Log.ToArray());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.StateHash(), b.StateHash());
        var other = new RaftDurableState(3, 1, Log((1, "m1"), (3, "m3")), 1);
        Assert.NotEqual(a, other);
        Assert.NotEqual(a.StateHash(), other.StateHash());
    }

    [Fact]
    public void Messages_with_equal_entries_are_equal_and_hash_equal()
    {
        var a = new LogRequest(0, 2, 1, 1, 1, Log((2, "m4")));
        var b = new LogRequest(0, 2, 1, 1, 1, Log((2, "m4")));
        Assert.Equal(a, b);
        Assert.Equal(a.StateHash(), b.StateHash());
        Assert.NotEqual(a.StateHash(), (a with { Suffix = Log((2, "m5")) }).StateHash());

        var p = new Promise(1, 4, [new SlotVote(1, 2, "c1")]);
        var q = new Promise(1, 4, [new SlotVote(1, 2, "c1")]);
        Assert.Equal(p, q);
        Assert.Equal(p.GetHashCode(), q.GetHashCode());
        Assert.Equal(p.StateHash(), q.StateHash());
    }

    [Fact]
    public void State_hashes_use_all_64_bits()
    {
        // Hashes of many distinct small states: their upper halves alone must tell them apart as well
        // as the lower ones do (a hash whose upper bits derive from a few fields would collide there).
        var hashes = Enumerable.Range(0, 2000).Select(i => new RaftDurableState(i % 7, i % 3, Log((i % 5, $"m{i}")), i % 2).StateHash()).ToArray();
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        Assert.Equal(hashes.Length, hashes.Select(h => (uint)(h >> 32)).Distinct().Count());
    }
}
