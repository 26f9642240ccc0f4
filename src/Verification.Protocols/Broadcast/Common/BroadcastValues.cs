using Verification.Protocols.Modeling;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>Spec values of the broadcast conventions: a message id is the tuple &lt;&lt;sender, seq&gt;&gt;, a copy on a link the record [from, to, id].</summary>
public static class BroadcastValues
{
    public static FunctionValue Id(MessageId id) => FunctionValue.Tuple(SpecValues.Node(id.Sender), IntValue.Of(id.Seq));

    public static FunctionValue Copy(int from, int to, MessageId id) =>
        FunctionValue.Record(("from", SpecValues.Node(from)), ("to", SpecValues.Node(to)), ("id", Id(id)));

    public static FunctionValue Log(IReadOnlyList<MessageId> ids) => FunctionValue.Tuple(ids.Select(Id));

    public static FiniteSetValue Ids(IEnumerable<MessageId> ids) => FiniteSetValue.Of(ids.Select(id => (Value)Id(id)));
}

/// <summary>How a message id adds itself to a node's state hash.</summary>
internal static class BroadcastHashing
{
    public static void Add(this ref StateHasher hasher, MessageId id)
    {
        hasher.Add(id.Sender);
        hasher.Add(id.Seq);
    }
}
