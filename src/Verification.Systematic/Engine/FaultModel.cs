namespace Verification.Systematic.Engine;

/// <summary>
/// Which faults the strategy may inject in a scenario, and how many. Each fault is an enabled
/// event like any other, so strategies choose when (and whether) it happens.
/// </summary>
public sealed record FaultModel
{
    /// <summary>Crash events allowed per run (crash-stop unless <see cref="CrashRecovery"/>).</summary>
    public int MaxCrashes { get; init; }

    /// <summary>Crashed nodes may restart from their durable state.</summary>
    public bool CrashRecovery { get; init; }

    /// <summary>Nodes that may crash; null means every node.</summary>
    public IReadOnlySet<int>? CrashableNodes { get; init; }

    /// <summary>Messages the network may lose per run.</summary>
    public int MaxDrops { get; init; }

    /// <summary>Messages the network may duplicate per run.</summary>
    public int MaxDuplicates { get; init; }

    /// <summary>Partition events per run (a partition splits the nodes in two; heal rejoins them).</summary>
    public int MaxPartitions { get; init; }

    /// <summary>Any in-flight message may be delivered next; false gives FIFO delivery per link.</summary>
    public bool Reordering { get; init; } = true;

    /// <summary>
    /// After this many steps no new fault is injected and partitions heal (the VOPR "heal" phase in
    /// which liveness is judged); null means faults may happen until the end of the run.
    /// </summary>
    public int? FaultsUntilStep { get; init; }

    public static FaultModel Reliable { get; } = new();
}
