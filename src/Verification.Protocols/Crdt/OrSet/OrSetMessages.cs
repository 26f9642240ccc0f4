using System.Globalization;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.OrSet;

/// <summary>A client's request to a replica of the set: add or remove an element (the spec's Add(p, e), Remove(p, e)).</summary>
public sealed record OrSetRequest(OrSetOperation Operation, string Element)
{
    public static OrSetRequest Add(string element) => new(OrSetOperation.Add, element);

    public static OrSetRequest Remove(string element) => new(OrSetOperation.Remove, element);
}

public enum OrSetOperation
{
    Add,
    Remove,
}

/// <summary>
/// The operation an OR-set update carries (the spec's fields op, elem and, for a remove, tags): an
/// add's tag is the update's own id; a remove names the tags of the element its origin had observed.
/// </summary>
public sealed record OrSetOp(OrSetOperation Operation, string Element, IReadOnlyList<MessageId> Tags)
{
    /// <summary>The operation as the body of a causal broadcast message: "add e1" or "remove e1 0:1 2:1" (tags as node:seq).</summary>
    public string Encode() => Operation == OrSetOperation.Add
        ? $"add {Element}"
        : string.Join(' ', ["remove", Element, .. Tags.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Sender}:{t.Seq}"))]);

    public static OrSetOp Decode(string body)
    {
        var parts = body.Split(' ');
        if (parts is ["add", var element]) return new OrSetOp(OrSetOperation.Add, element, []);
        if (parts is ["remove", var removed, .. var tags]) return new OrSetOp(OrSetOperation.Remove, removed, [.. tags.Select(Tag)]);
        throw new FormatException($"not an OR-set operation: '{body}'");

        MessageId Tag(string text) => text.Split(':') is [var node, var seq]
            && int.TryParse(node, CultureInfo.InvariantCulture, out var n) && int.TryParse(seq, CultureInfo.InvariantCulture, out var s)
            ? new MessageId(n, s)
            : throw new FormatException($"not a tag: '{text}' in '{body}'");
    }

    public IEnumerable<(string Field, LabelValue Value)> Fields() => Operation == OrSetOperation.Add
        ? [("op", new LabelValue.Str("add")), ("elem", new LabelValue.Name(Element))]
        : [("op", new LabelValue.Str("remove")), ("elem", new LabelValue.Name(Element)), ("tags", CrdtLabels.Ids(Tags))];
}
