namespace Verification.Protocols.Clocks;

/// <summary>
/// A Lamport logical clock as an immutable value: <see cref="Tick"/> for a local event or a send,
/// <see cref="Receive"/> for the receipt of a message stamped with another clock's time. If event a
/// happens before event b, the time of a is smaller than the time of b (the clock condition).
/// </summary>
public readonly record struct LamportClock(int Time)
{
    public static LamportClock Zero => default;

    /// <summary>The clock after a local event (or a send, whose message carries the new time).</summary>
    public LamportClock Tick() => new(Time + 1);

    /// <summary>The clock after receiving a message stamped <paramref name="messageTime"/>: max(local, message) + 1.</summary>
    public LamportClock Receive(int messageTime) => new(Math.Max(Time, messageTime) + 1);

    public override string ToString() => Time.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A Lamport time made unique by the node that issued it; ordered by time, then by node, it is the
/// total order that extends happens-before (used by Lamport and ISIS total order broadcast).
/// </summary>
public readonly record struct LamportTimestamp(int Time, int Node) : IComparable<LamportTimestamp>
{
    public int CompareTo(LamportTimestamp other)
    {
        var byTime = Time.CompareTo(other.Time);
        return byTime != 0 ? byTime : Node.CompareTo(other.Node);
    }

    public static bool operator <(LamportTimestamp left, LamportTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(LamportTimestamp left, LamportTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(LamportTimestamp left, LamportTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LamportTimestamp left, LamportTimestamp right) => left.CompareTo(right) >= 0;

    public static LamportTimestamp Max(LamportTimestamp left, LamportTimestamp right) => left >= right ? left : right;

    public static LamportTimestamp Min(LamportTimestamp left, LamportTimestamp right) => left <= right ? left : right;

    /// <summary>Written as the specs write it, the tuple &lt;&lt;time, node&gt;&gt; with nodes numbered from 1 (C# node i is i+1).</summary>
    public override string ToString() => $"<<{Time}, {Node + 1}>>";
}
