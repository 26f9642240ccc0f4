namespace Verification.Systematic.Runtime;

/// <summary>One request of the scenario's workload: issued to <paramref name="Node"/> when the strategy chooses.</summary>
/// <param name="Id">Unique within the workload; requests to the same node are issued in Id order.</param>
public sealed record ClientRequest(int Id, int Node, object Payload);

/// <summary>A message in flight.</summary>
public readonly record struct Envelope(long Id, int From, int To, object Message);
