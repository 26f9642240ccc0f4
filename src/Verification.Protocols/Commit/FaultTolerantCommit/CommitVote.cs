using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>
/// A vote for participant <paramref name="Voter"/>, broadcast by participant <paramref name="By"/>:
/// its own vote when By = Voter, a no vote on its behalf (a suspicion) otherwise. The spec's
/// [by |-> p, voter |-> q, ok |-> b]. It travels as the body of a total order broadcast message.
/// </summary>
public sealed record CommitVote(int By, int Voter, bool Ok) : ILabelArgument
{
    /// <summary>The broadcast body, e.g. "n1 n3 no": n1 votes no for n3.</summary>
    public string ToBody() => $"{SpecNames.Node(By)} {SpecNames.Node(Voter)} {(Ok ? "yes" : "no")}";

    public static CommitVote FromBody(string body)
    {
        var parts = body.Split(' ');
        if (parts.Length != 3 || parts[2] is not ("yes" or "no"))
            throw new ArgumentException($"not a commit vote: '{body}'", nameof(body));
        return new CommitVote(NodeOf(parts[0]), NodeOf(parts[1]), parts[2] == "yes");
    }

    public LabelValue ToLabelValue() => new LabelValue.Record(
    [
        new("by", LabelValue.OfNode(By)),
        new("voter", LabelValue.OfNode(Voter)),
        new("ok", new LabelValue.Bool(Ok)),
    ]);

    public override string ToString() => ToBody();

    private static int NodeOf(string name) =>
        name.Length > 1 && name[0] == 'n' && int.TryParse(name.AsSpan(1), out var number) && number >= 1
            ? number - 1
            : throw new ArgumentException($"not a node name: '{name}'", nameof(name));
}

/// <summary>A participant's state, the spec's variables at that participant, logged at every change so that it stays readable after a crash.</summary>
public sealed record ParticipantState(string OwnVote, ImmutableSortedSet<int> Suspected, int Delivered, ImmutableSortedSet<int> CommitVotes, string Decision)
{
    public static ParticipantState Initial { get; } = new("none", [], 0, [], "none");
}
