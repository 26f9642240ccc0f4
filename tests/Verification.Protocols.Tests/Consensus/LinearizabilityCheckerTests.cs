using Verification.Protocols.Consensus.Linearizability;

namespace Verification.Protocols.Tests.Consensus;

public class LinearizabilityCheckerTests
{
    private static Operation<KvInput, string> Put(int client, string key, string value, long call, long ret) =>
        new(client, new KvInput(Next(), KvOpKind.Put, key, value), "", call, ret);

    private static Operation<KvInput, string> Append(int client, string key, string value, long call, long ret) =>
        new(client, new KvInput(Next(), KvOpKind.Append, key, value), "", call, ret);

    private static Operation<KvInput, string> Get(int client, string key, string result, long call, long ret) =>
        new(client, new KvInput(Next(), KvOpKind.Get, key), result, call, ret);

    private static int opIds;
    private static int Next() => Interlocked.Increment(ref opIds);

    private static LinearizabilityResult Check(params Operation<KvInput, string>[] history) =>
        LinearizabilityChecker.Check(KvModel.Instance, history);

    [Fact]
    public void Sequential_put_then_get_is_linearizable()
    {
        Assert.True(Check(Put(1, "x", "1", 0, 1), Get(2, "x", "1", 2, 3)).IsLinearizable);
    }

    [Fact]
    public void Read_overlapping_a_write_may_see_either_value()
    {
        Assert.True(Check(Put(1, "x", "1", 0, 10), Get(2, "x", "", 2, 3)).IsLinearizable);
        Assert.True(Check(Put(1, "x", "1", 0, 10), Get(2, "x", "1", 2, 3)).IsLinearizable);
    }

    [Fact]
    public void Stale_read_after_a_completed_write_is_not_linearizable()
    {
        var result = Check(Put(1, "x", "1", 0, 1), Get(2, "x", "", 2, 3));
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Equal("x", result.FailingPartition);
        Assert.Contains("get(x)", result.Explanation);
    }

