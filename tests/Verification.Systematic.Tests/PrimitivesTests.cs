using FsCheck;
using FsCheck.Fluent;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;
using Verification.Systematic.Strategies;

namespace Verification.Systematic.Tests;

/// <summary>The generator, the shuffle and the schedule line format, checked as properties.</summary>
public class PrimitivesTests
{
    [Fact]
    public void Fisher_Yates_gives_every_permutation_with_equal_frequency()
    {
        // 60,000 shuffles of three items: each of the 6 orders should come up about 10,000 times. The
        // classic mistake (j drawn from the whole range instead of [0, i]) skews them by ~25%.
        var counts = new Dictionary<string, int>();
        var random = new Prng(12345);
        for (var trial = 0; trial < 60_000; trial++)
        {
            Span<int> items = [0, 1, 2];
            random.Shuffle(items);
            var key = $"{items[0]}{items[1]}{items[2]}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        var chiSquare = counts.Values.Sum(c => Math.Pow(c - 10_000, 2) / 10_000);
        Assert.True(chiSquare < 20.5, $"chi-square {chiSquare:F1} over 5 degrees of freedom (p < 0.001 above 20.5): {string.Join(", ", counts)}");
    }

    [Fact]
    public void Next_stays_in_range_and_the_same_seed_gives_the_same_sequence()
    {
        Prop.ForAll<ulong, PositiveInt>((seed, bound) =>
        {
            var a = new Prng(seed);
            var b = new Prng(seed);
            for (var i = 0; i < 50; i++)
            {
                var x = a.Next(bound.Get);
                if (x < 0 || x >= bound.Get || x != b.Next(bound.Get)) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Iteration_seeds_differ_across_iterations_and_campaigns()
    {
        var seeds = new HashSet<ulong>();
        for (ulong campaign = 1; campaign <= 20; campaign++)
            for (var iteration = 0; iteration < 500; iteration++)
                Assert.True(seeds.Add(Prng.IterationSeed(campaign, iteration)));
    }

    private static readonly Gen<EventKey> Decisions =
        from kind in Gen.Elements(EventKind.Deliver, EventKind.Drop, EventKind.Duplicate, EventKind.Timer, EventKind.Request, EventKind.Crash, EventKind.Restart, EventKind.Partition, EventKind.Heal, EventKind.Choice)
        from node in Gen.Choose(0, 61)
        from peer in Gen.Choose(0, 61)
        from seq in Gen.Choose(0, int.MaxValue)
        from name in Gen.Elements("election", "heartbeat", "a:b", "retry(1)", "x y")
        select kind switch
        {
            EventKind.Deliver or EventKind.Drop or EventKind.Duplicate => new EventKey(kind, node, peer, seq, null),
            EventKind.Timer => new EventKey(kind, node, -1, 0, name),
            EventKind.Request => new EventKey(kind, node, -1, seq, null),
            EventKind.Crash or EventKind.Restart => new EventKey(kind, node, -1, 0, null),
            EventKind.Partition => new EventKey(kind, -1, -1, seq + 1L, null),
            EventKind.Heal => new EventKey(kind, -1, -1, 0, null),
            _ => EventKey.Choice(seq),
        };

    [Fact]
    public void Every_decision_survives_a_round_trip_through_its_schedule_line()
    {
        Prop.ForAll(Decisions.ToArbitrary(), decision =>
            ScheduleFormat.ParseDecision(ScheduleFormat.FormatDecision(decision), "test", 1) == decision).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_partition_names_the_nodes_of_its_side_and_the_older_mask_still_loads()
    {
        var split = new EventKey(EventKind.Partition, -1, -1, 0b101, null);
        Assert.Equal("partition(n1,n3)", ScheduleFormat.FormatDecision(split));
        Assert.Equal(split, ScheduleFormat.ParseDecision("partition(0x5)", "test", 1));
    }

    [Theory]
    [InlineData("deliver(n0->n1)", 9, "malformed deliver")]
    [InlineData("crash(x2)", 7, "'x2' is not a node name")]
    [InlineData("crash(n0)", 7, "'n0' names no node")]
    [InlineData("int(-1)", 5, "is not a non-negative integer")]
    [InlineData("partition(3)", 11, "hexadecimal mask")]
    [InlineData("partition(n0,n2)", 11, "'n0' names no node")]
    [InlineData("timer(n1:)", 7, "expected nNODE:NAME")]
    [InlineData("wait(3)", 1, "unknown decision 'wait'")]
    [InlineData("deliver", 1, "expected a decision like")]
    public void Malformed_decisions_are_located(string line, int column, string message)
    {
        var error = Assert.Throws<ScheduleFormatException>(() => ScheduleFormat.ParseDecision(line, "f.schedule", 9));
        Assert.Equal(9, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"f.schedule:9:{column}: ", error.Message);
    }
}
