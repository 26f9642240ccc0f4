namespace Verification.Tla.Checking;

/// <summary>
/// The set of fingerprints of the distinct states seen so far: open addressing with linear probing
/// over plain <c>ulong</c> slots (8 bytes a slot, 10–20 bytes a state between resizes), split into
/// shards so that parallel workers rarely meet on the same lock and a resize only stops one shard.
/// </summary>
public sealed class FingerprintSet : Spilling.IFingerprintSet
{
    private const int ShardBits = 6;
    private const ulong EmptySlot = 0;
    // A fingerprint that happens to be 0 would look like an empty slot; it is stored as this instead.
    private const ulong ZeroReplacement = 0x9E3779B97F4A7C15UL;

    private readonly Shard[] _shards;

    public FingerprintSet(long expectedStates = 1 << 16)
    {
        var perShard = (int)Math.Clamp(expectedStates >> ShardBits, 16, 1 << 26);
        _shards = new Shard[1 << ShardBits];
        for (var i = 0; i < _shards.Length; i++) _shards[i] = new Shard(perShard);
    }

    /// <summary>Adds a fingerprint; true if it was not in the set before.</summary>
    public bool Add(ulong fingerprint)
    {
        var mixed = Mix(fingerprint);
        if (mixed == EmptySlot) mixed = ZeroReplacement;
        var shard = _shards[(int)(mixed >> (64 - ShardBits))];
        lock (shard.Gate) return shard.Add(mixed);
    }

    public bool Contains(ulong fingerprint)
    {
        var mixed = Mix(fingerprint);
        if (mixed == EmptySlot) mixed = ZeroReplacement;
        var shard = _shards[(int)(mixed >> (64 - ShardBits))];
        lock (shard.Gate) return shard.Contains(mixed);
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards) lock (shard.Gate) total += shard.Count;
            return total;
        }
    }

    /// <summary>Bytes held by the slot arrays (what a distinct state costs in this set).</summary>
    public long AllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards) lock (shard.Gate) total += shard.Capacity * sizeof(ulong);
            return total;
        }
    }

    // Fingerprints from the value layer are already hashes, but shard and slot selection use
    // different bit ranges, so a cheap finalizer guards against weak low or high bits.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    private sealed class Shard(int initialCapacity)
    {
        // A System.Threading.Lock: cheaper to take than a monitor on the shard object.
        public readonly Lock Gate = new();
        private ulong[] _slots = new ulong[RoundUpToPowerOfTwo(initialCapacity)];
        public int Count { get; private set; }
        public long Capacity => _slots.Length;

        public bool Add(ulong key)
        {
            if ((Count + 1) * 5L > _slots.Length * 4L) Grow();
            if (!Insert(_slots, key)) return false;
            Count++;
            return true;
        }

        public bool Contains(ulong key)
        {
            var mask = _slots.Length - 1;
            for (var i = (int)key & mask; ; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot == key) return true;
                if (slot == EmptySlot) return false;
            }
        }

        private static bool Insert(ulong[] slots, ulong key)
        {
            var mask = slots.Length - 1;
            for (var i = (int)key & mask; ; i = (i + 1) & mask)
            {
                var slot = slots[i];
                if (slot == key) return false;
                if (slot == EmptySlot)
                {
                    slots[i] = key;
                    return true;
                }
            }
        }

        private void Grow()
        {
            var bigger = new ulong[_slots.Length * 2];
            foreach (var key in _slots)
                if (key != EmptySlot) Insert(bigger, key);
            _slots = bigger;
        }

        private static int RoundUpToPowerOfTwo(int n)
        {
            var size = 16;
            while (size < n) size <<= 1;
            return size;
        }
    }
}
