using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// Spec values of the broadcast conventions: C# node i is model value n{i+1}, a message id is the
/// tuple &lt;&lt;sender, seq&gt;&gt;, a copy on a link is the record [from, to, id].
/// </summary>
public static class SpecValues
{
    public const int MaxNodes = 64;
    private static readonly ModelValue[] Nodes = CreateNodes();

    private static ModelValue[] CreateNodes()
    {
        // Registered in order so that n1 < n2 < ... as when a cfg lists Node = {n1, n2, ...}.
        var registry = new ModelValueRegistry();
        var nodes = new ModelValue[MaxNodes];
        for (var i = 0; i < MaxNodes; i++) nodes[i] = registry.Get(SpecNames.Node(i));
        return nodes;
    }

    public static ModelValue Node(int node) => Nodes[node];

    public static FunctionValue Id(MessageId id) => FunctionValue.Tuple(Node(id.Sender), IntValue.Of(id.Seq));

    public static FunctionValue Copy(int from, int to, MessageId id) =>
        FunctionValue.Record(("from", Node(from)), ("to", Node(to)), ("id", Id(id)));

    public static FunctionValue Log(IReadOnlyList<MessageId> ids) => FunctionValue.Tuple(ids.Select(Id));

    public static FiniteSetValue Ids(IEnumerable<MessageId> ids) => FiniteSetValue.Of(ids.Select(id => (Value)Id(id)));

    public static FiniteSetValue NodeSet(IEnumerable<int> nodes) => FiniteSetValue.Of(nodes.Select(node => (Value)Node(node)));

    /// <summary>[p \in Node |-> value(p)] over nodes 0..count-1.</summary>
    public static FunctionValue PerNode(int count, Func<int, Value> value) =>
        FunctionValue.FromPairs(Enumerable.Range(0, count).Select(node => new KeyValuePair<Value, Value>(Node(node), value(node))));
}

/// <summary>
/// The refinement mapping shared by the broadcast algorithms built on <see cref="BroadcastNode"/>:
/// the spec variables sent, outbox, network, delivered and crashed, computed from the world. A
/// crashed node's sent[p] and delivered[p] come from its persisted <see cref="BroadcastLog"/>; its
/// outbox, like the rest of its volatile state, is empty, as in the specs' Crash action.
/// </summary>
/// <param name="participants">Nodes 0..participants-1 run the algorithm; later ones are helpers.</param>
/// <param name="copyId">The message id a protocol message carries, or null for traffic the spec does not model.</param>
public sealed class BroadcastAbstraction(IWorldView world, int participants, Func<object, MessageId?> copyId)
{
    public int Participants => participants;

    /// <summary>The live node object, or null for a crashed node.</summary>
    public T? LiveNode<T>(int node) where T : BroadcastNode => world.IsUp(node) ? world.Node(node) as T : null;

    private BroadcastLog LogOf(int node) => world.Durable(node) as BroadcastLog ?? BroadcastLog.Empty;

    public Value Sent() => SpecValues.PerNode(participants, node => IntValue.Of(LogOf(node).Sent));

    public Value Delivered() => SpecValues.PerNode(participants, node => SpecValues.Log(LogOf(node).Delivered));

    public Value Crashed() => SpecValues.NodeSet(Enumerable.Range(0, participants).Where(world.HasCrashed));

    public Value Outbox() => SpecValues.PerNode(participants, node =>
    {
        var live = LiveNode<BroadcastNode>(node);
        if (live is null) return FiniteSetValue.Empty;
        return FiniteSetValue.Of(live.Outbox.Pending
            .Select(send => (send.To, Id: copyId(send.Message)))
            .Where(send => send.Id is not null)
            .Select(send => (Value)SpecValues.Copy(node, send.To, send.Id!.Value)));
    });

    /// <summary>The copies in flight as a set (links that do not duplicate).</summary>
    public Value NetworkSet() => FiniteSetValue.Of(CopiesInFlight());

    /// <summary>The copies in flight as a bag: [copy |-> number of copies] (links that may duplicate).</summary>
    public Value NetworkBag() => FunctionValue.FromPairs(CopiesInFlight()
        .GroupBy(copy => copy)
        .Select(group => new KeyValuePair<Value, Value>(group.Key, IntValue.Of(group.Count()))));

    private IEnumerable<Value> CopiesInFlight()
    {
        foreach (var envelope in world.InFlight)
        {
            if (envelope.From >= participants || envelope.To >= participants) continue;
            if (copyId(envelope.Message) is { } id) yield return SpecValues.Copy(envelope.From, envelope.To, id);
        }
    }
}
