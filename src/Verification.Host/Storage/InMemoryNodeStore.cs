namespace Verification.Host.Storage;

/// <summary>
/// A node's disk kept in memory across the node host's lives, for running hosts in one process
/// under a systematic scheduler. Each life opens a <see cref="InMemoryNodeStore"/> on it; a crash
/// (<see cref="Crash"/>) cuts the current life off: its durable write that has not completed is
/// lost, and nothing it writes or logs afterwards reaches the disk.
/// </summary>
public sealed class InMemoryDisk
{
    private readonly List<string> _log = [];
    private int _life;

    public DurableRecord? Durable { get; private set; }

    /// <summary>The log's lines, oldest first.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log) return [.. _log];
        }
    }

    /// <summary>Opens the disk for a new life of its node (the previous life, if any, is cut off).</summary>
    public InMemoryNodeStore Open()
    {
        lock (_log) return new InMemoryNodeStore(this, ++_life, _log.Count == 0 ? null : FileNodeStore.ClockOf(_log[^1]));
    }

    /// <summary>The node dies: whatever its current life has not yet made durable is lost.</summary>
    public void Crash()
    {
        lock (_log) _life++;
    }

    internal bool TryWrite(int life, DurableRecord? durable, bool delete)
    {
        lock (_log)
        {
            if (life != _life) return false;
            Durable = delete ? null : durable;
            return true;
        }
    }

    internal bool TryAppend(int life, string line)
    {
        lock (_log)
        {
            if (life != _life) return false;
            _log.Add(line);
            return true;
        }
    }
}

/// <summary>One life's handle on an <see cref="InMemoryDisk"/>. A durable write completes after a yield: the point where another task (a timer, a crash) can come in between.</summary>
public sealed class InMemoryNodeStore : INodeStore
{
    private readonly InMemoryDisk _disk;
    private readonly int _life;

    internal InMemoryNodeStore(InMemoryDisk disk, int life, long[]? recovered)
    {
        _disk = disk;
        _life = life;
        RecoveredClock = recovered;
    }

    public long[]? RecoveredClock { get; }

    public DurableRecord? ReadDurable() => _disk.Durable;

    public void DeleteDurable() => _disk.TryWrite(_life, null, delete: true);

    public async ValueTask WriteDurableAsync(DurableRecord record)
    {
        await Task.Yield();
        _disk.TryWrite(_life, record, delete: false);
    }

    public void AppendLog(string line) => _disk.TryAppend(_life, line);

    public void Dispose()
    {
    }
}
