using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// How an invariant or a state constraint can be evaluated with less work than in full: the
/// variables it reads, or, for a definition that is a list of conjuncts, each conjunct compiled on
/// its own with the variables that conjunct reads (null where not known: then it is evaluated on
/// every state). <see cref="StatePredicateMemo"/> uses it, one per worker.
/// </summary>
internal sealed record StatePredicate(Expr Whole, int[]? Reads, Expr[]? Conjuncts, int[]?[]? ConjunctReads);

/// <summary>
/// A state predicate evaluated with memory, for one worker: the combinations of variable values it
/// (or each of its conjuncts) was found true on. A predicate reads only the variables its syntax
/// names (<c>AtomVariables</c>; TLCGet, Print and the like make them unknown), so a state whose
/// values of those variables are the very objects of a state it held on satisfies it too. Values
/// are immutable and a successor shares every variable its action left unchanged with its parent,
/// so siblings mostly hit: MCRaft's LogMatching is evaluated once per new <c>log</c>, not once per
/// state, and TypeOK's conjunct on <c>log</c> likewise. TLC checks invariants on every new
/// successor and on every successor outside the state constraint; those semantics stay, only the
/// work goes. Only true is remembered. When a conjunct is false or fails, the whole predicate is
/// evaluated as before and decides, so a violation or an error is reported exactly as without
/// the memo (TLC's left-to-right conjunction, its messages and locations).
/// </summary>
internal sealed class StatePredicateMemo
{
    private readonly StatePredicate _predicate;
    private readonly HoldsMemo? _whole;
    private readonly HoldsMemo?[]? _conjuncts;

    public StatePredicateMemo(StatePredicate predicate)
    {
        _predicate = predicate;
        if (predicate.Conjuncts is not null) _conjuncts = predicate.ConjunctReads!.Select(static r => r is null ? null : new HoldsMemo(r)).ToArray();
        else if (predicate.Reads is not null) _whole = new HoldsMemo(predicate.Reads);
    }

    /// <summary>The predicate's value on the state in <paramref name="context"/>'s Current (errors as the whole predicate throws them).</summary>
    public bool Evaluate(EvalContext context, Value[] state)
    {
        if (_conjuncts is { } memos) return AllConjunctsHold(memos, context, state) || _predicate.Whole.EvalBool(context, null);
        var slot = 0;
        if (_whole is not null && _whole.Holds(state, out slot)) return true;
        var holds = _predicate.Whole.EvalBool(context, null);
        if (holds) _whole?.Remember(state, slot);
        return holds;
    }

    private bool AllConjunctsHold(HoldsMemo?[] memos, EvalContext context, Value[] state)
    {
        var conjuncts = _predicate.Conjuncts!;
        for (var k = 0; k < conjuncts.Length; k++)
        {
            var memo = memos[k];
            var slot = 0;
            if (memo is not null && memo.Holds(state, out slot)) continue;
            bool holds;
            try
            {
                holds = conjuncts[k].EvalBool(context, null);
            }
            catch (Exception)
            {
                // The whole predicate is evaluated next and reports the error as it always did.
                return false;
            }
            if (!holds) return false;
            memo?.Remember(state, slot);
        }
        return true;
    }
}

/// <summary>
/// The combinations of values of some variables a predicate was found true on: direct-mapped by
/// the values' identity hashes, compared by reference.
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
