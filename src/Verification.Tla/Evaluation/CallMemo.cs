using System.Runtime.CompilerServices;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// The results of one operator by the identity of its arguments. An operator whose body is
/// constant-level (it reads no variable), draws nothing at random, prints and touches no file gives
/// the same value for the same argument values, so a call with the very same argument objects as
/// an earlier one is answered with that call's result: the value TLC computes again. Trace specs
/// make this common: a value of the log (a constant) is decoded once per state and once more per
/// choice of an existential (`\E v \in Value : ... /\ log'[i] = LogOf(logged.log)`), and a name is
/// looked up with `CHOOSE x \in S : ToString(x) = name` on every logged value. A failing call is not
/// remembered (it fails again, as in TLC). Only operators that enumerate a set are memoized, and a
/// memo that answers too few calls switches itself off, so ordinary model checking pays nothing.
/// </summary>
internal sealed class CallMemo
{
    // Bounded: the memo keeps its arguments and results alive, and is cleared when full.
    private const int Capacity = 1024;

    // After this many lookups, a memo that answered fewer than a quarter of them stops being used.
    private const int Trial = 4096;

    private readonly Dictionary<Arguments, Value> _results = new();
    private readonly Lock _lock = new();
    private int _lookups;
    private int _hits;
    private volatile bool _off;

    /// <summary>Whether calls of <paramref name="op"/> may be answered from a memo.</summary>
    public static bool Applies(CompiledOperator op, bool anyLazyArgument) =>
        op.Arity > 0
        && op.Iterates
        && op.Level == Levels.Constant
        && !op.DrawsRandom
        && !op.TouchesWorld
        && !op.NeedsParentFrame
        && !anyLazyArgument
        && !op.OperatorParameters.Any(static p => p);

    public bool IsOff => _off;

    /// <summary>The remembered result of a call whose arguments are the first <paramref name="count"/> slots.</summary>
    public bool TryGet(object?[] slots, int count, out Value result)
    {
        lock (_lock)
        {
            _lookups++;
            if (_results.TryGetValue(new Arguments(slots, count), out result!))
            {
                _hits++;
                return true;
            }
            if (_lookups >= Trial && _hits * 4 < _lookups)
            {
                _off = true;
                _results.Clear();
            }
            return false;
        }
    }

    public void Add(Arguments arguments, Value result)
    {
        lock (_lock)
        {
            if (_off) return;
            if (_results.Count >= Capacity) _results.Clear();
            _results[arguments] = result;
        }
    }

    /// <summary>Argument values compared by reference (equal objects are equal values; the converse is not needed).</summary>
    public readonly struct Arguments : IEquatable<Arguments>
    {
        private readonly object?[] _values;
        private readonly int _count;

        public Arguments(object?[] values, int count)
        {
            _values = values;
            _count = count;
        }

        /// <summary>A copy that later changes to the frame's slots do not affect.</summary>
        public static Arguments Copy(object?[] slots, int count) => new(slots[..count], count);

        public bool Equals(Arguments other)
        {
            if (_count != other._count) return false;
            for (var i = 0; i < _count; i++)
                if (!ReferenceEquals(_values[i], other._values[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Arguments other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            for (var i = 0; i < _count; i++) hash.Add(RuntimeHelpers.GetHashCode(_values[i]));
            return hash.ToHashCode();
        }
    }
}
