using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Broadcast.LamportTotalOrder;

/// <summary>
/// Spec names and values for the specs whose nodes are the numbers 1..N rather than model values
/// (LamportTotalOrder, IsisTotalOrder: ties between equal times are broken by node number, which
/// needs an order on nodes). C# node i is node i + 1.
/// </summary>
public static class NumberedNodes
{
    public static int Node(int node) => node + 1;

    /// <summary>A message id as a label argument, as the spec writes it, e.g. &lt;&lt;2, 1&gt;&gt;.</summary>
    public static LabelValue Id(MessageId id) => LabelValue.Tuple(new LabelValue.Int(Node(id.Sender)), new LabelValue.Int(id.Seq));

    /// <summary>A timestamp as a label argument, as the spec writes it, &lt;&lt;time, node&gt;&gt;.</summary>
    public static LabelValue Timestamp(LamportTimestamp ts) => LabelValue.Tuple(new LabelValue.Int(ts.Time), new LabelValue.Int(Node(ts.Node)));

    public static IntValue NodeValue(int node) => IntValue.Of(Node(node));

    public static FunctionValue IdValue(MessageId id) => FunctionValue.Tuple(NodeValue(id.Sender), IntValue.Of(id.Seq));

    public static FunctionValue TimestampValue(LamportTimestamp ts) => FunctionValue.Tuple(IntValue.Of(ts.Time), NodeValue(ts.Node));

    public static FunctionValue LogValue(IEnumerable<MessageId> ids) => FunctionValue.Tuple(ids.Select(id => (Value)IdValue(id)));

    /// <summary>[n \in Node |-> value(n)] over C# nodes 0..count-1.</summary>
    public static FunctionValue PerNode(int count, Func<int, Value> value) =>
        FunctionValue.FromPairs(Enumerable.Range(0, count).Select(node => new KeyValuePair<Value, Value>(NodeValue(node), value(node))));
}
