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
}