    [Fact]
    public void Reads_that_flip_back_between_two_concurrent_writes_are_not_linearizable()
    {
        // Both writes overlap everything, but once a read has seen 2 after 1, 1 cannot come back.
        var history = new[]
        {
            Put(1, "x", "1", 0, 100), Put(2, "x", "2", 0, 100),
            Get(3, "x", "1", 10, 11), Get(3, "x", "2", 20, 21), Get(3, "x", "1", 30, 31),
        };
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, Check(history).Verdict);
        Assert.True(Check(history[..4]).IsLinearizable);
    }

    [Fact]
    public void Concurrent_appends_may_land_in_either_order_but_reads_must_agree()
    {
        var a = Append(1, "y", "a", 0, 5);
        var b = Append(2, "y", "b", 0, 5);
        Assert.True(Check(a, b, Get(3, "y", "ba", 6, 7)).IsLinearizable);
        Assert.True(Check(a, b, Get(3, "y", "ab", 6, 7)).IsLinearizable);
        Assert.False(Check(a, b, Get(3, "y", "ab", 6, 7), Get(4, "y", "ba", 8, 9)).IsLinearizable);
    }

    [Fact]
    public void A_pending_write_may_or_may_not_have_taken_effect()
    {
        var pending = Operation<KvInput, string>.Pending(1, new KvInput(Next(), KvOpKind.Put, "x", "1"), 0);
        Assert.True(Check(pending, Get(2, "x", "", 5, 6)).IsLinearizable);
        Assert.True(Check(pending, Get(2, "x", "1", 5, 6)).IsLinearizable);
        Assert.True(Check(pending, Get(2, "x", "1", 5, 6), Get(2, "x", "1", 7, 8)).IsLinearizable);
        Assert.False(Check(pending, Get(2, "x", "1", 5, 6), Get(2, "x", "", 7, 8)).IsLinearizable);
        Assert.False(Check(pending, Get(2, "x", "7", 5, 6)).IsLinearizable);
    }

    [Fact]
    public void A_write_cannot_be_seen_before_it_was_called()
    {
        Assert.False(Check(Get(1, "x", "1", 0, 1), Put(2, "x", "1", 2, 3)).IsLinearizable);
    }

    [Fact]
    public void Partitions_are_checked_separately_and_the_failing_key_is_named()
    {
        var result = Check(
            Put(1, "x", "1", 0, 1), Get(2, "x", "1", 2, 3),
            Put(1, "y", "1", 0, 1), Get(2, "y", "", 2, 3));
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Equal("y", result.FailingPartition);
    }

    [Fact]
    public void A_tiny_budget_gives_unknown_rather_than_a_wrong_verdict()
    {
        var history = Enumerable.Range(0, 12).Select(i => Put(i, "x", i.ToString(), 0, 100)).ToList();
        history.Add(Get(99, "x", "5", 200, 201));
        var result = LinearizabilityChecker.Check(KvModel.Instance, history, maxConfigurations: 3);
        Assert.Equal(LinearizabilityVerdict.Unknown, result.Verdict);
        Assert.True(LinearizabilityChecker.Check(KvModel.Instance, history).IsLinearizable);
    }

    [Fact]
    public void Histories_generated_by_an_atomic_store_are_always_linearizable()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var history = AtomicHistory(random, random.Next(1, 14));
            var result = Check([.. history]);
            Assert.True(result.IsLinearizable, $"trial {trial}: {result.Explanation}");
        }
    }

    [Fact]
    public void Checker_agrees_with_brute_force_on_small_random_histories()
    {
        var random = new Random(11);
        var disagreements = 0;
        var nonLinearizable = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var history = AtomicHistory(random, random.Next(1, 7));
            // Corrupt some reads so that about half the histories are not linearizable.
            for (var i = 0; i < history.Count; i++)
                if (history[i].Input.Kind == KvOpKind.Get && random.Next(3) == 0)
                    history[i] = history[i] with { Output = random.Next(3).ToString() };
            var expected = BruteForce(history);
            if (!expected) nonLinearizable++;
            if (Check([.. history]).IsLinearizable != expected) disagreements++;
        }
        Assert.Equal(0, disagreements);
        Assert.InRange(nonLinearizable, 40, 360);
    }

    /// <summary>Operations on one key with random intervals, each taking effect atomically at a point inside its interval.</summary>
    private static List<Operation<KvInput, string>> AtomicHistory(Random random, int count)
    {
        var ops = new List<(KvInput Input, long Call, long Point, long Return)>();
        for (var i = 0; i < count; i++)
        {
            var call = (long)random.Next(0, 40);
            var point = call + random.Next(0, 10);
            var ret = point + random.Next(0, 10);
            var kind = (KvOpKind)random.Next(3);
            ops.Add((new KvInput(Next(), kind, "k", kind == KvOpKind.Get ? null : random.Next(3).ToString()), call, point, ret));
        }
        var state = "";
        var outputs = new Dictionary<KvInput, string>();
        foreach (var op in ops.OrderBy(o => o.Point).ThenBy(o => o.Input.OpId))
        {
            state = KvModel.Instance.Apply(state, op.Input, out var output);
            outputs[op.Input] = output;
        }
        return ops.Select((o, i) => random.Next(8) == 0 && o.Input.Kind != KvOpKind.Get
                ? Operation<KvInput, string>.Pending(i, o.Input, o.Call)
                : new Operation<KvInput, string>(i, o.Input, outputs[o.Input], o.Call, o.Return))
            .ToList();
    }

    /// <summary>Tries every order of every subset of pending operations: the definition, by exhaustion.</summary>
    private static bool BruteForce(List<Operation<KvInput, string>> history)
    {
        var n = history.Count;
        var used = new bool[n];
        bool Extend(int placed, string state, long lowerBound)
        {
            if (Enumerable.Range(0, n).All(i => used[i] || !history[i].Completed)) return true;
            for (var i = 0; i < n; i++)
            {
                if (used[i]) continue;
                // i may come next only if no unplaced operation returned before i was called.
                var blocked = Enumerable.Range(0, n).Any(j => !used[j] && j != i && history[j].Return < history[i].Call);
                if (blocked) continue;
                var next = KvModel.Instance.Apply(state, history[i].Input, out var output);
                if (history[i].Completed && output != history[i].Output) continue;
                used[i] = true;
                var ok = Extend(placed + 1, next, lowerBound);
                used[i] = false;
                if (ok) return true;
            }
            return false;
        }
        return Extend(0, "", long.MinValue);
    }
}
