using System.Runtime.CompilerServices;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// The spec variable of a spec whose message set only grows (Lamport's style: msgs is every message
/// ever sent), computed from <see cref="IWorldView.Sent"/>. A recorder maps the world after every
/// step, and rebuilding the set from the whole history each time made mapping quadratic in the run's
/// length (seconds per run); this keeps, per world, the set built so far and adds only the messages
/// sent since the last call. Within a run the history only grows; a new run of a reused world comes
/// with a new history list.
/// </summary>
/// <param name="record">The spec's record of a protocol message, or null for traffic the spec does not model.</param>
public sealed class SentMessageSet(Func<object, Value?> record)
{
    private readonly ConditionalWeakTable<IWorldView, History> _histories = [];

    /// <summary>The set of the spec's records of every message the world has sent so far.</summary>
    public FiniteSetValue Of(IWorldView world)
    {
        var sent = world.Sent;
        // One world is stepped by one worker thread at a time, so its history needs no lock.
        var history = _histories.GetValue(world, static _ => new History());
        if (!ReferenceEquals(sent, history.Source))
        {
            history.Clear();
            history.Source = sent;
        }
        for (var i = history.Seen; i < sent.Count; i++)
            if (record(sent[i].Message) is { } value) history.Add(value);
        history.Seen = sent.Count;
        return history.Set;
    }

    private sealed class History
    {
        private readonly List<Value> _sorted = [];
        private FiniteSetValue? _set;

        public int Seen { get; set; }

        public IReadOnlyList<Envelope>? Source { get; set; }

        public FiniteSetValue Set => _set ??= FiniteSetValue.FromCanonical([.. _sorted]);

        public void Add(Value value)
        {
            var at = _sorted.BinarySearch(value);
            if (at >= 0) return;
            _sorted.Insert(~at, value);
            _set = null;
        }

        public void Clear()
        {
            _sorted.Clear();
            _set = null;
            Seen = 0;
        }
    }
}
