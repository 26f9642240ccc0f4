using Verification.Protocols.Conformance;
using Verification.Protocols.Mutex.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Mutex.LamportMutex;

/// <summary>
/// Lamport's mutual exclusion under the explorer: three nodes, each asked twice by its client for
/// the critical section, over reliable FIFO links (the algorithm's assumption); no crashes.
/// The same monitors as Ricart-Agrawala: mutual exclusion (and the spec's invariant), entries in
/// request order, no starvation.
/// </summary>
public sealed class LamportMutexSystem : ProtocolSystem<bool>
{
    public const string EnterAtHead = "enter-at-head";

    public override string Name => "LamportMutex";
    public override string Family => "mutex";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Lamport's mutual exclusion: request queues, acknowledgements and releases over FIFO links";
    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, LamportMutexRefinement.AbstractState);

    protected override BugCatalog<bool> Catalog { get; } = new(false,
        (new(EnterAtHead, "a node enters as soon as its own request heads its queue, without a later-stamped message from every other node, so it overlooks an earlier request still in flight: both enter")
            { Budget = 100, ConformanceBudget = 100 }, true));

    protected override Scenario ScenarioFor(bool enterAtHead) =>
        MutexScenario.For(this, _ => new LamportMutexNode(enterAtHead), reordering: false);
}
