using Microsoft.Win32.SafeHandles;

namespace Verification.Tla.Checking.Spilling;

/// <summary>
/// A fingerprint set that moves to disk as it grows (TLC's disk FPSet): new fingerprints go to an
/// in-memory set; when the policy says so, they are sorted and merged into a sorted file, and the
/// memory set starts empty again. A lookup asks the memory set, then the file: an in-memory index of
/// each page's first fingerprint finds the one page to read. One lock serializes the set (spilling is
/// for models larger than memory, where the disk is the bottleneck anyway).
/// </summary>
public sealed class DiskFingerprintSet : IFingerprintSet, IDisposable
{
    private const int PageEntries = 512;

    private readonly object _lock = new();
    private readonly SpillPolicy _policy;
    private readonly string _folder;
    private FingerprintSet _memory = new();
    private readonly List<ulong> _recent = [];
    private SafeFileHandle? _file;
    private string? _filePath;
    private long _onDisk;
    private ulong[] _pageFirsts = [];
    private readonly byte[] _page = new byte[PageEntries * sizeof(ulong)];
    private int _generation;

    public DiskFingerprintSet(SpillPolicy policy, string folder)
    {
        _policy = policy;
        _folder = folder;
    }

    /// <summary>How many times the memory part was merged into the file.</summary>
    public int Spills => _generation;

    public long Count
    {
        get
        {
            lock (_lock) return _onDisk + _recent.Count;
        }
    }

    public long AllocatedBytes
    {
        get
        {
            lock (_lock) return _memory.AllocatedBytes + (long)_recent.Capacity * sizeof(ulong) + (long)_pageFirsts.Length * sizeof(ulong);
        }
    }

    public bool Add(ulong fingerprint)
    {
        lock (_lock)
        {
            if (_onDisk > 0 && OnDisk(fingerprint)) return false;
            if (!_memory.Add(fingerprint)) return false;
            _recent.Add(fingerprint);
            if (_policy.ShouldSpill(_recent.Count)) Spill();
            return true;
        }
    }

    private bool OnDisk(ulong fingerprint)
    {
        // The last page whose first fingerprint is not above the one sought.
        var page = Array.BinarySearch(_pageFirsts, fingerprint);
        if (page >= 0) return true;
        page = ~page - 1;
        if (page < 0) return false;
        var entries = (int)Math.Min(PageEntries, _onDisk - (long)page * PageEntries);
        var bytes = _page.AsSpan(0, entries * sizeof(ulong));
        RandomAccess.Read(_file!, bytes, (long)page * PageEntries * sizeof(ulong));
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
        return values.BinarySearch(fingerprint) >= 0;
    }

    /// <summary>Merges the memory part into a new sorted file.</summary>
    private void Spill()
    {
        _recent.Sort();
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, $"fingerprints-{++_generation}.bin");
        var firsts = new List<ulong>();
        long written = 0;
        using (var output = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
        {
            using var input = _filePath is null ? null : new BinaryReader(new FileStream(_filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            long read = 0;
            var fromFile = 0UL;
            var haveFile = false;
            var next = 0;
            while (true)
            {
                if (!haveFile && read < _onDisk)
                {
                    fromFile = input!.ReadUInt64();
                    read++;
                    haveFile = true;
                }
                if (!haveFile && next == _recent.Count) break;
                ulong value;
                if (haveFile && (next == _recent.Count || fromFile < _recent[next]))
                {
                    value = fromFile;
                    haveFile = false;
                }
                else value = _recent[next++];
                if (written % PageEntries == 0) firsts.Add(value);
                output.Write(value);
                written++;
            }
        }
        _file?.Dispose();
        if (_filePath is not null) File.Delete(_filePath);
        _filePath = path;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        _onDisk = written;
        _pageFirsts = firsts.ToArray();
        _recent.Clear();
        _memory = new FingerprintSet();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
            if (_filePath is not null && File.Exists(_filePath)) File.Delete(_filePath);
            _filePath = null;
        }
    }
}
