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
/// Strong eventual consistency judged over a whole run's history of replica states, not only the
/// states of one moment: every two snapshots (of any replicas, at any times) that applied the same
/// updates hold the same state, so a state is a function of the updates applied; and when the run
/// ended quiet, the replicas' last states are equal (they converged).
/// </summary>
public static class ConvergenceChecker
{
    /// <summary>The first violation in <paramref name="history"/>, or null.</summary>
    public static string? Check(IReadOnlyList<ReplicaSnapshot> history, bool quiescent)
    {
        var byApplied = new Dictionary<string, ReplicaSnapshot>();
        foreach (var snapshot in history)
        {
            if (!byApplied.TryAdd(snapshot.AppliedText, snapshot) && byApplied[snapshot.AppliedText] is var earlier && earlier.State != snapshot.State)
                return $"the same updates {snapshot.AppliedText} gave two states: {SpecNames.Node(earlier.Node)} held {earlier.State} after step {earlier.Step}, {SpecNames.Node(snapshot.Node)} held {snapshot.State} after step {snapshot.Step}";
        }
        if (!quiescent) return null;
        var last = history.GroupBy(s => s.Node).Select(g => g.Last()).OrderBy(s => s.Node).ToList();
        foreach (var other in last.Skip(1))
            if (other.AppliedText != last[0].AppliedText || other.State != last[0].State)
                return $"the replicas did not converge once the network was quiet: {last[0]}; {other}";
        return null;
    }
}

/// <summary>Records every replica's applied updates and state after every step, and checks the history with <see cref="ConvergenceChecker"/> when the run ends.</summary>
public sealed class ReplicaHistoryMonitor : SpecMonitor
{
    private readonly List<ReplicaSnapshot> history = [];
    private readonly Dictionary<int, ReplicaSnapshot> latest = [];

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
                }
                break;
            case RunEnded ended:
                if (ConvergenceChecker.Check(history, ended.Quiescent) is { } violation) Assert(false, violation);
                break;
        }
    }
}
