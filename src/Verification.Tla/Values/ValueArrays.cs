using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verification.Tla.Values;

/// <summary>
/// Stores into arrays of values without the runtime's covariance check. An array of a non-sealed
/// element type checks on every store that the value fits the array's actual element type, which
/// the symmetry reduction and the successor loop pay millions of times; the arrays passed here
/// are always created as <c>Value[]</c>, so the check can never fail.
/// </summary>
internal static class ValueArrays
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Value?[] array, int index, Value value)
    {
        // What the skipped check would catch: an array created as a subtype's (a ModelValue[] seen as Value[]).
        Debug.Assert(array.GetType() == typeof(Value[]), "ValueArrays.Store needs an array created as Value[]");
        if ((uint)index >= (uint)array.Length) throw new IndexOutOfRangeException();
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index) = value;
    }
}
