using Verification.Protocols.SpecInvariants;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Paxos;

/// <summary>
/// Single-decree Paxos under the explorer: three nodes, each asked by a client to propose its own
/// value (three competing proposers), and a network that
/// loses, duplicates and reorders messages while nodes crash and restart from their durable state.
/// After the fault phase the network heals, and some value must be chosen.
/// </summary>
public sealed class PaxosSystem : ProtocolSystem<PaxosBug>, ISpecInvariantExclusions
{
    public const string NoAdopt = "no-adopt";
    public const string ForgetPromise = "forget-promise";
    public const string SharedBallot = "shared-ballot";

    public const int Nodes = 3;

    /// <summary>The values the clients ask nodes 0, 1, 2 to propose (the conformance model's Value).</summary>
    public static IReadOnlyList<string> Values { get; } = ["v1", "v2", "v3"];

    public override string Name => "Paxos";
    public override string Family => "consensus";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Single-decree Paxos: proposers, acceptors and learners with crash-recovery";
    public override int DefaultMaxSteps => 1_000;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, PaxosRefinement.AbstractState);

    protected override BugCatalog<PaxosBug> Catalog { get; } = new(PaxosBug.None,
        (new(NoAdopt, "Phase 2a proposes the proposer's own value instead of the highest-ballot value reported in the promises") { Budget = 100, ConformanceBudget = 100 }, PaxosBug.NoAdopt),
        // The monitors need a crash between a promise and a lower ballot's request; conformance sees the forgotten promise at the restart.
        (new(ForgetPromise, "the acceptor persists its votes but not its promises, so it forgets maxBal when it restarts") { Budget = 5_000, ConformanceBudget = 100 }, PaxosBug.ForgetPromise),
        (new(SharedBallot, "the next ballot is one more than the highest seen, so two proposers can run the same ballot") { Budget = 100, ConformanceBudget = 100 }, PaxosBug.SharedBallot));

    /// <summary>The fault phase: after this many steps no fault is injected and liveness is judged.</summary>
    public static FaultModel Faults { get; } = new()
    {
        MaxCrashes = 3,
        CrashRecovery = true,
        MaxDrops = 2,
        MaxDuplicates = 2,
        Reordering = true,
        FaultsUntilStep = 300,
    };

    protected override Scenario ScenarioFor(PaxosBug flag)
    {
        return new Scenario
        {
            NodeCount = Nodes,
            CreateNode = _ => new PaxosNode(flag),
            Workload = [.. Values.Select((value, node) => new ClientRequest(node, node, value))],
            Faults = Faults,
            CreateMonitors = () =>
            [
                new PaxosAgreementMonitor(),
                new PaxosValidityMonitor(),
                new PaxosIntegrityMonitor(),
                new PaxosEventuallyChosenMonitor(),
            ],
        };
    }

    /// <summary>
    /// The spec's Agreement and Validity quantify Chosen over every ballot of the conformance model
    /// (0..MaxBallot) and every quorum: evaluated at every step they would slow exploration a hundredfold.
    /// </summary>
    public IReadOnlyDictionary<string, string> SpecInvariantsLeftToMonitors { get; } = new Dictionary<string, string>
    {
        ["Agreement"] = "Chosen ranges over every ballot up to MaxBallot and every quorum, too costly at every step; the system's agreement monitor checks it",
        ["Validity"] = "Chosen ranges over every ballot up to MaxBallot and every quorum, too costly at every step; the system's validity monitor checks it",
    };
}
