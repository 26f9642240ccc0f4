using Verification.Protocols.Conformance;
using Verification.Protocols.Mutex.Common;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Mutex.RicartAgrawala;

/// <summary>
/// Ricart-Agrawala mutual exclusion under the explorer: three nodes, each asked twice by its client
/// for the critical section, over reliable links that reorder; no crashes (one crashed node would
/// block every later request). Mutual exclusion is checked by a monitor and by the spec's invariant;
/// every request must eventually be granted.
/// </summary>
public sealed class RicartAgrawalaSystem : ProtocolSystem<RicartAgrawalaBug>
{
    public const string NoTieBreak = "no-tie-break";
    public const string DeferOnTie = "defer-on-tie";
    public const string ReplyInCritical = "reply-in-critical";
    public const string NoClockUpdate = "no-clock-update";

    public override string Name => "RicartAgrawala";
    public override string Family => "mutex";

    public override bool RunsAsRealProcesses => true;
    public override string Description => "Ricart-Agrawala mutual exclusion by message passing with Lamport clocks";
    public override int DefaultMaxSteps => 300;

    protected override IRefinementMapping CreateMapping() => new RefinementMapping(Name, RicartAgrawalaRefinement.AbstractState);

    protected override BugCatalog<RicartAgrawalaBug> Catalog { get; } = new(RicartAgrawalaBug.None,
        (new(NoTieBreak, "requests are ordered by timestamp alone, so of two requests with the same timestamp neither node defers: both reply, both enter (mutual exclusion broken)")
            { Budget = 100, ConformanceBudget = 100 }, RicartAgrawalaBug.NoTieBreak),
        (new(DeferOnTie, "requests are ordered by timestamp alone and a tie counts as earlier, so of two requests with the same timestamp each node defers the other: neither enters (starvation, not a safety violation)")
            { Budget = 100, ConformanceBudget = 100 }, RicartAgrawalaBug.DeferOnTie),
        (new(ReplyInCritical, "a node in the critical section replies to a request at once instead of deferring it, so the requester enters too")
            { Budget = 100, ConformanceBudget = 100 }, RicartAgrawalaBug.ReplyInCritical),
        (new(NoClockUpdate, "a node does not update its clock when it receives a request, so a request it makes after granting another can carry a smaller timestamp and be granted in turn: both enter")
            { Budget = 100, ConformanceBudget = 100 }, RicartAgrawalaBug.NoClockUpdate));

    protected override Scenario ScenarioFor(RicartAgrawalaBug bug) =>
        MutexScenario.For(this, _ => new RicartAgrawalaNode(bug), reordering: true);
}
