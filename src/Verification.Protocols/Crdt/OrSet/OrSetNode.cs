using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.OrSet;

/// <summary>Seeded mistakes of <see cref="OrSetNode"/>.</summary>
public enum OrSetBug
{
    None,

    /// <summary>A delivered remove deletes every tag of its element, also those of adds it never observed.</summary>
    RemoveWins,
}

/// <summary>
/// A replica of the observed-remove set, the C# twin of specs/crdt/OrSet.tla: same variable
/// (elems[p], the tagged elements; delivered[p] and updates are the base's), same actions (Add,
/// Remove, Deliver). An add tags its element with the add's id; a remove deletes the tags its
/// origin observed, so an add concurrent with it survives everywhere (add wins).
/// </summary>
public sealed class OrSetNode(OrSetBug bug) : CausalCrdtNode<OrSetOp>
{
    private readonly SortedSet<(string Element, MessageId Tag)> elems = [];

    public OrSetNode() : this(OrSetBug.None) { }

    /// <summary>The spec's elems[p]: each element with the id of the add that put it in.</summary>
    public IReadOnlyCollection<(string Element, MessageId Tag)> Elems => elems;

    /// <summary>The elements as a user of the set sees them (the spec's Lookup(p)).</summary>
    public IReadOnlySet<string> Lookup => elems.Select(t => t.Element).ToHashSet();

    public override LabelValue State => new LabelValue.Set([.. elems.Select(t => LabelValue.Tuple(new LabelValue.Name(t.Element), t.Tag.ToLabelValue()))]);

    protected override OrSetOp? Prepare(INodeContext ctx, object payload)
    {
        if (payload is not OrSetRequest request) throw new ArgumentException($"OrSet expects OrSetRequest payloads, got {payload}");
        if (request.Operation == OrSetOperation.Add) return new OrSetOp(OrSetOperation.Add, request.Element, []);
        var observed = elems.Where(t => t.Element == request.Element).Select(t => t.Tag).ToList();
        return observed.Count == 0 ? null : new OrSetOp(OrSetOperation.Remove, request.Element, observed);
    }

    protected override void Effect(MessageId id, OrSetOp op)
    {
        if (op.Operation == OrSetOperation.Add) elems.Add((op.Element, id));
        else if (bug == OrSetBug.RemoveWins) elems.RemoveWhere(t => t.Element == op.Element);
        else foreach (var tag in op.Tags) elems.Remove((op.Element, tag));
    }

    protected override (string Action, object[] Arguments) ActionOf(OrSetOp op) =>
        (op.Operation == OrSetOperation.Add ? "Add" : "Remove", [new LabelValue.Name(op.Element)]);

    public override IEnumerable<(string Field, LabelValue Value)> Fields(OrSetOp op) => op.Fields();

    protected override string Encode(OrSetOp op) => op.Encode();

    protected override OrSetOp Decode(string body) => OrSetOp.Decode(body);
}
