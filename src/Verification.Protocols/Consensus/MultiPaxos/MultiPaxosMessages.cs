using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.MultiPaxos;

// The messages of specs/consensus/MultiPaxos.tla, with the spec's field names. Slots start at 1.

/// <summary>Phase 1a for every slot at once: the proposer of ballot <paramref name="Bal"/> asks for promises.</summary>
public sealed record Prepare(int Bal)
{
    public override string ToString() => SpecText.Message("Prepare", ("bal", SpecText.Int(Bal)));
}

/// <summary>An acceptor's latest vote in one slot (the spec's mbal[s], mval[s]).</summary>
public sealed record SlotVote(int Slot, int MBal, string MVal)
{
    public override string ToString() => SpecText.Record(("slot", SpecText.Int(Slot)), ("mbal", SpecText.Int(MBal)), ("mval", SpecText.Payload(MVal)));
}

/// <summary>Phase 1b: acceptor <paramref name="Acc"/> promises ballot <paramref name="Bal"/> and reports its votes in every slot.</summary>
public sealed record Promise(int Acc, int Bal, ImmutableArray<SlotVote> Votes) : IStateHash
{
    // By content: two promises reporting equal votes are the same message.
    public bool Equals(Promise? other) =>
        other is not null && Acc == other.Acc && Bal == other.Bal && Votes.AsSpan().SequenceEqual(other.Votes.AsSpan());

    public override int GetHashCode() => StateHasher.Fold(StateHash());

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Acc);
        hasher.Add(Bal);
        hasher.AddAll(Votes);
        return hasher.Value;
    }

    public override string ToString() => SpecText.Message("Promise", ("acc", SpecText.Node(Acc)), ("bal", SpecText.Int(Bal)), ("votes", SpecText.Sequence(Votes)));
}

/// <summary>Phase 2a for one slot.</summary>
public sealed record Accept(int Bal, int Slot, string Val)
{
    public override string ToString() => SpecText.Message("Accept", ("bal", SpecText.Int(Bal)), ("slot", SpecText.Int(Slot)), ("val", SpecText.Payload(Val)));
}

/// <summary>Phase 2b for one slot.</summary>
public sealed record Accepted(int Acc, int Bal, int Slot, string Val)
{
    public override string ToString() => SpecText.Message("Accepted", ("acc", SpecText.Node(Acc)), ("bal", SpecText.Int(Bal)), ("slot", SpecText.Int(Slot)), ("val", SpecText.Payload(Val)));
}

/// <summary>The command <paramref name="Val"/> is chosen in <paramref name="Slot"/>.</summary>
public sealed record Decide(int Slot, string Val)
{
    public override string ToString() => SpecText.Message("Decide", ("slot", SpecText.Int(Slot)), ("val", SpecText.Payload(Val)));
}

/// <summary>A lagging replica asks for the decided slots from <paramref name="FromSlot"/> on; the answer is Decide messages.</summary>
public sealed record CatchUp(int FromSlot)
{
    public override string ToString() => SpecText.Message("CatchUp", ("fromSlot", SpecText.Int(FromSlot)));
}

/// <summary>What a replica hands to its state machine: the command of a slot, applied in slot order.</summary>
public sealed record MultiPaxosApplied(int Slot, string Command);

/// <summary>Sent to the monitors when an acceptor votes, so they can rebuild the spec's Chosen(s, v).</summary>
public sealed record MultiPaxosVote(int Acc, int Bal, int Slot, string Val);

/// <summary>
/// What a Multi-Paxos node keeps across a crash: the acceptor's promise and votes, the proposer's
/// last ballot, and the replica's decided log and applied prefix. <paramref name="Submitted"/> is a
/// history variable, not protocol state (see <see cref="MultiPaxosNode.Submitted"/>).
/// </summary>
public sealed record MultiPaxosDurableState(
    int MaxBal,
    ImmutableSortedDictionary<int, (int Bal, string Val)> Votes,
    int PBal,
    ImmutableSortedDictionary<int, string> Decided,
    int Applied,
    ImmutableSortedSet<string> Submitted);
