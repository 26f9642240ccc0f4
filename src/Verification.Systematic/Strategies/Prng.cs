namespace Verification.Systematic.Strategies;

/// <summary>
/// The explorer's own pseudo-random generator (xoshiro256**, seeded through SplitMix64). We do not
/// use System.Random: its algorithm is an implementation detail of the runtime, and a schedule must
/// come out the same from the same seed on every machine and every .NET version.
/// </summary>
internal sealed class Prng
{
    private ulong _s0, _s1, _s2, _s3;

    public Prng(ulong seed) => Reseed(seed);

    public void Reseed(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject).</summary>
    public int Next(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        var range = (ulong)bound;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold) product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }

    /// <summary>Uniform in [0, bound) for 64-bit bounds.</summary>
    public long NextInt64(long bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        var range = (ulong)bound;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold) product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (long)product;
    }

    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Textbook Fisher–Yates: for i from n-1 down to 1, swap a[i] with a[j], j uniform in [0, i].</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// The seed of iteration <paramref name="iteration"/> of a campaign: a function of the campaign
    /// seed and the index only, so iterations can run in any order on any number of workers.
    /// </summary>
    public static ulong IterationSeed(ulong campaignSeed, long iteration)
    {
        var x = campaignSeed ^ 0x5DEECE66DUL;
        var a = SplitMix(ref x);
        var y = a + (ulong)iteration * 0x9E3779B97F4A7C15UL;
        return SplitMix(ref y);
    }

    public static ulong Mix(ulong a, ulong b)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ b;
        return SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
