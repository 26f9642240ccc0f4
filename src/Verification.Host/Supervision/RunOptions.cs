using Verification.Protocols.Consensus.Linearizability;
using Verification.Host.Validation;

namespace Verification.Host.Supervision;

[Flags]
public enum FaultKinds
{
    None = 0,

    /// <summary>kill -9 of one node at a time, restarted from its files a moment later.</summary>
    Crash = 1,

    /// <summary>One node cut off from the others for a while (both directions), then healed.</summary>
    Partition = 2,

    /// <summary>A window in which every node drops a fraction of the messages it sends.</summary>
    Loss = 4,
}

/// <summary>What `verify run` was asked to do.</summary>
public sealed record RunOptions
{
    public required string System { get; init; }

    /// <summary>Null: the system's default cluster size.</summary>
    public int? Nodes { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int Clients { get; init; } = 3;

    public FaultKinds Faults { get; init; }

    public int Seed { get; init; } = 1;

    public string? Bug { get; init; }

    /// <summary>A seeded mistake of the node host itself (<see cref="Node.HostBugs.Names"/>), not of the protocol.</summary>
    public string? HostBug { get; init; }

    public required string OutDirectory { get; init; }

    /// <summary>Real milliseconds per logical tick of the nodes' timers (INodeContext.SetTimer delays are in ticks).</summary>
    public int TickMilliseconds { get; init; } = 10;

    public required NodeLauncher Launcher { get; init; }

    /// <summary>Where specs/ is: the spec and conformance model of the system are read from there.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Progress lines (the nemesis's actions); null for none.</summary>
    public TextWriter? Progress { get; init; }
}

/// <summary>What a run measured and what its checks said.</summary>
public sealed record RunResult
{
    public required string System { get; init; }
    public required int Nodes { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required int Operations { get; init; }
    public required int Completed { get; init; }
    public required double OperationsPerSecond { get; init; }
    public required double P50Milliseconds { get; init; }
    public required double P95Milliseconds { get; init; }
    public required double P99Milliseconds { get; init; }
    public required long Messages { get; init; }
    public required double MessagesPerOperation { get; init; }
    public required IReadOnlyList<string> Nemesis { get; init; }
    public LinearizabilityResult? Linearizability { get; init; }
    public required LogValidation Validation { get; init; }

    /// <summary>As `verify test`: 0 correct, 2 a bug found, 3 inconclusive.</summary>
    public int ExitCode =>
        Linearizability?.Verdict == LinearizabilityVerdict.NotLinearizable || Validation.Verdict == Verification.Tla.Conformance.ConformanceVerdict.DoesNotConform ? 2
        : Linearizability?.Verdict == LinearizabilityVerdict.Unknown || Validation.Verdict == Verification.Tla.Conformance.ConformanceVerdict.Inconclusive ? 3
        : 0;
}
