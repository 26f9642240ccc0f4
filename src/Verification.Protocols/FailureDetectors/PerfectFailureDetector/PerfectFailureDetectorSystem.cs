using Verification.Protocols.Conformance;
using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.FailureDetectors.PerfectFailureDetector;

/// <summary>
/// Three nodes run the heartbeat detector P on reliable links; one of them may crash at any time.
/// Synchrony is the world's: a run's messages are finitely many, each step delivers one of them or
/// fires a timer, so a round trip takes a bounded number of ticks, and the period outlasts it.
/// </summary>
public sealed class PerfectFailureDetectorSystem : ProtocolSystem<bool>
{
    public const string ShortTimeout = "short-timeout";

    private const int Nodes = 3;

    public override string Name => "PerfectFailureDetector";
    public override string Family => "failure-detectors";
    public override string Description => "Perfect failure detector P: heartbeats and a timeout longer than a round trip, under synchrony";
    public override int DefaultMaxSteps => 40;
    public override int ExplorationBudget => 100;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, PerfectFailureDetectorRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(ShortTimeout, "the timeout is 2 * Delta - 1 time units, shorter than a round trip, so a slow reply gets a live node suspected") { Budget = 50, ConformanceBudget = 50 }, true));

    protected override Scenario ScenarioFor(bool shortTimeout) => new()
    {
        NodeCount = Nodes,
        CreateNode = _ => new PerfectFailureDetectorNode(Nodes, shortTimeout),
        Faults = new FaultModel { MaxCrashes = 1 },
        CreateMonitors = () => [new StrongAccuracyMonitor(), new StrongCompletenessMonitor()],
    };
}
