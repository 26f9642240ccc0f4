using Verification.Protocols.Modeling;

namespace Verification.Protocols.Consensus.Paxos;

// The messages of specs/consensus/Paxos.tla, one record per message type, with the spec's field
// names. A node is its index (spec model value n{i+1}); "no value" (the spec's None) is null, and
// "no ballot" is -1 as in the spec.

/// <summary>Phase 1a: the proposer of ballot <paramref name="Bal"/> asks for promises.</summary>
public sealed record Prepare(int Bal)
{
    public override string ToString() => SpecText.Message("Prepare", ("bal", SpecText.Int(Bal)));
}

/// <summary>Phase 1b: acceptor <paramref name="Acc"/> promises ballot <paramref name="Bal"/> and reports its latest vote.</summary>
public sealed record Promise(int Acc, int Bal, int MBal, string? MVal)
{
    public override string ToString() => SpecText.Message("Promise", ("acc", SpecText.Node(Acc)), ("bal", SpecText.Int(Bal)), ("mbal", SpecText.Int(MBal)), ("mval", SpecText.Payload(MVal)));
}

/// <summary>Phase 2a: the proposer of ballot <paramref name="Bal"/> asks acceptors to vote for <paramref name="Val"/>.</summary>
public sealed record Accept(int Bal, string Val)
{
    public override string ToString() => SpecText.Message("Accept", ("bal", SpecText.Int(Bal)), ("val", SpecText.Payload(Val)));
}

/// <summary>Phase 2b: acceptor <paramref name="Acc"/> voted for <paramref name="Val"/> in ballot <paramref name="Bal"/>.</summary>
public sealed record Accepted(int Acc, int Bal, string Val)
{
    public override string ToString() => SpecText.Message("Accepted", ("acc", SpecText.Node(Acc)), ("bal", SpecText.Int(Bal)), ("val", SpecText.Payload(Val)));
}

/// <summary>The proposer saw a quorum vote for <paramref name="Val"/> in ballot <paramref name="Bal"/>: the value is chosen.</summary>
public sealed record Decide(int Bal, string Val)
{
    public override string ToString() => SpecText.Message("Decide", ("bal", SpecText.Int(Bal)), ("val", SpecText.Payload(Val)));
}

/// <summary>
/// What a Paxos node keeps across a crash: the acceptor's promise and vote, the proposer's last
/// ballot and value, and the learned value (the spec's durable variables).
/// </summary>
public sealed record PaxosDurableState(int MaxBal, int MaxVBal, string? MaxVal, int PBal, string? PVal, string? Learned);

/// <summary>
/// Sent to the monitors when an acceptor votes: the monitors rebuild the spec's
/// <c>Chosen</c> from the votes (a quorum of votes for one value in one ballot).
/// </summary>
public sealed record PaxosVote(int Acc, int Bal, string Val);
