namespace Verification.Protocols.Commit.TwoPhaseCommit;

/// <summary>The coordinator asks every resource manager to prepare: the spec's [type |-> "Prepare"].</summary>
public sealed record Prepare;

/// <summary>Resource manager <paramref name="Rm"/> (a node id) voted yes: [type |-> "Prepared", rm |-> r].</summary>
public sealed record Prepared(int Rm);

/// <summary>Resource manager <paramref name="Rm"/> aborted on its own (a no vote): [type |-> "Aborted", rm |-> r].</summary>
public sealed record Aborted(int Rm);

/// <summary>The coordinator decided to commit: [type |-> "Commit"].</summary>
public sealed record Commit;

/// <summary>The coordinator decided to abort: [type |-> "Abort"].</summary>
public sealed record Abort;

/// <summary>
/// A prepared resource manager that restarted asks the coordinator for the outcome (the decision
/// may have been sent while it was down). Not in the spec: the answer is a copy of a message
/// already in msgs.
/// </summary>
public sealed record DecisionRequest;
