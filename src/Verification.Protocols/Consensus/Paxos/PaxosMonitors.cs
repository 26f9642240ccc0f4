using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Paxos;

/// <summary>
/// The spec's <c>ChosenAt(v, b)</c> rebuilt from the acceptors' votes (<see cref="PaxosVote"/>
/// observations): a value is chosen once a quorum of acceptors voted for it in one ballot.
/// </summary>
internal sealed class ChosenTracker
{
    private readonly Dictionary<(int Bal, string Val), HashSet<int>> voters = [];
    private readonly List<(string Val, int Bal)> chosen = [];

    public IReadOnlyList<(string Val, int Bal)> Chosen => chosen;

    /// <summary>Records a vote; returns the value and ballot if this vote made it chosen.</summary>
    public (string Val, int Bal)? Record(PaxosVote vote, int nodeCount)
    {
        if (!voters.TryGetValue((vote.Bal, vote.Val), out var set)) voters[(vote.Bal, vote.Val)] = set = [];
        if (!set.Add(vote.Acc) || 2 * set.Count <= nodeCount || 2 * (set.Count - 1) > nodeCount) return null;
        chosen.Add((vote.Val, vote.Bal));
        return (vote.Val, vote.Bal);
    }

    public string Voters(int bal, string val) => "{" + string.Join(", ", voters[(bal, val)].Order().Select(SpecNames.Node)) + "}";
}

/// <summary>Agreement: at most one value is chosen, and every learner learns that same value.</summary>
public sealed class PaxosAgreementMonitor : SpecMonitor
{
    private readonly ChosenTracker tracker = new();
    private (int Node, string Val)? firstLearned;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: PaxosVote vote }:
                if (tracker.Record(vote, world.NodeCount) is not { } newly) return;
                foreach (var (val, bal) in tracker.Chosen)
                    Assert(val == newly.Val,
                        $"two values chosen: {val} in ballot {bal} by acceptors {tracker.Voters(bal, val)} " +
                        $"and {newly.Val} in ballot {newly.Bal} by acceptors {tracker.Voters(newly.Bal, newly.Val)}");
                break;
            case Delivered { Value: string learned } d:
                firstLearned ??= (d.Node, learned);
                Assert(firstLearned.Value.Val == learned,
                    $"{SpecNames.Node(d.Node)} learned {learned} but {SpecNames.Node(firstLearned.Value.Node)} learned {firstLearned.Value.Val}");
                break;
        }
    }
}

/// <summary>Validity: only a value a client asked a proposer to propose can be voted for, chosen or learned.</summary>
public sealed class PaxosValidityMonitor : SpecMonitor
{
    private readonly HashSet<string> proposed = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued { Request.Payload: string value }:
                proposed.Add(value);
                break;
            case Observed { Observation: PaxosVote vote }:
                Assert(proposed.Contains(vote.Val), $"acceptor {SpecNames.Node(vote.Acc)} voted for {vote.Val}, which no client proposed");
                break;
            case Delivered { Value: string learned } d:
                Assert(proposed.Contains(learned), $"{SpecNames.Node(d.Node)} learned {learned}, which no client proposed");
                break;
        }
    }
}

/// <summary>Integrity: a learner learns at most once, even across crashes.</summary>
public sealed class PaxosIntegrityMonitor : SpecMonitor
{
    private readonly Dictionary<int, string> learned = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Delivered { Value: string value } d) return;
        Assert(learned.TryAdd(d.Node, value),
            $"{SpecNames.Node(d.Node)} learned twice: {learned.GetValueOrDefault(d.Node)} and then {value}");
    }
}

/// <summary>
/// Liveness (EventuallyChosen): hot from the first proposal until a quorum votes for one value in
/// one ballot. Judged after the fault phase, once the network delivers and nodes stay up.
/// </summary>
public sealed class PaxosEventuallyChosenMonitor : SpecMonitor
{
    private readonly ChosenTracker tracker = new();
    private bool chosen;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued when !chosen:
                Hot("a value was proposed but none has been chosen yet");
                break;
            case Observed { Observation: PaxosVote vote } when !chosen:
                if (tracker.Record(vote, world.NodeCount) is null) return;
                chosen = true;
                Cold();
                break;
        }
    }
}
