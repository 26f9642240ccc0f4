using Verification.Protocols.SpecInvariants;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.MultiPaxos;

/// <summary>
/// Multi-Paxos under the explorer: three nodes, each with client commands, so leadership changes
/// hands while messages are lost, duplicated and reordered and nodes crash and restart. Every
/// command of a node that never crashed must be applied and answered once the faults stop.
/// </summary>
public sealed class MultiPaxosSystem : ProtocolSystem<MultiPaxosBug>, ISpecInvariantExclusions
{
    public const string SkipRecovery = "skip-recovery";
    public const string ApplyOutOfOrder = "apply-out-of-order";

    public const int Nodes = 3;

    /// <summary>The commands of the workload (the conformance model's Value).</summary>
    public static IReadOnlyList<string> Commands { get; } = ["c1", "c2", "c3", "c4"];

    /// <summary>MaxSlot of the conformance model (MCMultiPaxosConformance.cfg), which the refinement mapping needs too.</summary>
    public const int ConformanceSlots = 8;

    public override string Name => "MultiPaxos";
    public override string Family => "consensus";
    public override string Description => "Multi-Paxos with a distinguished leader: slots, phase 1 once per leader, catch-up";

    // The spec states no liveness property (MCMultiPaxos.cfg checks safety only): the explorer's
    // MultiPaxosValidityMonitor judges progress.
    public override IReadOnlyList<string> LivenessConfigs => [];
    public override int DefaultMaxSteps => 2_000;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, MultiPaxosRefinement.AbstractState);

    protected override BugCatalog<MultiPaxosBug> Catalog { get; } = new(MultiPaxosBug.None,
        (new(SkipRecovery, "a new leader trusts its own log instead of the promises and reuses slots a quorum already chose") { Budget = 100, ConformanceBudget = 100 }, MultiPaxosBug.SkipRecovery),
        (new(ApplyOutOfOrder, "a replica applies a decided slot as soon as it learns it, before the lower slots") { Budget = 100, ConformanceBudget = 100 }, MultiPaxosBug.ApplyOutOfOrder));

    public static FaultModel Faults { get; } = new()
    {
        MaxCrashes = 2,
        CrashRecovery = true,
        MaxDrops = 3,
        MaxDuplicates = 2,
        Reordering = true,
        FaultsUntilStep = 400,
    };

    protected override Scenario ScenarioFor(MultiPaxosBug flag)
    {
        return new Scenario
        {
            NodeCount = Nodes,
            CreateNode = _ => new MultiPaxosNode(flag),
            // Node 0 gets c1 and c2, node 1 c3, node 2 c4.
            Workload = [.. Commands.Select((command, id) => new ClientRequest(id, Math.Max(0, id - 1), command))],
            Faults = Faults,
            CreateMonitors = () =>
            [
                new MultiPaxosAgreementMonitor(),
                new MultiPaxosInOrderMonitor(),
                new MultiPaxosValidityMonitor(),
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
