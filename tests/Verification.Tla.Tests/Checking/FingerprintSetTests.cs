using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Checking;

namespace Verification.Tla.Tests.Checking;

public sealed class FingerprintSetTests
{
    [Fact]
    public void Behaves_like_a_set_of_64_bit_numbers()
    {
        // Small values collide often in the low bits, large ones in the high bits: mix both.
        var fingerprintLists = Arb.From(Gen.ArrayOf(Gen.OneOf(
            Gen.Choose(0, 64).Select(static i => (ulong)i),
            Gen.Choose(0, int.MaxValue).Select(static i => (ulong)i << 32))));
        var property = Prop.ForAll(fingerprintLists, fingerprints =>
        {
            var set = new FingerprintSet(expectedStates: 16);
            var reference = new HashSet<ulong>();
            foreach (var fp in fingerprints)
                if (set.Add(fp) != reference.Add(fp)) return false;
            return set.Count == reference.Count && fingerprints.All(set.Contains);
        });
        Values.ValueGenerators.Check(property, maxTest: 200);
    }

    [Fact]
    public void Zero_is_a_fingerprint_like_any_other()
    {
        var set = new FingerprintSet();
        Assert.False(set.Contains(0));
        Assert.True(set.Add(0));
        Assert.False(set.Add(0));
        Assert.True(set.Contains(0));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Grows_past_its_initial_size_and_stays_compact()
    {
        var set = new FingerprintSet(expectedStates: 1024);
        const int n = 200_000;
        for (ulong i = 0; i < n; i++) Assert.True(set.Add(i * 0x9E3779B97F4A7C15UL));
        for (ulong i = 0; i < n; i++) Assert.False(set.Add(i * 0x9E3779B97F4A7C15UL));
        Assert.Equal(n, set.Count);
        // Open addressing at most 80 % full: at most 20 bytes a fingerprint after the last resize.
        Assert.InRange(set.AllocatedBytes / (double)n, 8.0, 21.0);
    }

    [Fact]
    public void Concurrent_adds_of_overlapping_ranges_admit_each_fingerprint_once()
    {
        var set = new FingerprintSet();
        var admitted = 0;
        Parallel.For(0, 4, worker =>
        {
            for (ulong i = 0; i < 50_000; i++)
                if (set.Add(i)) Interlocked.Increment(ref admitted);
        });
        Assert.Equal(50_000, admitted);
        Assert.Equal(50_000, set.Count);
    }
}
