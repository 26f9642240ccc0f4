using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.Common;

/// <summary>The outcome of the transaction a participant decides and hands to its application (<c>ctx.Deliver</c>).</summary>
public enum Outcome
{
    Committed,
    Aborted,
}

/// <summary>A participant's vote, told to the monitors (<c>ctx.Notify</c>) when it casts it: yes (prepared) or no.</summary>
public sealed record Vote(int Participant, bool Yes);

/// <summary>
/// What every atomic commit protocol owes its participants, judged from the votes participants
/// cast and the outcomes they decide (including those of participants that crashed since).
/// </summary>
public abstract class CommitMonitor(IReadOnlyList<int> participants) : SpecMonitor
{
    private readonly Dictionary<int, Outcome> decided = [];
    private readonly HashSet<int> votedYes = [];

    protected IReadOnlyList<int> Participants => participants;

    protected IReadOnlyDictionary<int, Outcome> Decided => decided;

    protected bool VotedYes(int participant) => votedYes.Contains(participant);

    public sealed override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: Vote { Yes: true } vote }:
                votedYes.Add(vote.Participant);
                break;
            case Delivered { Value: Outcome outcome } delivery:
                OnDecision(delivery.Node, outcome);
                decided.TryAdd(delivery.Node, outcome);
                break;
            case StepCompleted:
                AfterStep(world);
                break;
        }
    }

    /// <summary>Participant <paramref name="node"/> decides <paramref name="outcome"/> (not yet in <see cref="Decided"/>).</summary>
    protected virtual void OnDecision(int node, Outcome outcome)
    {
    }

    protected virtual void AfterStep(IWorldView world)
    {
    }
}

/// <summary>Atomicity (safety): no participant commits while another aborts, and no participant changes its decision.</summary>
public sealed class AtomicityMonitor(IReadOnlyList<int> participants) : CommitMonitor(participants)
{
    public override string Name => "Atomicity";

    protected override void OnDecision(int node, Outcome outcome)
    {
        foreach (var (other, earlier) in Decided)
            Assert(earlier == outcome, other == node
                ? $"{SpecNames.Node(node)} decided {outcome} after deciding {earlier}"
                : $"{SpecNames.Node(node)} {Describe(outcome)} while {SpecNames.Node(other)} {Describe(earlier)}");
    }

    private static string Describe(Outcome outcome) => outcome == Outcome.Committed ? "committed" : "aborted";
}

/// <summary>Validity (safety): a participant commits only if every participant voted yes.</summary>
public sealed class ValidityMonitor(IReadOnlyList<int> participants) : CommitMonitor(participants)
{
    public override string Name => "Validity";

    protected override void OnDecision(int node, Outcome outcome)
    {
        if (outcome != Outcome.Committed) return;
        foreach (var participant in Participants)
            Assert(VotedYes(participant), $"{SpecNames.Node(node)} committed although {SpecNames.Node(participant)} never voted yes");
    }
}

/// <summary>
/// Termination (liveness): every participant that is up eventually decides. Hot while one has not;
/// a participant that is down is not waited for (it is either restarting, or crashed for good).
/// </summary>
public sealed class TerminationMonitor(IReadOnlyList<int> participants) : CommitMonitor(participants)
{
    public override string Name => "Termination";

    protected override void AfterStep(IWorldView world)
    {
        foreach (var participant in Participants)
        {
            if (!world.IsUp(participant) || Decided.ContainsKey(participant)) continue;
            Hot($"{SpecNames.Node(participant)} has not decided");
            return;
        }
        Cold();
    }
}

/// <summary>The property set of an atomic commit protocol, as fresh monitors for one iteration.</summary>
public static class CommitMonitors
{
    public static IReadOnlyList<SpecMonitor> For(IReadOnlyList<int> participants) =>
    [
        new AtomicityMonitor(participants),
        new ValidityMonitor(participants),
        new TerminationMonitor(participants),
    ];
}
