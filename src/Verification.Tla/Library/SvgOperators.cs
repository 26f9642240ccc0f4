using System.Text;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The community module SVG's operators that TLC computes in Java: SVGElemToString (an element
/// record as SVG text: attributes single-quoted in the record's field order, `_` in a field name
/// written `-`, `&lt;&lt;`/`&gt;&gt;` of the inner text escaped, the inner text before the
/// children) and NodeOfRingNetwork (node n of m on a circle, coordinates truncated to integers as
/// Java's int cast does). NodesOfDirectedMultiGraph runs a graph-layout library in TLC: refused.
/// </summary>
internal static class SvgOperators
{
    public static BuiltinSymbol[] All =>
    [
        LibraryOverrides.Plain("SVGElemToString", 1, static a => StringValue.Of(ElementText(a[0]))),
        LibraryOverrides.Plain("NodeOfRingNetwork", 5, static a =>
        {
            var (cx, cy, r) = (ValueOps.AsInt(a[0], "NodeOfRingNetwork", 1), ValueOps.AsInt(a[1], "NodeOfRingNetwork", 2), ValueOps.AsInt(a[2], "NodeOfRingNetwork", 3));
            var (n, m) = (ValueOps.AsInt(a[3], "NodeOfRingNetwork", 4), ValueOps.AsInt(a[4], "NodeOfRingNetwork", 5));
            var angle = 2.0 * Math.PI / m * n;
            return FunctionValue.Record(("x", IntValue.Of((int)(cx + r * Math.Cos(angle)))), ("y", IntValue.Of((int)(cy + r * Math.Sin(angle)))));
        }),
        LibraryOverrides.Plain("NodesOfDirectedMultiGraph", 3, static _ => throw new EvalException(
            "NodesOfDirectedMultiGraph is not supported by this checker (TLC lays the graph out with a Java graph library).")),
    ];

    private static string ElementText(Value element)
    {
        if (element is not FunctionValue { IsRecord: true } record)
            throw new EvalException($"An SVG element must be a record, but SVGElemToString was given:\n{ValuePrinter.Print(element)}");
        var text = new StringBuilder();
        var name = Field(record, "name") as StringValue ?? throw Malformed("name", record);
        text.Append('<').Append(name.Value);
        if (AsFinite(Field(record, "attrs"), "attrs", record) is { } attributes)
        {
            for (var i = 0; i < attributes.Count; i++)
            {
                var key = attributes.DomainElements[i] as StringValue ?? throw Malformed("attrs", record);
                var value = attributes.Values[i] as StringValue ?? throw Malformed("attrs", record);
                text.Append(' ').Append(key.Value.Replace('_', '-')).Append("='").Append(value.Value).Append('\'');
            }
        }
        text.Append('>');
        var inner = Field(record, "innerText") as StringValue ?? throw Malformed("innerText", record);
        text.Append(inner.Value.Replace("<<", "&lt;&lt;", StringComparison.Ordinal).Replace(">>", "&gt;&gt;", StringComparison.Ordinal));
        if (AsFinite(Field(record, "children"), "children", record) is { } children)
            for (var i = 0; i < children.Count; i++) text.Append(ElementText(children.Values[i]));
        return text.Append("</").Append(name.Value).Append('>').ToString();
    }

    private static Value Field(FunctionValue record, string name) =>
        record.TryApply(StringValue.Of(name), out var value) ? value : throw Malformed(name, record);

    // An empty tuple <<>> is an empty record (no attributes, no children).
    private static FunctionValue? AsFinite(Value value, string field, FunctionValue record) =>
        value.Kind == ValueKind.Function ? FunctionValue.AsFinite(value) : throw Malformed(field, record);

    private static EvalException Malformed(string field, FunctionValue record) =>
        new($"The SVG element's field {field} is missing or of the wrong kind in SVGElemToString:\n{ValuePrinter.Print(record)}");
}
