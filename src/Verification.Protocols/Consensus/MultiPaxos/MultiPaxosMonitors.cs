using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.MultiPaxos;

/// <summary>
/// Per-slot agreement: at most one command is chosen in a slot (a quorum of votes in one ballot,
/// rebuilt from <see cref="MultiPaxosVote"/> observations), and no two replicas apply different
/// commands in the same slot.
/// </summary>
public sealed class MultiPaxosAgreementMonitor : SpecMonitor
{
    private readonly Dictionary<(int Slot, int Bal, string Val), HashSet<int>> voters = [];
    private readonly Dictionary<int, (string Val, int Bal)> chosen = [];
    private readonly Dictionary<int, (int Node, string Command)> applied = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: MultiPaxosVote vote }:
                var key = (vote.Slot, vote.Bal, vote.Val);
                if (!voters.TryGetValue(key, out var set)) voters[key] = set = [];
                if (!set.Add(vote.Acc) || 2 * set.Count <= world.NodeCount) return;
                if (chosen.TryGetValue(vote.Slot, out var earlier))
                    Assert(earlier.Val == vote.Val,
                        $"slot {vote.Slot}: {earlier.Val} was chosen in ballot {earlier.Bal}, then {vote.Val} in ballot {vote.Bal} " +
                        $"by acceptors {{{string.Join(", ", set.Order().Select(SpecNames.Node))}}}");
                else chosen[vote.Slot] = (vote.Val, vote.Bal);
                break;
            case Delivered { Value: MultiPaxosApplied a } d:
                if (applied.TryGetValue(a.Slot, out var first))
                    Assert(first.Command == a.Command,
                        $"slot {a.Slot}: {SpecNames.Node(first.Node)} applied {first.Command} but {SpecNames.Node(d.Node)} applied {a.Command}");
                else applied[a.Slot] = (d.Node, a.Command);
                break;
        }
    }
}

/// <summary>Replicas apply slots in order: 1, 2, 3, ... with no gap and no repeat, across crashes.</summary>
public sealed class MultiPaxosInOrderMonitor : SpecMonitor
{
    private readonly Dictionary<int, int> lastApplied = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Delivered { Value: MultiPaxosApplied a } d) return;
        var last = lastApplied.GetValueOrDefault(d.Node);
        Assert(a.Slot == last + 1, $"{SpecNames.Node(d.Node)} applied slot {a.Slot} right after slot {last}");
        lastApplied[d.Node] = a.Slot;
    }
}

/// <summary>Validity: only submitted commands (or Noop) are voted for and applied.</summary>
public sealed class MultiPaxosValidityMonitor : SpecMonitor
{
    private readonly HashSet<string> submitted = [MultiPaxosNode.Noop];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued { Request.Payload: string command }:
                submitted.Add(command);
                break;
            case Observed { Observation: MultiPaxosVote vote }:
                Assert(submitted.Contains(vote.Val), $"acceptor {SpecNames.Node(vote.Acc)} voted for {vote.Val} in slot {vote.Slot}, which no client submitted");
                break;
            case Delivered { Value: MultiPaxosApplied a } d:
                Assert(submitted.Contains(a.Command), $"{SpecNames.Node(d.Node)} applied {a.Command} in slot {a.Slot}, which no client submitted");
                break;
        }
    }
}
