using Verification.Protocols.Conformance;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Broadcast.SequencerTotalOrder;

/// <summary>Sequencer total order: three nodes, node 0 (n1) is the sequencer, four broadcasts, links that reorder.</summary>
public sealed class SequencerTotalOrderSystem : ProtocolSystem<bool>
{
    public const string NoFifoSequencer = "no-fifo-sequencer";
    public const int SequencerNode = 0;

    public override string Name => "SequencerTotalOrder";
    public override string Family => "broadcast";
    public override string Description => "Total order broadcast through a fixed sequencer over FIFO broadcast (Kleppmann)";

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, SequencerTotalOrderRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(NoFifoSequencer, "nodes deliver the sequencer's numbered messages as they arrive, not in number order, so reordering links break total order") { Budget = 100, ConformanceBudget = 100 }, true));

    public override int DefaultMaxSteps => 200;

    protected override Scenario ScenarioFor(bool noFifo)
    {
        return new Scenario
        {
            NodeCount = 3,
            CreateNode = _ => new SequencerTotalOrderNode(SequencerNode, noFifo),
            Workload = BroadcastWorkload.FromSenders(1, 2, 1, 0),
            Faults = FaultModel.Reliable,
            CreateMonitors = () =>
            [
                new NoCreationMonitor(),
                new NoDuplicationMonitor(),
                new TotalOrderMonitor(),
                new FifoOrderMonitor(),
                new ValidityMonitor(ValidityScope.EveryCorrectNode),
            ],
        };
    }
}
