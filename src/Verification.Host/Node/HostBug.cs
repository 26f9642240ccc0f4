namespace Verification.Host.Node;

/// <summary>
/// Seeded mistakes of the host itself (not of a protocol), switched on by name (`--host-bug`), for
/// showing that Coyote's task testing finds them: each breaks an ordering the host promises.
/// </summary>
public enum HostBug
{
    None,

    /// <summary>A step's frames, replies and deliveries go out before its durable write completes: a crash in between loses a vote or promise a peer already saw.</summary>
    AckBeforeFsync,

    /// <summary>A timer's step runs on the timer's own task instead of the node's event loop: it can run while a message's step waits for its durable write.</summary>
    UnsynchronizedDispatch,
}

public static class HostBugs
{
    /// <summary>The names `--host-bug` takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ack-before-fsync", "unsynchronized-dispatch"];

    public static HostBug Parse(string? name) => name switch
    {
        null => HostBug.None,
        "ack-before-fsync" => HostBug.AckBeforeFsync,
        "unsynchronized-dispatch" => HostBug.UnsynchronizedDispatch,
        _ => throw new ArgumentException($"unknown host bug '{name}' (known: {string.Join(", ", Names)})"),
    };
}
