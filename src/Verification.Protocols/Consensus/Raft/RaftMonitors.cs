using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Raft;

internal static class RaftWorld
{
    /// <summary>The Raft state of node <paramref name="node"/>, or null while it is down.</summary>
    public static RaftNode? Raft(this IWorldView world, int node) => (world.Node(node) as IRaftHost)?.Raft;
}

/// <summary>Election safety: at most one node is ever leader in a given term (checked over the whole run, not just the current state).</summary>
public sealed class ElectionSafetyMonitor : SpecMonitor
{
    private readonly Dictionary<int, int> leaderOfTerm = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not StepCompleted) return;
        for (var node = 0; node < world.NodeCount; node++)
        {
            var raft = world.Raft(node);
            if (raft is null || raft.CurrentRole != RaftRole.Leader) continue;
            if (leaderOfTerm.TryGetValue(raft.CurrentTerm, out var leader))
                Assert(leader == node, $"two leaders in term {raft.CurrentTerm}: n{leader + 1} and n{node + 1}");
            else
                leaderOfTerm.Add(raft.CurrentTerm, node);
        }
    }
}

/// <summary>
/// Log matching: logs that hold an entry of the same term at the same index are identical up to
/// that index. Checked by induction: each (index, term) pair, seen in any log at any time, must
/// always come with the same message and the same term before it.
/// </summary>
public sealed class LogMatchingMonitor : SpecMonitor
{
    private readonly Dictionary<(int Index, int Term), (int PrevTerm, object Msg)> seen = [];
    private System.Collections.Immutable.ImmutableArray<LogEntry>[] lastChecked = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not StepCompleted) return;
        if (lastChecked.Length != world.NodeCount) lastChecked = new System.Collections.Immutable.ImmutableArray<LogEntry>[world.NodeCount];
        for (var node = 0; node < world.NodeCount; node++)
        {
            var raft = world.Raft(node);
            if (raft is null) continue;
            var log = raft.Log;
            // ImmutableArray equality is reference equality of the backing array: unchanged logs are skipped.
            if (lastChecked[node] == log) continue;
            lastChecked[node] = log;
            for (var k = 0; k < log.Length; k++)
            {
                var prevTerm = k == 0 ? 0 : log[k - 1].Term;
                var key = (k + 1, log[k].Term);
                if (seen.TryGetValue(key, out var known))
                    Assert(known.PrevTerm == prevTerm && known.Msg.Equals(log[k].Msg),
                        $"logs disagree below index {k + 1} of term {log[k].Term}: n{node + 1} holds {log[k].Msg} after term {prevTerm}, another log held {known.Msg} after term {known.PrevTerm}");
                else
                    seen.Add(key, (prevTerm, log[k].Msg));
            }
        }
    }
}

/// <summary>State machine safety: no two nodes deliver different messages at the same index.</summary>
public sealed class StateMachineSafetyMonitor : SpecMonitor
{
    private readonly List<(object Msg, int Node)> committed = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Delivered { Value: RaftDelivery d } delivered) return;
        if (d.Index <= committed.Count)
        {
            var first = committed[d.Index - 1];
            Assert(first.Msg.Equals(d.Msg),
                $"index {d.Index}: n{first.Node + 1} delivered {first.Msg} but n{delivered.Node + 1} delivered {d.Msg}");
        }
        else
        {
            Assert(d.Index == committed.Count + 1, $"n{delivered.Node + 1} delivered index {d.Index} before index {committed.Count + 1} was delivered anywhere");
            committed.Add((d.Msg, delivered.Node));
        }
    }
}

