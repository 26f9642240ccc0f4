using Verification.Protocols.Conformance;
using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.FailureDetectors.EventuallyPerfectFailureDetector;

/// <summary>
/// Three nodes run the heartbeat detector ◇P; one may crash and the network may partition once.
/// Partial synchrony: while the partition lasts, messages wait and live nodes get suspected; the
/// fault budget is finite, so every run has a last fault, after which the links are timely (a round
/// trip takes a bounded number of ticks) and the global stabilization time has passed. The nodes
/// start with a timeout of 8 ticks, which a busy round trip can outlast too, and grow it after
/// each wrong suspicion up to 24, which none outlasts.
/// </summary>
/// <remarks>
/// The scenario has no heal phase (<see cref="FaultModel.FaultsUntilStep"/>): eventual accuracy
/// is judged by temperature alone (a live node suspected for more than half the fair step bound).
/// The heal phase would also judge the state at the step bound, where a node whose timeout is
/// still short may have made its first wrong suspicion a few steps before: a suspicion the next
/// timeout withdraws, allowed after GST by the spec (its timeouts grow only after mistakes) but
/// a liveness failure there (found: portfolio seed 5, PCT, iteration 499).
/// </remarks>
public sealed class EventuallyPerfectFailureDetectorSystem : ProtocolSystem<bool>
{
    public const string NeverUnsuspect = "never-unsuspect";

    private const int Nodes = 3;

    public override string Name => "EventuallyPerfectFailureDetector";
    public override string Family => "failure-detectors";
    public override string Description => "Eventually perfect failure detector ◇P: heartbeats with a timeout that grows after each wrong suspicion, under partial synchrony";
    public override int DefaultMaxSteps => 60;
    public override int ExplorationBudget => 100;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, EventuallyPerfectFailureDetectorRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NeverUnsuspect, "a suspected node stays suspected even after it answers, so a live node suspected before GST is suspected forever") { Budget = 100, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool neverUnsuspect) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new EventuallyPerfectFailureDetectorNode(Nodes, neverUnsuspect),
        Faults = new FaultModel { MaxCrashes = 1, MaxPartitions = 1 },
        CreateMonitors = () => [new EventualStrongAccuracyMonitor(), new StrongCompletenessMonitor()],
    };
}
