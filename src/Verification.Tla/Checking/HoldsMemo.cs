using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// The combinations of variable values a state predicate (an invariant) was found true on, for
/// one worker. The predicate reads only the given variables (found from its syntax, see
/// <c>AtomVariables</c>; TLCGet, Print and the like make it unknown and leave it unmemoized),
/// so a state whose values of those variables are the very objects of a state it held on
/// satisfies it too. Values are immutable and a successor shares every variable its action left
/// unchanged with its parent, so siblings mostly hit: an invariant over <c>log</c> is evaluated
/// once per new <c>log</c>, not once per state. TLC checks invariants on every new successor and
/// on every successor outside the state constraint; this keeps those semantics, only the work
/// goes. Direct-mapped by the values' identity hashes; only true is remembered (a false or an
/// error is reported once and ends the search, or, with -continue, is found again the same way).
/// </summary>
internal sealed class HoldsMemo
{
    private const int Slots = 1 << 8;

    private readonly int[] _reads;
    private readonly Value?[] _keys;
    private bool _constantHolds;

    public HoldsMemo(int[] reads)
    {
        _reads = reads;
        _keys = new Value?[Slots * Math.Max(1, reads.Length)];
    }

    /// <summary>Whether the predicate is known to hold on <paramref name="state"/>; otherwise the slot to <see cref="Remember"/> it in.</summary>
    public bool Holds(Value[] state, out int slot)
    {
        var reads = _reads;
        if (reads.Length == 0)
        {
            slot = 0;
            return _constantHolds;
        }
        var hash = 0;
        foreach (var variable in reads) hash = hash * 31 + state[variable].IdentityHash;
        slot = (hash ^ (hash >> 8)) & (Slots - 1);
        var row = slot * reads.Length;
        for (var k = 0; k < reads.Length; k++)
            if (!ReferenceEquals(_keys[row + k], state[reads[k]])) return false;
        return true;
    }

    public void Remember(Value[] state, int slot)
    {
        var reads = _reads;
        if (reads.Length == 0)
        {
            _constantHolds = true;
            return;
        }
        var row = slot * reads.Length;
        for (var k = 0; k < reads.Length; k++) _keys[row + k] = state[reads[k]];
    }
}
