using Verification.Protocols.Modeling;

namespace Verification.Protocols.Clocks;

/// <summary>How clocks add themselves to a node's state hash.</summary>
internal static class ClockHashing
{
    public static void Add(this ref StateHasher hasher, LamportTimestamp ts)
    {
        hasher.Add(ts.Time);
        hasher.Add(ts.Node);
    }

    public static void Add(this ref StateHasher hasher, VectorClock clock)
    {
        hasher.Add(clock.Count);
        for (var i = 0; i < clock.Count; i++) hasher.Add(clock[i]);
    }
}
