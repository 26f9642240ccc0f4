using Verification.Cli.All;
using Verification.Tla.Checking.Spilling;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// The queue and the fingerprint set on disk: each structure against a plain in-memory model with
/// a tiny threshold (so that it spills many times), and every kit entry checked with spilling
/// forced, with TLC's counts and verdicts (also with two workers).
/// </summary>
public sealed class SpillingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("spilling-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Kit => Syntax.SyntaxTestFiles.KitDirectory;

    [Fact]
    public void The_disk_fingerprint_set_answers_as_a_hash_set_across_many_spills()
    {
        var random = new Random(18);
        var expected = new HashSet<ulong>();
        using var set = new DiskFingerprintSet(new SpillPolicy { Threshold = 100 }, Path.Combine(_folder, "fp"));
        for (var i = 0; i < 20_000; i++)
        {
            // Small values repeat often, so that lookups hit both the file and the memory part.
            var fingerprint = i % 3 == 0 ? (ulong)random.Next(5_000) : (ulong)random.NextInt64();
            Assert.Equal(expected.Add(fingerprint), set.Add(fingerprint));
        }
        Assert.Equal(expected.Count, set.Count);
        Assert.True(set.Spills > 10, $"only {set.Spills} spills");
    }

    [Fact]
    public void The_spilled_queue_gives_back_every_state_in_order()
    {
        var codec = new ValueStateCodec();
        var spill = new StateQueue<Tla.Values.Value[]>.Spill(new SpillPolicy { Threshold = 50 }, Path.Combine(_folder, "queue"),
            codec.Write, codec.Read);
        using var queue = new StateQueue<Tla.Values.Value[]>(spill);
        var states = Enumerable.Range(0, 3_000).Select(Sample).ToList();
        foreach (var state in states) queue.Add(state);
        Assert.True(queue.SpilledSegments > 10, $"only {queue.SpilledSegments} segments spilled");
        Assert.Equal(states.Count, queue.Count);
        for (var i = 0; i < states.Count; i++)
        {
            Assert.Equal(states[i], queue[i]);
            Assert.Equal(states[i].Select(v => v.Fingerprint), queue[i].Select(v => v.Fingerprint));
        }
    }

    [Fact]
    public void Without_a_threshold_the_queue_spills_only_when_memory_is_loaded()
    {
        var codec = new ValueStateCodec();
        StateQueue<Tla.Values.Value[]> Filled(double memoryLoadFraction)
        {
            var policy = new SpillPolicy { MemoryLoadFraction = memoryLoadFraction };
            var queue = new StateQueue<Tla.Values.Value[]>(new(policy, Path.Combine(_folder, $"auto-{memoryLoadFraction}"), codec.Write, codec.Read));
            for (var i = 0; i < 3 * SpillPolicy.AutomaticMinimum; i++) queue.Add([Tla.Values.IntValue.Of(i)]);
            return queue;
        }
        // A load fraction of 0 says "memory is always low"; one of 1000 says "never".
        using var loaded = Filled(0);
        using var idle = Filled(1000);
        Assert.True(loaded.SpilledSegments > 0);
        Assert.Equal(0, idle.SpilledSegments);
        Assert.Equal(12345, ((Tla.Values.IntValue)loaded[12345][0]).Value);
    }

    // A state with every kind of value the codec writes out, and one it keeps in memory (1..n).
    private static Tla.Values.Value[] Sample(int i) =>
    [
        Tla.Values.IntValue.Of(i),
        Tla.Values.BoolValue.Of(i % 2 == 0),
        Tla.Values.StringValue.Of($"s{i % 7}"),
        Tla.Values.FiniteSetValue.Of(Tla.Values.IntValue.Of(i % 5), Tla.Values.IntValue.Of(3)),
        Tla.Values.FunctionValue.Record(("a", Tla.Values.IntValue.Of(i)), ("b", Tla.Values.FunctionValue.Tuple(Tla.Values.IntValue.Of(1), Tla.Values.StringValue.Of("x")))),
        Tla.Values.FunctionValue.Tuple(),
        new Tla.Values.IntervalValue(1, i % 4),
    ];

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in TlcKitEntry.Load(Kit)) data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Every_kit_entry_agrees_with_TLC_with_spilling_forced(string name)
    {
        var entry = TlcKitEntry.Load(Kit).Single(e => e.Name == name);
        var output = new StringWriter();
        var result = entry.Run(Kit, output, spillThreshold: 16);
        var differences = entry.Differences(result);
        Assert.True(differences.Count == 0, $"{name} differs from TLC with spilling: {string.Join("; ", differences)}\n{output}");
    }

    [Theory]
    [InlineData("Paxos")]
    [InlineData("ReliableBroadcast")]
    [InlineData("TwoPhaseCommit")]
    public void Two_workers_with_spilling_forced_find_TLCs_distinct_states(string name)
    {
        var entry = TlcKitEntry.Load(Kit).Single(e => e.Name == name);
        var result = entry.Run(Kit, TextWriter.Null, workers: 2, spillThreshold: 16);
        Assert.Equal(entry.DistinctStates, result.DistinctStates);
        Assert.Equal(entry.Result, result.ResultKind);
    }
}
