namespace Verification.Tla.Checking.Spilling;

/// <summary>The set of fingerprints of the distinct states seen, as the breadth-first search uses it.</summary>
public interface IFingerprintSet
{
    /// <summary>Adds a fingerprint; true if it was not in the set before. Safe from several workers at once.</summary>
    bool Add(ulong fingerprint);

    long Count { get; }

    /// <summary>Bytes of memory the set holds.</summary>
    long AllocatedBytes { get; }
}
