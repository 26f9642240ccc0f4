namespace Verification.Tla.Checking;

/// <summary>How to check a spec (the `verify check` flags, with TLC's meanings).</summary>
public sealed record CheckOptions
{
    /// <summary>Worker threads for the breadth-first search (TLC's -workers; 1 by default).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Deadlock checking. TLC's -deadlock flag turns it OFF; CHECK_DEADLOCK FALSE in the cfg does
    /// too. Null means "as the cfg says" (on unless the cfg turns it off).
    /// </summary>
    public bool? CheckDeadlock { get; init; }

    /// <summary>-dumpTrace itf FILE: also write a counterexample as ITF JSON.</summary>
    public string? ItfTracePath { get; init; }

    /// <summary>-simulate: random behaviours instead of an exhaustive search.</summary>
    public bool Simulate { get; init; }

    /// <summary>-depth: the length of each simulated behaviour (TLC's default is 100).</summary>
    public int SimulationDepth { get; init; } = 100;

    /// <summary>How many behaviours -simulate generates.</summary>
    public int SimulationBehaviours { get; init; } = 1000;

    /// <summary>-seed: the seed of the simulation's random choices.</summary>
    public long Seed { get; init; }

    /// <summary>Keep the explored state graph in <see cref="CheckResult.StateGraph"/> (for liveness checking).</summary>
    public bool RecordStateGraph { get; init; }

    /// <summary>-lib: folders searched for modules after the spec's own folder (before TLA_LIBRARY's).</summary>
    public IReadOnlyList<string> LibraryFolders { get; init; } = [];

    /// <summary>How often progress lines are printed during long runs.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first progress line comes this long after the search starts (TLC: 3 seconds).</summary>
    public TimeSpan FirstProgressAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The time since the search started, for progress lines; null is the wall clock (tests inject one).</summary>
    public Func<TimeSpan>? Clock { get; init; }

    /// <summary>-continue: report every invariant and action-property violation and finish the search (TLC then exits 0).</summary>
    public bool Continue { get; init; }

    /// <summary>-difftrace: in a trace, each state after the first shows only the variables that changed.</summary>
    public bool DiffTrace { get; init; }

    /// <summary>-nowarning: no "Warning:" lines.</summary>
    public bool NoWarning { get; init; }

    /// <summary>-userFile FILE: Print and PrintT write to this file instead of the output.</summary>
    public string? UserFile { get; init; }

    /// <summary>-dump [dot] FILE: write every distinct state (plain, TLC's format) or the state graph (GraphViz dot).</summary>
    public string? DumpPath { get; init; }

    public bool DumpDot { get; init; }

    /// <summary>
    /// -spill-threshold N: the queue and the fingerprint set move to disk once they hold N states
    /// (fingerprints) in memory; null: the queue spills when memory runs low (VERIFY_SPILL_THRESHOLD
    /// sets N when the flag does not).
    /// </summary>
    public long? SpillThreshold { get; init; }

    /// <summary>-metadir DIR: where the spill files go (a folder of the run's own, removed at the end; default the temporary folder).</summary>
    public string? MetaDirectory { get; init; }
}
