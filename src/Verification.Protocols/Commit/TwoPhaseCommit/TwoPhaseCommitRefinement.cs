using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Commit.TwoPhaseCommit;

/// <summary>
/// The refinement mapping to specs/commit/TwoPhaseCommit.tla: rmState, tmState, tmVotes, tmCrashed
/// and msgs, in the spec's order. A crashed node is what its log says (the spec's crashes keep
/// everything logged); msgs is every message sent (<see cref="IWorldView.Sent"/>), so a copy lost
/// to a crashed receiver or sent again is a stuttering step.
/// </summary>
public static class TwoPhaseCommitRefinement
{
    private static readonly SentMessageSet Msgs = new(Message);

    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var log = CoordinatorLog(world);
        return new OrderedDictionary<string, Value>
        {
            ["rmState"] = FunctionValue.FromPairs(ResourceManagers(world).Select(rm =>
                new KeyValuePair<Value, Value>(SpecValues.Node(rm), StringValue.Of(StateOf(world, rm))))),
            ["tmState"] = StringValue.Of(log.State),
            ["tmVotes"] = SpecValues.NodeSet(log.Votes),
            ["tmCrashed"] = BoolValue.Of(!world.IsUp(TwoPhaseCommitSystem.Coordinator)),
            ["msgs"] = Msgs.Of(world),
        };
    }

    /// <summary>Resource manager <paramref name="node"/>'s rmState: its live state, or what it logged while it is down.</summary>
    public static string StateOf(IWorldView world, int node) =>
        world.Node(node) is ResourceManager live ? live.State : world.Durable(node) as string ?? "working";

    private static IEnumerable<int> ResourceManagers(IWorldView world) => Enumerable.Range(1, world.NodeCount - 1);

    private static TransactionManagerLog CoordinatorLog(IWorldView world) =>
        world.Node(TwoPhaseCommitSystem.Coordinator) is TransactionManager live
            ? new TransactionManagerLog(live.State, live.Votes)
            : world.Durable(TwoPhaseCommitSystem.Coordinator) as TransactionManagerLog ?? new TransactionManagerLog("init", []);

    private static Value? Message(object message) => message switch
    {
        Prepare => FunctionValue.Record(("type", StringValue.Of("Prepare"))),
        Prepared p => FunctionValue.Record(("type", StringValue.Of("Prepared")), ("rm", SpecValues.Node(p.Rm))),
        Aborted a => FunctionValue.Record(("type", StringValue.Of("Aborted")), ("rm", SpecValues.Node(a.Rm))),
        Commit => FunctionValue.Record(("type", StringValue.Of("Commit"))),
        Abort => FunctionValue.Record(("type", StringValue.Of("Abort"))),
        _ => null,
    };
}
