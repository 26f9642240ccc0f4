namespace Verification.Host.Storage;

/// <summary>
/// What a node keeps across a crash: its durable state (with the clock and log line of the step
/// that wrote it) and its event log. The host awaits <see cref="WriteDurableAsync"/> before any
/// effect of the step becomes visible: that completion is the point a crash must not overtake.
/// Files in production (<see cref="FileNodeStore"/>); memory under a systematic scheduler
/// (<see cref="InMemoryNodeStore"/>), where the write's completion is a point it interleaves.
/// </summary>
public interface INodeStore : IDisposable
{
    /// <summary>The clock of the log's last whole line when the store was opened (a restart), or null for a first boot.</summary>
    long[]? RecoveredClock { get; }

    /// <summary>The last durable record written, or null if there is none.</summary>
    DurableRecord? ReadDurable();

    /// <summary>Forgets any durable record (a first boot starts from nothing).</summary>
    void DeleteDurable();

    /// <summary>Writes the record; the task completes once it would survive a crash (written and fsynced).</summary>
    ValueTask WriteDurableAsync(DurableRecord record);

    /// <summary>Appends one whole line to the event log.</summary>
    void AppendLog(string line);
}

/// <summary>A node's durable state with the clock and the log line of the step that wrote it (null for a step that logged nothing).</summary>
public sealed record DurableRecord(object? Durable, long[] Clock, string? Line);
