using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Paxos;

/// <summary>
/// Single-decree Paxos under the explorer: three nodes, each asked by a client to propose its own
/// value (three competing proposers), and a network that
/// loses, duplicates and reorders messages while nodes crash and restart from their durable state.
/// After the fault phase the network heals, and some value must be chosen.
/// </summary>
public sealed class PaxosSystem : SystemDefinition, ISpecInvariantExclusions
{
    public const string NoAdopt = "no-adopt";
    public const string ForgetPromise = "forget-promise";
    public const string SharedBallot = "shared-ballot";

    public const int Nodes = 3;

    /// <summary>The values the clients ask nodes 0, 1, 2 to propose (the conformance model's Value).</summary>
    public static IReadOnlyList<string> Values { get; } = ["v1", "v2", "v3"];

    public override string Name => "Paxos";
    public override string Family => "consensus";
    public override string Description => "Single-decree Paxos: proposers, acceptors and learners with crash-recovery";
    public override string? Spec => "specs/consensus/Paxos.tla";
    public override string? Config => "specs/consensus/MCPaxos.cfg";

    /// <summary>The scenario's size: three proposers with three values, ballots as high as its retries reach.</summary>
    public override string? ConformanceConfig => "specs/consensus/MCPaxosConformance.cfg";
    public override int DefaultMaxSteps => 1_000;

    public override IReadOnlyList<BugInfo> Bugs { get; } =
    [
        new(NoAdopt, "Phase 2a proposes the proposer's own value instead of the highest-ballot value reported in the promises"),
        new(ForgetPromise, "the acceptor persists its votes but not its promises, so it forgets maxBal when it restarts"),
        new(SharedBallot, "the next ballot is one more than the highest seen, so two proposers can run the same ballot"),
    ];

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

    public override Scenario CreateScenario(string? bug)
    {
        var flag = bug switch
        {
            null => PaxosBug.None,
            NoAdopt => PaxosBug.NoAdopt,
            ForgetPromise => PaxosBug.ForgetPromise,
            SharedBallot => PaxosBug.SharedBallot,
            _ => throw new ArgumentException($"unknown bug '{bug}' for system {Name}", nameof(bug)),
        };
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
