namespace Verification.Tla.Checking;

/// <summary>
/// What the checker remembers about every distinct state: its fingerprint and the id of the state
/// it was first reached from (12 bytes a state). A counterexample is rebuilt from this chain by
/// re-running the spec along it, as TLC does with its trace file, instead of keeping every state.
/// Appends are safe from several workers at once.
/// </summary>
public sealed class StateLog
{
    public const int NoParent = -1;
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly object _growLock = new();
    private Entry[][] _chunks = new Entry[16][];
    private int _count;

    private struct Entry
    {
        public ulong Fingerprint;
        public int Parent;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Records a new distinct state and returns its id.</summary>
    public int Append(int parent, ulong fingerprint)
    {
        var id = Interlocked.Increment(ref _count) - 1;
        var chunkIndex = id >> ChunkBits;
        var chunks = Volatile.Read(ref _chunks);
        if (chunkIndex >= chunks.Length || Volatile.Read(ref chunks[chunkIndex]) is null)
            chunks = EnsureChunk(chunkIndex);
        ref var entry = ref chunks[chunkIndex][id & (ChunkSize - 1)];
        entry.Fingerprint = fingerprint;
        entry.Parent = parent;
        return id;
    }

    public ulong FingerprintOf(int id) => _chunks[id >> ChunkBits][id & (ChunkSize - 1)].Fingerprint;

    public int ParentOf(int id) => _chunks[id >> ChunkBits][id & (ChunkSize - 1)].Parent;

    /// <summary>The ids from an initial state down to <paramref name="id"/>.</summary>
    public List<int> PathTo(int id)
    {
        var path = new List<int>();
        for (var at = id; at != NoParent; at = ParentOf(at)) path.Add(at);
        path.Reverse();
        return path;
    }

    private Entry[][] EnsureChunk(int chunkIndex)
    {
        lock (_growLock)
        {
            var chunks = _chunks;
            if (chunkIndex >= chunks.Length)
            {
                var larger = new Entry[Math.Max(chunks.Length * 2, chunkIndex + 1)][];
                Array.Copy(chunks, larger, chunks.Length);
                chunks = larger;
            }
            chunks[chunkIndex] ??= new Entry[ChunkSize];
            Volatile.Write(ref _chunks, chunks);
            return chunks;
        }
    }
}
