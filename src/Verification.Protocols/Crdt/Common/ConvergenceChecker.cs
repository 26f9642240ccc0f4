using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.Common;

/// <summary>What replica <paramref name="Node"/> had applied and held after step <paramref name="Step"/>.</summary>
public sealed record ReplicaSnapshot(long Step, int Node, IReadOnlyList<MessageId> Applied, string State)
{
    public string AppliedText => "{" + string.Join(", ", Applied) + "}";

    public override string ToString() => $"{SpecNames.Node(Node)} after step {Step}: applied {AppliedText}, holds {State}";
}

/// <summary>
/// Strong eventual consistency judged over a run's history of replica states, not only the states
/// of one moment: every two snapshots (of any replicas, at any times) that applied the same updates
/// hold the same state, so a state is a function of the updates applied; and when the run ended
/// quiet, the replicas' last states are equal (they converged). The first half is checked as the
/// history grows (<see cref="Add"/>), so a violation shows at the step that made it.
/// </summary>
public sealed class ConvergenceChecker
{
    private readonly Dictionary<string, ReplicaSnapshot> firstByApplied = [];
    private readonly SortedDictionary<int, ReplicaSnapshot> latest = [];

    /// <summary>The first violation in <paramref name="history"/>, or null.</summary>
    public static string? Check(IEnumerable<ReplicaSnapshot> history, bool quiescent)
    {
        var checker = new ConvergenceChecker();
        foreach (var snapshot in history)
            if (checker.Add(snapshot) is { } violation) return violation;
        return checker.Final(quiescent);
    }

    /// <summary>Adds the next snapshot of the history; the violation it makes, or null.</summary>
    public string? Add(ReplicaSnapshot snapshot)
    {
        latest[snapshot.Node] = snapshot;
        if (firstByApplied.TryAdd(snapshot.AppliedText, snapshot)) return null;
        var earlier = firstByApplied[snapshot.AppliedText];
        return earlier.State == snapshot.State ? null
            : $"the same updates {snapshot.AppliedText} gave two states: {SpecNames.Node(earlier.Node)} held {earlier.State} after step {earlier.Step}, {SpecNames.Node(snapshot.Node)} held {snapshot.State} after step {snapshot.Step}";
    }

    /// <summary>At the end of the run: when it ended quiet, whether the replicas' last states differ.</summary>
    public string? Final(bool quiescent)
    {
        if (!quiescent || latest.Count == 0) return null;
        var first = latest.Values.First();
        foreach (var other in latest.Values.Skip(1))
            if (other.AppliedText != first.AppliedText || other.State != first.State)
                return $"the replicas did not converge once the network was quiet: {first}; {other}";
        return null;
    }
}

/// <summary>Records every replica's applied updates and state after every step that changes them, and checks the history with a <see cref="ConvergenceChecker"/>.</summary>
public sealed class ReplicaHistoryMonitor : SpecMonitor
{
    private readonly List<ReplicaSnapshot> history = [];
    private readonly Dictionary<int, ReplicaSnapshot> latest = [];
    private readonly ConvergenceChecker checker = new();

    public override string Name => "ConvergenceHistory";

    public IReadOnlyList<ReplicaSnapshot> History => history;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RunStarted:
            case StepCompleted:
                for (var node = 0; node < world.NodeCount; node++)
                {
                    if (Replicas.Of(world, node) is not { } replica) continue;
                    var step = e is StepCompleted completed ? completed.Step : 0;
                    var snapshot = new ReplicaSnapshot(step, node, [.. replica.Applied], replica.State.ToString());
                    if (latest.TryGetValue(node, out var previous) && previous.AppliedText == snapshot.AppliedText && previous.State == snapshot.State) continue;
                    latest[node] = snapshot;
                    history.Add(snapshot);
                    if (checker.Add(snapshot) is { } violation) Assert(false, violation);
                }
                break;
            case RunEnded ended:
                if (checker.Final(ended.Quiescent) is { } unconverged) Assert(false, unconverged);
                break;
        }
    }
}
