using System.Text;

namespace Verification.Protocols.Consensus.Linearizability;

public enum LinearizabilityVerdict
{
    Linearizable,
    NotLinearizable,

    /// <summary>The search budget ran out first.</summary>
    Unknown,
}

public sealed record LinearizabilityResult(LinearizabilityVerdict Verdict, object? FailingPartition, string Explanation)
{
    public bool IsLinearizable => Verdict == LinearizabilityVerdict.Linearizable;
}

/// <summary>
/// Wing and Gong's linearizability check with Lowe's memoization (the WGL algorithm), split per
/// partition as Porcupine does: operations are laid out as call and return events in time order;
/// the search repeatedly picks a pending call that the sequential model accepts with the recorded
/// output, "lifts" it out of the event list, and backtracks when it reaches a return event whose
/// call has not been linearized. A cache of (linearized set, state) pairs keeps it from exploring
/// the same configuration twice.
/// </summary>
public static class LinearizabilityChecker
{
    public static LinearizabilityResult Check<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        long maxConfigurations = 10_000_000) where TState : notnull
    {
        var partitions = new List<(object Key, List<Operation<TInput, TOutput>> Ops)>();
        var index = new Dictionary<object, int>();
        foreach (var op in history)
        {
            var key = model.PartitionKey(op.Input);
            if (!index.TryGetValue(key, out var p))
            {
                index.Add(key, p = partitions.Count);
                partitions.Add((key, []));
            }
            partitions[p].Ops.Add(op);
        }

        var budget = maxConfigurations;
        var unknown = false;
        foreach (var (key, ops) in partitions)
        {
            var result = CheckPartition(model, key, ops, ref budget);
            if (result.Verdict == LinearizabilityVerdict.NotLinearizable) return result;
            if (result.Verdict == LinearizabilityVerdict.Unknown) unknown = true;
        }
        return unknown
            ? new(LinearizabilityVerdict.Unknown, null, $"gave up after {maxConfigurations:N0} configurations")
            : new(LinearizabilityVerdict.Linearizable, null, $"{history.Count} operations in {partitions.Count} partitions are linearizable");
    }

    private sealed class Entry
    {
        public required int Id;
        public required bool IsCall;
        public required long Time;
        public Entry? Match; // call -> its return
        public Entry? Prev;
        public Entry? Next;
    }

    private static LinearizabilityResult CheckPartition<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, object key, List<Operation<TInput, TOutput>> ops, ref long budget) where TState : notnull
    {
        var head = BuildEntries(ops);
        var linearized = new Bitset(ops.Count);
        var cache = new HashSet<(Bitset, TState)>();
        var calls = new Stack<(Entry Call, TState StateBefore)>();
        var state = model.Init();
        var best = new List<int>();
        var entry = head.Next;

        while (head.Next is not null)
        {
            if (budget-- <= 0) return new(LinearizabilityVerdict.Unknown, key, "search budget exhausted");
            if (entry!.IsCall)
            {
                var op = ops[entry.Id];
                var next = model.Apply(state, op.Input, out var output);
                var accepted = !op.Completed || EqualityComparer<TOutput>.Default.Equals(output, op.Output);
                if (accepted && cache.Add((linearized.With(entry.Id), next)))
                {
                    calls.Push((entry, state));
                    state = next;
                    linearized.Set(entry.Id);
                    Lift(entry);
                    if (calls.Count > best.Count) best = calls.Select(c => c.Call.Id).Reverse().ToList();
                    entry = head.Next;
                }
                else
                {
                    entry = entry.Next;
                }
            }
            else
            {
                // A return whose call is still in the list: that operation must come before
                // everything still undecided, and no choice made so far allows it. Backtrack.
                if (calls.Count == 0) return new(LinearizabilityVerdict.NotLinearizable, key, Explain(model, key, ops, best));
                var (call, before) = calls.Pop();
                state = before;
                linearized.Clear(call.Id);
                Unlift(call);
                entry = call.Next;
            }
        }
        return new(LinearizabilityVerdict.Linearizable, key, "linearizable");
    }

    private static Entry BuildEntries<TInput, TOutput>(List<Operation<TInput, TOutput>> ops)
    {
        var entries = new List<Entry>(ops.Count * 2);
        for (var id = 0; id < ops.Count; id++)
        {
            var call = new Entry { Id = id, IsCall = true, Time = ops[id].Call };
            var ret = new Entry { Id = id, IsCall = false, Time = ops[id].Return };
            call.Match = ret;
            entries.Add(call);
            entries.Add(ret);
        }
        // Time order; at equal times calls first, so operations that touch an instant overlap.
        entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsCall == b.IsCall ? a.Id.CompareTo(b.Id) : a.IsCall ? -1 : 1);
        var head = new Entry { Id = -1, IsCall = false, Time = long.MinValue };
        var last = head;
        foreach (var e in entries)
        {
            last.Next = e;
            e.Prev = last;
            last = e;
        }
        return head;
    }

    private static void Lift(Entry call)
    {
        call.Prev!.Next = call.Next;
        call.Next!.Prev = call.Prev;
        var ret = call.Match!;
        ret.Prev!.Next = ret.Next;
        if (ret.Next is not null) ret.Next.Prev = ret.Prev;
    }

    private static void Unlift(Entry call)
    {
        var ret = call.Match!;
        ret.Prev!.Next = ret;
        if (ret.Next is not null) ret.Next.Prev = ret;
        call.Prev!.Next = call;
        call.Next!.Prev = call;
    }

    private static string Explain<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, object key, List<Operation<TInput, TOutput>> ops, List<int> best) where TState : notnull
    {
        var sb = new StringBuilder();
        sb.Append($"partition {key}: no order of its {ops.Count} operations agrees with both real time and the sequential model; ");
        sb.Append($"the longest valid prefix has {best.Count} operations");
        if (best.Count > 0) sb.Append(": ").Append(string.Join(", ", best.Select(id => Show(model, ops[id]))));
        var rest = Enumerable.Range(0, ops.Count).Except(best).Select(id => ops[id]).OrderBy(o => o.Call).Take(4).ToList();
        if (rest.Count > 0) sb.Append("; none of these can follow: ").Append(string.Join(", ", rest.Select(o => Show(model, o))));
        return sb.ToString();
    }

    private static string Show<TState, TInput, TOutput>(ISequentialModel<TState, TInput, TOutput> model, Operation<TInput, TOutput> op) where TState : notnull =>
        $"client {op.ClientId} {model.Describe(op.Input, op.Completed ? op.Output : default)} [{op.Call}, {(op.Completed ? op.Return.ToString(System.Globalization.CultureInfo.InvariantCulture) : "...")}]";

    /// <summary>A fixed-size set of operation ids with value equality (the cache key).</summary>
    private sealed class Bitset : IEquatable<Bitset>
    {
        private readonly ulong[] words;

        public Bitset(int size) => words = new ulong[(size + 63) / 64];

        private Bitset(ulong[] words) => this.words = words;

        public void Set(int i) => words[i >> 6] |= 1UL << (i & 63);

        public void Clear(int i) => words[i >> 6] &= ~(1UL << (i & 63));

        public Bitset With(int i)
        {
            var copy = new Bitset((ulong[])words.Clone());
            copy.Set(i);
            return copy;
        }

        public bool Equals(Bitset? other) => other is not null && words.AsSpan().SequenceEqual(other.words);

        public override bool Equals(object? obj) => Equals(obj as Bitset);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var w in words) hash.Add(w);
            return hash.ToHashCode();
        }
    }
}
