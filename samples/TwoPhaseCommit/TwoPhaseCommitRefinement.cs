using Verification.Protocols.Conformance;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace TwoPhaseCommit;

/// <summary>
/// The refinement mapping to spec/TwoPhaseCommit.tla: rmState, tmState, tmPrepared and msgs, in the
/// spec's order. A crashed resource manager is what its stable storage says (the spec's Crash keeps
/// everything); msgs is every message sent (<see cref="IWorldView.Sent"/>), so lost and duplicated
/// copies are stuttering steps.
/// </summary>
public static class TwoPhaseCommitRefinement
{
    private static readonly ModelValueRegistry Nodes = new();
    private static readonly SentMessageSet Msgs = new(Message);

    private static Value Node(int node) => Nodes.Get(SpecNames.Node(node));

    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var tm = (TransactionManager)world.Node(SpecNames.TransactionManager)!;
        var rms = Enumerable.Range(1, world.NodeCount - 1).ToList();
        return new OrderedDictionary<string, Value>
        {
            ["rmState"] = FunctionValue.FromPairs(rms.Select(rm => new KeyValuePair<Value, Value>(Node(rm), StringValue.Of(StateOf(world, rm))))),
            ["tmState"] = StringValue.Of(tm.State),
            ["tmPrepared"] = FiniteSetValue.Of(tm.Prepared.Select(Node)),
            ["msgs"] = Msgs.Of(world),
        };
    }

    /// <summary>The state of resource manager <paramref name="node"/>: its live state, or what it persisted while it is down.</summary>
    public static string StateOf(IWorldView world, int node) =>
        world.IsUp(node) && world.Node(node) is ResourceManager live ? live.State : world.Durable(node) as string ?? "working";

    private static Value? Message(object message) => message switch
    {
        Prepared p => FunctionValue.Record(("type", StringValue.Of("Prepared")), ("rm", Node(p.Rm))),
        Commit => FunctionValue.Record(("type", StringValue.Of("Commit"))),
        Abort => FunctionValue.Record(("type", StringValue.Of("Abort"))),
        _ => null,
    };
}
