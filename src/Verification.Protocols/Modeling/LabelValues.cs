using Verification.Protocols.Conformance;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Modeling;

/// <summary>The spec values of step labels' arguments (<see cref="LabelValue"/>).</summary>
public static class LabelValues
{
    // Names in labels are model values; the validator interns them into the spec's by name.
    private static readonly ModelValueRegistry Names = new();

    /// <summary>
    /// The spec value of <paramref name="value"/>, with C# nodes named by <paramref name="node"/>;
    /// null for what is no spec value (a C# object's text, an integer beyond TLC's range) or holds one.
    /// </summary>
    public static Value? ToSpec(LabelValue value, NodeNaming node)
    {
        switch (value)
        {
            case LabelValue.Int i: return i.Value is >= int.MinValue and <= int.MaxValue ? IntValue.Of((int)i.Value) : null;
            case LabelValue.Bool b: return b.Value ? BoolValue.True : BoolValue.False;
            case LabelValue.Str s: return StringValue.Of(s.Value);
            case LabelValue.Name n: return Names.Get(n.Value);
            case LabelValue.Node n: return node(n.Index);
            case LabelValue.Seq s: return All(s.Items, node) is { } items ? FunctionValue.Tuple(items) : null;
            case LabelValue.Set s: return All(s.Items, node) is { } members ? FiniteSetValue.Of(members) : null;
            case LabelValue.Record r:
            {
                var fields = new KeyValuePair<string, Value>[r.Fields.Length];
                for (var k = 0; k < fields.Length; k++)
                {
                    if (ToSpec(r.Fields[k].Value, node) is not { } field) return null;
                    fields[k] = new(r.Fields[k].Key, field);
                }
                return FunctionValue.Record(fields);
            }
            default: return null;
        }
    }

    private static Value[]? All(IReadOnlyList<LabelValue> items, NodeNaming node)
    {
        var values = new Value[items.Count];
        for (var k = 0; k < values.Length; k++)
            if ((values[k] = ToSpec(items[k], node)!) is null) return null;
        return values;
    }
}
