using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>The spec's Msg [time, id]: a broadcast message stamped with its sender's Lamport clock. Body is the application payload.</summary>
public sealed record Msg(int Time, MessageId Id, string Body)
{
    /// <summary>The total-order key &lt;&lt;time, sender&gt;&gt;.</summary>
    public LamportTimestamp Timestamp => new(Time, Id.Sender);

    public override string ToString() => $"Msg({Time}, {Id})";
}

/// <summary>The spec's Ack [time]: "I have received a message; my clock now reads Time".</summary>
public sealed record Ack(int Time)
{
    public override string ToString() => $"Ack({Time})";
}
