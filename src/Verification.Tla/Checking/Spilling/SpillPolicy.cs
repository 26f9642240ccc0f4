namespace Verification.Tla.Checking.Spilling;

/// <summary>
/// When the search's queue and fingerprint set move to disk (TLC's DiskStateQueue and disk FPSet):
/// with <see cref="Threshold"/> set, once that many states (or fingerprints) are held in memory;
/// without it, once the process's memory load reaches <see cref="MemoryLoadFraction"/> of what the
/// runtime considers high, which a small model never does. The spill files live in a folder made
/// under <see cref="Folder"/> (TLC's -metadir; the system's temporary folder by default), removed
/// when the search ends. The fingerprint set moves to disk only under an explicit threshold: it
/// costs 8 to 20 bytes a state where the queue holds whole states, and the in-memory set is the
/// one that parallel workers share without waiting.
/// </summary>
public sealed record SpillPolicy
{
    /// <summary>The environment variable that sets <see cref="Threshold"/> when the command line does not (for tests).</summary>
    public const string ThresholdVariable = "VERIFY_SPILL_THRESHOLD";

    public long? Threshold { get; init; }

    public string? Folder { get; init; }

    public double MemoryLoadFraction { get; init; } = 0.75;

    /// <summary>Items a structure keeps in memory before it may spill when no threshold is set (memory is checked only past this).</summary>
    internal const int AutomaticMinimum = 1 << 16;

    /// <summary>Whether a structure holding <paramref name="inMemory"/> items should move some to disk.</summary>
    internal bool ShouldSpill(long inMemory)
    {
        if (Threshold is { } threshold) return inMemory >= threshold;
        if (inMemory < AutomaticMinimum) return false;
        var info = GC.GetGCMemoryInfo();
        return info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= MemoryLoadFraction * info.HighMemoryLoadThresholdBytes;
    }

    /// <summary>The policy the command line and the environment ask for: the flag's threshold first, then <see cref="ThresholdVariable"/>.</summary>
    public static SpillPolicy From(long? threshold, string? folder)
    {
        if (threshold is null && long.TryParse(Environment.GetEnvironmentVariable(ThresholdVariable), out var fromEnvironment) && fromEnvironment > 0)
            threshold = fromEnvironment;
        return new SpillPolicy { Threshold = threshold, Folder = folder };
    }

    /// <summary>Where a run's spill files go: a folder of its own, made when the first file is written.</summary>
    internal string NewFolderPath() =>
        Path.Combine(Path.GetFullPath(Folder ?? Path.GetTempPath()), $"verify-spill-{Environment.ProcessId}-{Guid.NewGuid():N}");
}
