using Verification.Protocols.Clocks;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.MvRegister;

/// <summary>A client's request to a replica: write <paramref name="Value"/> (the spec's Write(p, v)).</summary>
public sealed record WriteRequest(string Value);

/// <summary>A value of the register with the version vector of the write that made it (the spec's Entry [val, vv]).</summary>
public sealed record RegisterEntry(string Value, VectorClock Vv) : IComparable<RegisterEntry>
{
    public int CompareTo(RegisterEntry? other)
    {
        if (other is null) return 1;
        var byValue = string.CompareOrdinal(Value, other.Value);
        if (byValue != 0) return byValue;
        for (var q = 0; q < Vv.Count; q++)
            if (Vv[q] != other.Vv[q]) return Vv[q].CompareTo(other.Vv[q]);
        return 0;
    }

    public LabelValue ToLabelValue() => CrdtLabels.Record(("val", new LabelValue.Name(Value)), ("vv", MvRegisterLabels.Clock(Vv)));
}

/// <summary>
/// A replica's full state, as it is gossiped (the spec's published state [entries, context]): the
/// entries in canonical order (so that equal states are equal records) and the context.
/// </summary>
public sealed record RegisterState(IReadOnlyList<RegisterEntry> Entries, VectorClock Context) : ILabelArgument
{
    public static RegisterState Empty(int nodeCount) => new([], VectorClock.Zero(nodeCount));

    public bool Equals(RegisterState? other) => other is not null && Context.Equals(other.Context) && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Aggregate(Context.GetHashCode(), (h, e) => HashCode.Combine(h, e));

    public LabelValue ToLabelValue() =>
        CrdtLabels.Record(("entries", new LabelValue.Set([.. Entries.Select(e => e.ToLabelValue())])), ("context", MvRegisterLabels.Clock(Context)));

    public override string ToString() => ToLabelValue().ToString();
}

internal static class MvRegisterLabels
{
    /// <summary>A version vector as the spec's function [Node -> Nat].</summary>
    public static LabelValue Clock(VectorClock clock) =>
        new LabelValue.Record([.. Enumerable.Range(0, clock.Count).Select(q => new KeyValuePair<string, LabelValue>(Modeling.SpecNames.Node(q), new LabelValue.Int(clock[q])))]);
}
