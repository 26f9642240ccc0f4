using System.Text.Json.Serialization;

namespace Verification.Cli.Reports;

/// <summary>
/// What an HTML report shows, embedded in the page as JSON: the steps of one run (index 0 is the
/// state before the first step), the messages between the nodes' lanes, partitions and the verdict.
/// A state is stored as its changes only (every variable at index 0), so a long run stays small.
/// </summary>
public sealed record ReportModel
{
    /// <summary>"run" (an explored schedule: lanes and messages) or "trace" (a TLA+ behaviour: states in order).</summary>
    public required string Kind { get; init; }
    public required string Title { get; init; }

    /// <summary>Lines under the title: the command, the system, the seed...</summary>
    public IReadOnlyList<string> Subtitle { get; init; } = [];

    /// <summary>One lane per node, named as the spec names them (n1..nk); empty for a TLA+ behaviour.</summary>
    public IReadOnlyList<string> Lanes { get; init; } = [];

    public required IReadOnlyList<ReportStep> Steps { get; init; }
    public IReadOnlyList<ReportMessage> Messages { get; init; } = [];
    public IReadOnlyList<ReportPartition> Partitions { get; init; } = [];

    /// <summary>The clients' operations (a KV history): shown when some operation was answered.</summary>
    public IReadOnlyList<ReportOperation> Operations { get; init; } = [];
    public ReportVerdict? Verdict { get; init; }

    /// <summary>For a lasso (liveness counterexample): the step the last one loops back to.</summary>
    public int? Loop { get; init; }

    /// <summary>For a TLA+ behaviour: the number of its first state (1 as TLC counts; 0 where messages give ITF indices).</summary>
    public int FirstStateNumber { get; init; } = 1;

    /// <summary>Why the spec's state is missing (a system without a refinement mapping), or null.</summary>
    public string? StateNote { get; init; }
}

/// <param name="Lane">The node the step ran on, or -1 (partition, heal, the initial state, a TLA+ state).</param>
/// <param name="Kind">deliver, timer, request, crash, restart, drop, duplicate, partition, heal, init, step.</param>
/// <param name="Label">The step's label (the node's own action label, or the world's description).</param>
/// <param name="Action">The spec action the label names, or null.</param>
public sealed record ReportStep(int Lane, string Kind, string Label, string? Action)
{
    /// <summary>The spec variables that changed at this step (all of them at index 0), printed as TLA+ values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Changed { get; init; }

    /// <summary>Per lane (its index as text), the lane's own part of the spec variables that changed (var[node]).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Own { get; init; }

    /// <summary>Why there is no spec state after this step, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }
}

/// <param name="Status">delivered, dropped, lost (receiver down or crashed), inflight (never delivered).</param>
/// <param name="Sent">The step that sent it (for a duplicate's copy: the step that copied it).</param>
/// <param name="Ended">The step that delivered, dropped or lost it; null while in flight.</param>
/// <param name="Duplicate">A copy made by a duplicate step.</param>
public sealed record ReportMessage(int From, int To, int Sent, int? Ended, string Status, bool Duplicate, string Label);

/// <param name="SideA">Lanes on side A (the others are on side B).</param>
/// <param name="Until">The step that healed it, or null (still partitioned at the end).</param>
public sealed record ReportPartition(int From, int? Until, IReadOnlyList<int> SideA);

/// <param name="Title">The monitor, "conformance", "invariant Inv"...</param>
/// <param name="Step">The step it shows at, or null when it concerns the whole run.</param>
public sealed record ReportVerdict(string Title, string Message, int? Step, bool Failed = true);

/// <summary>A client operation: issued at step <paramref name="Call"/> to node <paramref name="Lane"/>, answered at <paramref name="Return"/> (null: pending).</summary>
/// <param name="Client">The client (the request's id, as the linearizability checker names it).</param>
/// <param name="Linearized">For a linearizability failure: its position in the longest linearizable prefix (from 1), or null.</param>
/// <param name="Stuck">For a linearizability failure: an operation that cannot follow that prefix.</param>
public sealed record ReportOperation(int Client, int Lane, string Input, string? Output, int Call, int? Return, int? Linearized = null, bool Stuck = false);
