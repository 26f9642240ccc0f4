namespace Verification.Protocols.SpecInvariants;

/// <summary>
/// A system that leaves some invariants of its conformance model to its own monitors, each with the
/// reason (an invariant too costly to evaluate at every step); the others are checked on its runs.
/// </summary>
public interface ISpecInvariantExclusions
{
    IReadOnlyDictionary<string, string> SpecInvariantsLeftToMonitors { get; }
}
