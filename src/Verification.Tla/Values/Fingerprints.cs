using System.Numerics;
using System.Runtime.CompilerServices;

namespace Verification.Tla.Values;

/// <summary>
/// 64-bit fingerprint arithmetic. Mixing is order-dependent, which is sound because compound values
/// are fingerprinted over their canonical (sorted) element order. Each kind starts from its own
/// seed so that, for example, the empty set and the empty function differ.
/// </summary>
public static class Fingerprints
{
    internal const ulong BoolSeed = 0x2545F4914F6CDD1DUL;
    internal const ulong IntSeed = 0x9E3779B97F4A7C15UL;
    internal const ulong StringSeed = 0xC2B2AE3D27D4EB4FUL;
    internal const ulong ModelValueSeed = 0x165667B19E3779F9UL;
    internal const ulong SetSeed = 0xD6E8FEB86659FD93UL;
    internal const ulong FunctionSeed = 0xFF51AFD7ED558CCDUL;
    internal const ulong StateSeed = 0xC4CEB9FE1A85EC53UL;

    /// <summary>SplitMix64's finalizer: every input bit affects every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Avalanche(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>Folds one more component into a running fingerprint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong running, ulong component) =>
        BitOperations.RotateLeft((running ^ Avalanche(component)) * 0x9FB21C651E98DF25UL, 29) + 0x632BE59BD9B4E019UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Start(ulong seed, int count) => Avalanche(seed ^ (ulong)(uint)count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong OfInt(int n) => Avalanche(IntSeed ^ (ulong)(uint)n);

    internal static ulong OfString(string s)
    {
        // FNV-1a over UTF-16 code units, then avalanche; computed once per interned string.
        ulong h = 0xCBF29CE484222325UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Avalanche(h ^ StringSeed ^ (ulong)s.Length);
    }

    /// <summary>Fingerprint of a state: its variables' values in declaration order.</summary>
    public static ulong OfState(ReadOnlySpan<Value> variables)
    {
        var h = Start(StateSeed, variables.Length);
        foreach (var v in variables) h = Combine(h, v.Fingerprint);
        return Avalanche(h);
    }

    /// <summary>Fingerprint of canonical set elements (sorted, distinct).</summary>
    internal static ulong OfSetElements(ReadOnlySpan<Value> sortedElements)
    {
        var h = Start(SetSeed, sortedElements.Length);
        foreach (var v in sortedElements) h = Combine(h, v.Fingerprint);
        return Avalanche(h);
    }

    /// <summary>Fingerprint of a function given its domain in canonical order and the matching values.</summary>
    internal static ulong OfFunction(ReadOnlySpan<Value> sortedDomain, ReadOnlySpan<Value> values)
    {
        var h = Start(FunctionSeed, sortedDomain.Length);
        for (var i = 0; i < sortedDomain.Length; i++)
        {
            h = Combine(h, sortedDomain[i].Fingerprint);
            h = Combine(h, values[i].Fingerprint);
        }
        return Avalanche(h);
    }
}