/// <summary>
/// Leader completeness: a leader holds every entry committed in an earlier term. An entry that a
/// node delivers was committed in a term no later than that node's current term; so the monitor
/// remembers, per index, the smallest such bound and checks every leader of a later term.
/// </summary>
public sealed class LeaderCompletenessMonitor : SpecMonitor
{
    private readonly List<(LogEntry Entry, int CommittedBy)> committed = [];
    private int[] checkedLeaderTerm = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Delivered { Value: RaftDelivery d } delivered:
                var bound = world.Raft(delivered.Node)?.CurrentTerm ?? int.MaxValue;
                if (d.Index == committed.Count + 1)
                {
                    committed.Add((new LogEntry(d.Term, d.Msg), bound));
                    for (var node = 0; node < world.NodeCount; node++)
                    {
                        var raft = world.Raft(node);
                        if (raft is { CurrentRole: RaftRole.Leader } && raft.CurrentTerm > bound)
                            CheckHolds(raft, node, d.Index - 1);
                    }
                }
                else if (d.Index <= committed.Count && bound < committed[d.Index - 1].CommittedBy)
                {
                    committed[d.Index - 1] = (committed[d.Index - 1].Entry, bound);
                }
                break;
            case StepCompleted:
                if (checkedLeaderTerm.Length != world.NodeCount) checkedLeaderTerm = new int[world.NodeCount];
                for (var node = 0; node < world.NodeCount; node++)
                {
                    var raft = world.Raft(node);
                    if (raft is not { CurrentRole: RaftRole.Leader } || checkedLeaderTerm[node] == raft.CurrentTerm) continue;
                    checkedLeaderTerm[node] = raft.CurrentTerm;
                    for (var k = 0; k < committed.Count; k++)
                        if (committed[k].CommittedBy < raft.CurrentTerm) CheckHolds(raft, node, k);
                }
                CheckNoElectableNodeLacksACommittedEntry(world);
                break;
        }
    }

    /// <summary>
    /// The inductive core of leader completeness (Raft paper, section 5.4.3): a committed entry is
    /// held by a majority, and each of them has a log strictly more up to date than any log that
    /// lacks the entry, so a node lacking it can never gather a majority of votes. If some node
    /// lacks a committed entry while the up nodes whose vote its log would win are a majority, a
    /// future election (timers and votes permitting) makes it a leader without that entry: the
    /// violation is already inevitable-reachable, so it is reported now (Figure 8's state (d)
    /// after (c) committed an old-term entry). Down nodes' logs are unknown and count as refusing.
    /// </summary>
    private void CheckNoElectableNodeLacksACommittedEntry(IWorldView world)
    {
        if (committed.Count == 0) return;
        for (var node = 0; node < world.NodeCount; node++)
        {
            var raft = world.Raft(node);
            if (raft is null) continue;
            var missing = FirstMissing(raft);
            if (missing < 0) continue;
            var voters = new List<int>();
            for (var voter = 0; voter < world.NodeCount; voter++)
                if (world.Raft(voter) is { } other && AtLeastAsUpToDate(raft.Log, other.Log)) voters.Add(voter);
            var entry = committed[missing].Entry;
            Assert(voters.Count < world.NodeCount / 2 + 1,
                $"n{node + 1} lacks committed entry {missing + 1} ({entry.Msg}, term {entry.Term}) yet its log wins the votes of a majority ({string.Join(", ", voters.Select(v => $"n{v + 1}"))}): it can be elected leader without it");
        }
    }

    private int FirstMissing(RaftNode raft)
    {
        for (var k = 0; k < committed.Count; k++)
        {
            var entry = committed[k].Entry;
            if (raft.Log.Length <= k || raft.Log[k].Term != entry.Term || !raft.Log[k].Msg.Equals(entry.Msg)) return k;
        }
        return -1;
    }

    /// <summary>The vote's log check: the candidate's last term is later, or the same with a log at least as long.</summary>
    private static bool AtLeastAsUpToDate(System.Collections.Immutable.ImmutableArray<LogEntry> candidate, System.Collections.Immutable.ImmutableArray<LogEntry> voter)
    {
        var candidateTerm = candidate.Length == 0 ? 0 : candidate[^1].Term;
        var voterTerm = voter.Length == 0 ? 0 : voter[^1].Term;
        return candidateTerm > voterTerm || (candidateTerm == voterTerm && candidate.Length >= voter.Length);
    }

    private void CheckHolds(RaftNode leader, int node, int k)
    {
        var entry = committed[k].Entry;
        var holds = leader.Log.Length > k && leader.Log[k].Term == entry.Term && leader.Log[k].Msg.Equals(entry.Msg);
        Assert(holds, $"leader n{node + 1} of term {leader.CurrentTerm} lacks committed entry {k + 1} ({entry.Msg}, term {entry.Term})");
    }
}

/// <summary>Liveness: hot while no live node is leader.</summary>
public sealed class LeaderElectedMonitor : SpecMonitor
{
    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not StepCompleted) return;
        for (var node = 0; node < world.NodeCount; node++)
            if (world.Raft(node) is { CurrentRole: RaftRole.Leader })
            {
                Cold();
                return;
            }
        Hot("no leader");
    }
}

/// <summary>
/// Liveness: every broadcast a correct node (one that never crashed) accepted is eventually
/// delivered by every correct node. Hot while some such broadcast is undelivered somewhere.
/// </summary>
public sealed class EventualDeliveryMonitor : SpecMonitor
{
    private readonly List<(object Msg, int Origin)> broadcasts = [];
    private readonly Dictionary<object, HashSet<int>> deliveredAt = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued issued:
                broadcasts.Add((issued.Request.Payload, issued.Request.Node));
                Evaluate(world);
                break;
            case Delivered { Value: RaftDelivery d } delivered:
                if (!deliveredAt.TryGetValue(d.Msg, out var nodes)) deliveredAt[d.Msg] = nodes = [];
                nodes.Add(delivered.Node);
                Evaluate(world);
                break;
            case NodeCrashed:
                Evaluate(world);
                break;
        }
    }

    private void Evaluate(IWorldView world)
    {
        foreach (var (msg, origin) in broadcasts)
        {
            if (world.HasCrashed(origin)) continue;
            deliveredAt.TryGetValue(msg, out var nodes);
            for (var node = 0; node < world.NodeCount; node++)
                if (!world.HasCrashed(node) && (nodes is null || !nodes.Contains(node)))
                {
                    Hot($"{msg} (broadcast at n{origin + 1}) not delivered at n{node + 1}");
                    return;
                }
        }
        Cold();
    }
}

/// <summary>For scenarios without a majority: no entry may ever be committed.</summary>
public sealed class NoCommitMonitor : SpecMonitor
{
    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is Delivered { Value: RaftDelivery d } delivered)
            Assert(false, $"n{delivered.Node + 1} delivered {d.Msg} at index {d.Index} although no majority is up");
    }
}

public static class RaftMonitors
{
    /// <summary>The four safety properties of the spec (ElectionSafety, LogMatching, LeaderCompleteness, StateMachineSafety).</summary>
    public static List<SpecMonitor> Safety() =>
        [new ElectionSafetyMonitor(), new LogMatchingMonitor(), new LeaderCompletenessMonitor(), new StateMachineSafetyMonitor()];

    /// <summary>Safety plus the two liveness properties (EventuallyLeader, EventuallyDelivered).</summary>
    public static List<SpecMonitor> SafetyAndLiveness() =>
        [.. Safety(), new LeaderElectedMonitor(), new EventualDeliveryMonitor()];
}
