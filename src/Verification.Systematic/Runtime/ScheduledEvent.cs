namespace Verification.Systematic.Runtime;

/// <summary>The kinds of step the world can take, plus the integer choices a node asks for.</summary>
internal enum EventKind : byte
{
    Deliver,
    Timer,
    Request,
    Crash,
    Restart,
    Drop,
    Duplicate,
    Partition,
    Heal,
    Choice,
}

/// <summary>
/// The identity of a decision, stable under replay: a delivery is "the k-th message put on link
/// from→to", not a position in a list, so a schedule still means the same events after shrinking
/// removes unrelated steps.
/// </summary>
/// <param name="Node">Where the event runs: receiver of a message, owner of a timer or request, crashed/restarted node; -1 for partition/heal.</param>
/// <param name="Peer">Sender of a message; otherwise -1.</param>
/// <param name="Seq">Per-link message sequence, request id, partition mask (side A), or the chosen integer.</param>
/// <param name="Name">Timer name.</param>
internal readonly record struct EventKey(EventKind Kind, int Node, int Peer, long Seq, string? Name)
{
    public static EventKey Choice(int value) => new(EventKind.Choice, -1, -1, value, null);

    /// <summary>Matching used by replay: a recorded partition carries its split, the enabled one does not yet.</summary>
    public bool Matches(in EventKey enabled) =>
        Kind == EventKind.Partition ? enabled.Kind == EventKind.Partition : Equals(enabled);

    public bool IsFault => Kind is EventKind.Crash or EventKind.Drop or EventKind.Duplicate or EventKind.Partition;
}

/// <summary>An event the strategy may choose at the current step; <see cref="Slot"/> locates it in the world.</summary>
internal struct EnabledEvent
{
    public EventKey Key;
    public int Slot;
}
