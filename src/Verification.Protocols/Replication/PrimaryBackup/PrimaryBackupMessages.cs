using Verification.Protocols.Modeling;

namespace Verification.Protocols.Replication.PrimaryBackup;

// The messages of specs/replication/PrimaryBackup.tla, one record per message type, with the spec's
// field names. A node is its index (spec model value n{i+1}). The register's value travels with its
// stamp; the spec keeps only the stamp.

/// <summary>
/// A write's stamp: the epoch of the primary that took it and its number in that epoch (the spec's
/// &lt;&lt;e, k&gt;&gt;); <see cref="Initial"/> is the register's initial value. Ordered by epoch, then number.
/// </summary>
public readonly record struct Stamp(int Epoch, int Seq) : IComparable<Stamp>
{
    public static Stamp Initial { get; } = new(0, 0);

    public int CompareTo(Stamp other) => Epoch != other.Epoch ? Epoch.CompareTo(other.Epoch) : Seq.CompareTo(other.Seq);

    public static bool operator >(Stamp a, Stamp b) => a.CompareTo(b) > 0;

    public static bool operator <(Stamp a, Stamp b) => a.CompareTo(b) < 0;

    public static bool operator >=(Stamp a, Stamp b) => a.CompareTo(b) >= 0;

    public static bool operator <=(Stamp a, Stamp b) => a.CompareTo(b) <= 0;

    public override string ToString() => $"<<{Epoch}, {Seq}>>";
}

/// <summary>The primary of <paramref name="Epoch"/> sends a client's write to a backup.</summary>
public sealed record Replicate(int Epoch, Stamp Stamp, string Value)
{
    public override string ToString() => SpecText.Message("Replicate", ("epoch", SpecText.Int(Epoch)), ("stamp", Stamp.ToString()));
}

/// <summary>Backup <paramref name="From"/> applied (or already had) the write <paramref name="Stamp"/> of its epoch.</summary>
public sealed record Ack(int Epoch, Stamp Stamp, int From)
{
    public override string ToString() => SpecText.Message("Ack", ("epoch", SpecText.Int(Epoch)), ("stamp", Stamp.ToString()), ("from", SpecText.Node(From)));
}

/// <summary>The primary of <paramref name="Epoch"/> asks a backup to confirm its read number <paramref name="Num"/>.</summary>
public sealed record Check(int Epoch, int Num)
{
    public override string ToString() => SpecText.Message("Check", ("epoch", SpecText.Int(Epoch)), ("num", SpecText.Int(Num)));
}

/// <summary>Backup <paramref name="From"/> is still in <paramref name="Epoch"/>: the read may be answered.</summary>
public sealed record CheckOk(int Epoch, int Num, int From)
{
    public override string ToString() => SpecText.Message("CheckOk", ("epoch", SpecText.Int(Epoch)), ("num", SpecText.Int(Num)), ("from", SpecText.Node(From)));
}

/// <summary>The primary of the new <paramref name="Epoch"/> hands its value to the epoch's backups (state transfer).</summary>
public sealed record NewEpoch(int Epoch, Stamp Stamp, string Value)
{
    public override string ToString() => SpecText.Message("NewEpoch", ("epoch", SpecText.Int(Epoch)), ("stamp", Stamp.ToString()));
}

/// <summary>The primary of <paramref name="Epoch"/> is alive: the failure detector's heartbeat (not in the spec).</summary>
public sealed record Heartbeat(int Epoch);

/// <summary>What a replica keeps on disk, so that a crashed node is what the spec's Crash leaves: its epoch and value.</summary>
public sealed record ReplicaState(int Epoch, Stamp Stamp, string Value);
