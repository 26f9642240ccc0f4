using Verification.Protocols.Broadcast.SequencerTotalOrder;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>
/// The refinement mapping to specs/commit/FaultTolerantCommit.tla. A participant's variables are its
/// state, or what it logged once it crashed; the abstract total order broadcast is read from the
/// messages sent: log is the sequencer's numbered votes in number order, pending the submitted votes
/// not numbered yet. The broadcast's internals (the sequencer's hold-back buffer, the copies in
/// flight, a participant's buffer of votes received out of order) are not in the spec.
/// </summary>
public static class FaultTolerantCommitRefinement
{
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world, int participants)
    {
        var states = Enumerable.Range(0, participants).Select(p => StateOf(world, p)).ToArray();
        var numbered = new SortedDictionary<int, CommitVote>();
        var submitted = new List<CommitVote>();
        foreach (var envelope in world.Sent)
        {
            if (envelope.Message is Sequenced sequenced) numbered.TryAdd(sequenced.Seq, CommitVote.FromBody(sequenced.Body));
            else if (envelope.Message is Submit submit) submitted.Add(CommitVote.FromBody(submit.Body));
        }
        var ordered = numbered.Values.ToHashSet();
        return new OrderedDictionary<string, Value>
        {
            ["ownVote"] = SpecValues.PerNode(participants, p => StringValue.Of(states[p].OwnVote)),
            ["suspected"] = SpecValues.PerNode(participants, p => SpecValues.NodeSet(states[p].Suspected)),
            ["pending"] = FiniteSetValue.Of(submitted.Where(v => !ordered.Contains(v)).Select(Record)),
            ["log"] = FunctionValue.Tuple(numbered.Values.Select(Record)),
            ["delivered"] = SpecValues.PerNode(participants, p => IntValue.Of(states[p].Delivered)),
            ["commitVotes"] = SpecValues.PerNode(participants, p => SpecValues.NodeSet(states[p].CommitVotes)),
            ["decision"] = SpecValues.PerNode(participants, p => StringValue.Of(states[p].Decision)),
            ["crashed"] = SpecValues.NodeSet(Enumerable.Range(0, participants).Where(world.HasCrashed)),
        };
    }

    /// <summary>Participant <paramref name="node"/>'s state: live, or as it logged it before crashing.</summary>
    public static ParticipantState StateOf(IWorldView world, int node) =>
        world.Node(node) is FaultTolerantCommitNode live ? live.State : world.Durable(node) as ParticipantState ?? ParticipantState.Initial;

    private static Value Record(CommitVote vote) => FunctionValue.Record(
        ("by", SpecValues.Node(vote.By)),
        ("voter", SpecValues.Node(vote.Voter)),
        ("ok", BoolValue.Of(vote.Ok)));
}
