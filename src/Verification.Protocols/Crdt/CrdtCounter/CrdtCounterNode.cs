using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.CrdtCounter;

/// <summary>Seeded mistakes of <see cref="CrdtCounterNode"/>.</summary>
public enum CrdtCounterBug
{
    None,

    /// <summary>A delivered update assigns its origin's value instead of adding its step: the order of delivery decides.</summary>
    NonCommutativeMerge,
}

/// <summary>
/// A replica of the operation-based counter, the C# twin of specs/crdt/CrdtCounter.tla: same
/// variable (value[p]; delivered[p] and updates are the base's), same actions (Increment,
/// Decrement, Deliver). Increments and decrements commute, so the order in which causal broadcast
/// delivers concurrent ones does not matter.
/// </summary>
public sealed class CrdtCounterNode(CrdtCounterBug bug) : CausalCrdtNode<CounterOp>
{
    public CrdtCounterNode() : this(CrdtCounterBug.None) { }

    /// <summary>The spec's value[p].</summary>
    public int Value { get; private set; }

    public override LabelValue State => new LabelValue.Int(Value);

    protected override CounterOp? Prepare(INodeContext ctx, object payload)
    {
        var delta = payload switch
        {
            CounterRequest.Increment => 1,
            CounterRequest.Decrement => -1,
            _ => throw new ArgumentException($"CrdtCounter expects CounterRequest payloads, got {payload}"),
        };
        return new CounterOp(delta, Value + delta);
    }

    protected override void Effect(MessageId id, CounterOp op) =>
        Value = bug == CrdtCounterBug.NonCommutativeMerge ? op.Val : Value + op.Delta;

    protected override (string Action, object[] Arguments) ActionOf(CounterOp op) => (op.Delta > 0 ? "Increment" : "Decrement", []);

    public override IEnumerable<(string Field, LabelValue Value)> Fields(CounterOp op) => op.Fields();

    protected override string Encode(CounterOp op) => op.Encode();

    protected override CounterOp Decode(string body) => CounterOp.Decode(body);
}
