using Verification.Protocols.Commit.Common;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>Which seeded bug a run switches on.</summary>
public enum FaultTolerantCommitBug
{
    None,
    VotesInArrivalOrder,
    AbortLocallyOnSuspicion,
}

/// <summary>
/// Fault-tolerant commit (Kleppmann): three participants (n1..n3), each asked by the transaction's
/// client to commit, vote through total order broadcast (the sequencer n4, which does not crash);
/// one participant may crash and stop at any point, and the network reorders. Atomicity and
/// validity are safety monitors, termination a liveness monitor: whoever crashes, the others decide.
/// </summary>
public sealed class FaultTolerantCommitSystem : ProtocolSystem<FaultTolerantCommitBug>
{
    public const string VotesInArrivalOrder = "votes-in-arrival-order";
    public const string AbortLocallyOnSuspicion = "abort-locally-on-suspicion";

    public const int Participants = 3;
    public const int Sequencer = Participants;

    private static readonly IReadOnlyList<int> ParticipantNodes = [.. Enumerable.Range(0, Participants)];

    public override string Name => "FaultTolerantCommit";
    public override string Family => "commit";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Fault-tolerant commit: votes and suspicions through total order broadcast, no blocking when a participant crashes";
    public override int DefaultMaxSteps => 300;

    // The last node of the world is the total order broadcast service, which the spec keeps abstract.
    protected override IRefinementMapping CreateMapping() =>
        new RefinementMapping(Name, world => FaultTolerantCommitRefinement.AbstractState(world, Participants));

    protected override BugCatalog<FaultTolerantCommitBug> Catalog { get; } = new(FaultTolerantCommitBug.None,
        (new(VotesInArrivalOrder, "participants act on the votes in the order they arrive, not in total order, so a suspicion and the suspected participant's yes vote count differently at different participants")
            { Budget = 200, ConformanceBudget = 100 }, FaultTolerantCommitBug.VotesInArrivalOrder),
        (new(AbortLocallyOnSuspicion, "a participant that suspects another aborts on its own instead of broadcasting a no vote on its behalf, while the others commit")
            { Budget = 200, ConformanceBudget = 100 }, FaultTolerantCommitBug.AbortLocallyOnSuspicion));

    protected override Scenario ScenarioFor(FaultTolerantCommitBug bug) => new()
    {
        NodeCount = Participants + 1,
        CreateNode = node => node == Sequencer
            ? new TotalOrderSequencer(Sequencer)
            : new FaultTolerantCommitNode(Participants, Sequencer, bug),
        Workload = [.. ParticipantNodes.Select(p => new ClientRequest(p + 1, p, "commit"))],
        Faults = new FaultModel { MaxCrashes = 1, CrashableNodes = new HashSet<int>(ParticipantNodes) },
        CreateMonitors = () => CommitMonitors.For(ParticipantNodes),
    };
}
