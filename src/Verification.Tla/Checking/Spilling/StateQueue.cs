using Microsoft.Win32.SafeHandles;

namespace Verification.Tla.Checking.Spilling;

/// <summary>
/// One level of the breadth-first queue, appended to by one thread and then read by index (in
/// order, or in chunks by several workers), that moves to disk when memory runs low (TLC's
/// DiskStateQueue): items are kept in segments (of 4096, fewer under a small threshold); once the policy says
/// so, full segments are written to the queue's file and dropped from memory, and a read loads a
/// segment back (a few recently loaded ones are kept). Without a policy it is a plain chunked list.
/// </summary>
public sealed class StateQueue<T> : IDisposable
{
    private const int LargestSegmentShift = 12;
    private const int LoadedSegmentsKept = 4;

    // Segments of 4096 items, smaller when a small threshold asks to spill sooner (tests).
    private readonly int _segmentShift = LargestSegmentShift;
    private int SegmentSize => 1 << _segmentShift;

    private static int _files;

    private readonly Spill? _spill;
    private readonly List<Segment> _segments = [];
    private int _count;
    private long _inMemory;

    private readonly object _loadLock = new();
    private readonly (Segment? Segment, T[] Items)[] _loaded = new (Segment?, T[])[LoadedSegmentsKept];
    private int _nextLoadedSlot;
    private SafeFileHandle? _file;
    private string? _filePath;
    private long _fileLength;

    /// <summary>How the queue writes to disk: when, where, and how an item is written and read back.</summary>
    public sealed record Spill(SpillPolicy Policy, string Folder, Action<BinaryWriter, T> Write, Func<BinaryReader, T> Read);

    private sealed class Segment
    {
        public T[]? Items;
        public int Count;
        public long Offset;
        public int Bytes;
    }

    public StateQueue(Spill? spill = null)
    {
        _spill = spill;
        if (spill?.Policy.Threshold is { } threshold)
            while (_segmentShift > 4 && 1L << _segmentShift > threshold) _segmentShift--;
    }

    public int Count => _count;

    /// <summary>Segments written to disk so far.</summary>
    public int SpilledSegments { get; private set; }

    public void Add(T item)
    {
        if (_segments.Count == 0 || _segments[^1].Count == SegmentSize)
        {
            if (_spill is not null && _segments.Count > 0 && _spill.Policy.ShouldSpill(_inMemory)) SpillFullSegments();
            _segments.Add(new Segment { Items = new T[SegmentSize] });
        }
        var segment = _segments[^1];
        segment.Items![segment.Count++] = item;
        _count++;
        _inMemory++;
    }

    public void AddRange(StateQueue<T> other)
    {
        for (var i = 0; i < other.Count; i++) Add(other[i]);
    }

    public T this[int index]
    {
        get
        {
            var segment = _segments[index >> _segmentShift];
            var items = segment.Items ?? Load(segment);
            return items[index & (SegmentSize - 1)];
        }
    }

    private void SpillFullSegments()
    {
        if (_file is null)
        {
            Directory.CreateDirectory(_spill!.Folder);
            _filePath = Path.Combine(_spill!.Folder, $"queue-{Interlocked.Increment(ref _files)}.bin");
            _file = File.OpenHandle(_filePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        foreach (var segment in _segments)
        {
            if (segment.Items is null) continue;
            buffer.SetLength(0);
            for (var i = 0; i < segment.Count; i++) _spill!.Write(writer, segment.Items[i]);
            writer.Flush();
            RandomAccess.Write(_file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), _fileLength);
            segment.Offset = _fileLength;
            segment.Bytes = (int)buffer.Length;
            _fileLength += buffer.Length;
            segment.Items = null;
            _inMemory -= segment.Count;
            SpilledSegments++;
        }
    }

    private T[] Load(Segment segment)
    {
        lock (_loadLock)
        {
            foreach (var (loaded, items) in _loaded)
                if (ReferenceEquals(loaded, segment)) return items;
            var bytes = new byte[segment.Bytes];
            RandomAccess.Read(_file!, bytes, segment.Offset);
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var result = new T[segment.Count];
            for (var i = 0; i < segment.Count; i++) result[i] = _spill!.Read(reader);
            _loaded[_nextLoadedSlot] = (segment, result);
            _nextLoadedSlot = (_nextLoadedSlot + 1) % LoadedSegmentsKept;
            return result;
        }
    }

    public void Dispose()
    {
        _segments.Clear();
        Array.Clear(_loaded);
        _count = 0;
        _inMemory = 0;
        _file?.Dispose();
        _file = null;
        if (_filePath is not null && File.Exists(_filePath)) File.Delete(_filePath);
        _filePath = null;
    }
}
