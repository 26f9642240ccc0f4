using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Replication.PrimaryBackup;

/// <summary>
/// The refinement mapping from a primary-backup world to the variables of
/// specs/replication/PrimaryBackup.tla. Node i is model value n(i+1); a stamp is the tuple
/// &lt;&lt;epoch, number&gt;&gt;. A crashed node keeps the epoch and value it last wrote to disk, and has
/// lost its operation and its count of reads (the spec's Crash). msgs is every message sent (<see cref="IWorldView.Sent"/>), so
/// delay, duplication and the wait behind a partition are stuttering steps; heartbeats are not in
/// the spec. The history variable is left out: it records the clients' operations with the set of
/// operations completed when each started, which is knowledge of the whole run that no node has;
/// the validator keeps it as the spec's actions build it, and the linearizability monitor checks
/// the clients' real history.
/// </summary>
public static class PrimaryBackupRefinement
{
    private static readonly SentMessageSet Msgs = new(Message);
    private static readonly Value NoOp = FunctionValue.Record(("kind", StringValue.Of("none")));

    /// <summary>epoch, store, pending, reads, msgs and crashed, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var live = new PrimaryBackupNode?[n];
        var stored = new ReplicaState?[n];
        for (var i = 0; i < n; i++)
        {
            live[i] = world.IsUp(i) ? world.Node(i) as PrimaryBackupNode : null;
            stored[i] = world.Durable(i) as ReplicaState;
        }

        return new OrderedDictionary<string, Value>
        {
            ["epoch"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.Epoch ?? stored[i]?.Epoch ?? 1)),
            ["store"] = SpecValues.PerNode(n, i => Stamp(live[i]?.Stamp ?? stored[i]?.Stamp ?? PrimaryBackup.Stamp.Initial)),
            ["pending"] = SpecValues.PerNode(n, i => Pending(live[i])),
            ["reads"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.Reads ?? 0)),
            ["msgs"] = Msgs.Of(world),
            ["crashed"] = SpecValues.NodeSet(Enumerable.Range(0, n).Where(world.HasCrashed)),
        };
    }

    private static Value Pending(PrimaryBackupNode? node) => node switch
    {
        { PendingWrite: { } stamp } => FunctionValue.Record(("kind", StringValue.Of("write")), ("stamp", Stamp(stamp))),
        { PendingRead: { } num } => FunctionValue.Record(("kind", StringValue.Of("read")), ("num", IntValue.Of(num))),
        _ => NoOp,
    };

    private static Value Stamp(Stamp stamp) => FunctionValue.Tuple([IntValue.Of(stamp.Epoch), IntValue.Of(stamp.Seq)]);

    private static Value Type(string type) => StringValue.Of(type);

    /// <summary>The spec's record of a protocol message (the destination is not part of it); null for a heartbeat.</summary>
    private static Value? Message(object message) => message switch
    {
        Replicate m => FunctionValue.Record(("type", Type("Replicate")), ("epoch", IntValue.Of(m.Epoch)), ("stamp", Stamp(m.Stamp))),
        Ack m => FunctionValue.Record(("type", Type("Ack")), ("epoch", IntValue.Of(m.Epoch)), ("stamp", Stamp(m.Stamp)), ("from", SpecValues.Node(m.From))),
        Check m => FunctionValue.Record(("type", Type("Check")), ("epoch", IntValue.Of(m.Epoch)), ("num", IntValue.Of(m.Num))),
        CheckOk m => FunctionValue.Record(("type", Type("CheckOk")), ("epoch", IntValue.Of(m.Epoch)), ("num", IntValue.Of(m.Num)), ("from", SpecValues.Node(m.From))),
        NewEpoch m => FunctionValue.Record(("type", Type("NewEpoch")), ("epoch", IntValue.Of(m.Epoch)), ("stamp", Stamp(m.Stamp))),
        _ => null,
    };
}
