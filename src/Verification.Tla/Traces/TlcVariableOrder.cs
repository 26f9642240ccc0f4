namespace Verification.Tla.Traces;

/// <summary>
/// The order in which TLC prints a state's variables. It is not the declaration order: TLC takes
/// the variables from SANY's module context, a java.util.Hashtable keyed by name, so they come
/// out by ascending bucket, <c>(String.hashCode &amp; 0x7FFFFFFF) % capacity</c>, declaration order
/// breaking ties. With capacity 191 (a context holding 72 to 143 symbols, built-in operators
/// included: the usual size for a small spec) this reproduces every trace in the conformance kit,
/// e.g. <c>VARIABLES small, big</c> prints <c>big</c> first and <c>VARIABLES pc, flag, turn</c>
/// prints <c>flag, pc, turn</c>.
/// </summary>
public static class TlcVariableOrder
{
    /// <summary>The Hashtable capacity that reproduces the kit's traces.</summary>
    public const int DefaultCapacity = 191;

    /// <summary>
    /// Indices into <paramref name="declared"/> in TLC's printing order for a context Hashtable of
    /// the given capacity (see <see cref="HashtableCapacity"/>).
    /// </summary>
    public static int[] Order(IReadOnlyList<string> declared, int capacity = DefaultCapacity)
    {
        var indices = Enumerable.Range(0, declared.Count).ToArray();
        // OrderBy is stable: equal buckets keep declaration order.
        return indices.OrderBy(i => Bucket(declared[i], capacity)).ToArray();
    }

    /// <summary>The capacity of a java.util.Hashtable (initially 11, load factor 0.75) after inserting that many keys.</summary>
    public static int HashtableCapacity(int entries)
    {
        var capacity = 11;
        var count = 0;
        while (count < entries)
        {
            // Hashtable rehashes before adding when count >= threshold.
            if (count >= (int)(capacity * 0.75f)) capacity = capacity * 2 + 1;
            count++;
        }
        return capacity;
    }

    /// <summary>Java's String.hashCode.</summary>
    public static int JavaHashCode(string s)
    {
        var h = 0;
        foreach (var c in s) h = unchecked(31 * h + c);
        return h;
    }

    private static int Bucket(string name, int capacity) => (JavaHashCode(name) & 0x7FFFFFFF) % capacity;
}
