using Verification.Systematic.Runtime;

namespace Verification.Systematic.Network;

/// <summary>A message in flight plus its position on its link (the k-th message put on from→to).</summary>
internal struct Flight
{
    public Envelope Envelope;
    public long LinkSeq;
}

/// <summary>
/// The messages in flight, kept in the order they were put on the network so that enumeration is
/// deterministic; and the network partition, if any. Reused across iterations to avoid allocating
/// per step.
/// </summary>
internal sealed class InFlightMessages : IReadOnlyList<Envelope>
{
    private Flight[] _items = new Flight[32];
    private long[] _linkCounters = [];
    private int _nodeCount;
    private long _nextId;

    public int Count { get; private set; }

    /// <summary>Bit i set = node i is on side A of the partition; 0 = no partition.</summary>
    public long PartitionMask { get; private set; }

    public bool IsPartitioned => PartitionMask != 0;

    public void Reset(int nodeCount)
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
        _nextId = 0;
        PartitionMask = 0;
        _nodeCount = nodeCount;
        if (_linkCounters.Length != nodeCount * nodeCount) _linkCounters = new long[nodeCount * nodeCount];
        else Array.Clear(_linkCounters);
    }

    public ref readonly Flight this[int slot] => ref _items[slot];

    Envelope IReadOnlyList<Envelope>.this[int index] =>
        (uint)index < (uint)Count ? _items[index].Envelope : throw new ArgumentOutOfRangeException(nameof(index));

    public Envelope Add(int from, int to, object message)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        ref var flight = ref _items[Count++];
        flight.Envelope = new Envelope(_nextId++, from, to, message);
        flight.LinkSeq = _linkCounters[from * _nodeCount + to]++;
        return flight.Envelope;
    }

    /// <summary>An envelope numbered like the messages put on the network, for a message lost before it got there.</summary>
    public Envelope Lost(int from, int to, object message) => new(_nextId++, from, to, message);

    public Envelope RemoveAt(int slot)
    {
        var envelope = _items[slot].Envelope;
        Count--;
        if (slot < Count) Array.Copy(_items, slot + 1, _items, slot, Count - slot);
        _items[Count] = default;
        return envelope;
    }

    /// <summary>Discards every message addressed to <paramref name="node"/> (its connections broke when it crashed).</summary>
    public void RemoveAddressedTo(int node)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Envelope.To == node) continue;
            _items[kept++] = _items[i];
        }
        Array.Clear(_items, kept, Count - kept);
        Count = kept;
    }

    public void Partition(long sideA) => PartitionMask = sideA;

    public void Heal() => PartitionMask = 0;

    /// <summary>True while the partition separates the two ends of the link (the message waits, as in network clogging).</summary>
    public bool IsBlocked(int from, int to) =>
        PartitionMask != 0 && (((PartitionMask >> from) ^ (PartitionMask >> to)) & 1) != 0;

    public IEnumerator<Envelope> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _items[i].Envelope;
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
