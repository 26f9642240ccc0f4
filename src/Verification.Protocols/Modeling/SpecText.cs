using System.Globalization;
using System.Text;
namespace Verification.Protocols.Modeling;

/// <summary>
/// Messages and values written as TLA+ values, the way the specs write them (records
/// <c>[type |-&gt; "VoteRequest", cId |-&gt; n2]</c>, sequences <c>&lt;&lt;...&gt;&gt;</c>, nodes n1..nk,
/// TRUE/FALSE), so that traces and bug reports read like the spec rather than like C# objects.
/// </summary>
public static class SpecText
{
    /// <summary>A TLA+ record: fields in the given order, values already written as TLA+.</summary>
    public static string Record(params (string Field, string Value)[] fields)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(fields[i].Field).Append(" |-> ").Append(fields[i].Value);
        }
        return sb.Append(']').ToString();
    }

    /// <summary>A message record whose first field is its type, as the specs tag messages.</summary>
    public static string Message(string type, params (string Field, string Value)[] fields) =>
        Record([("type", Quote(type)), .. fields]);

    public static string Node(int node) => SpecNames.Node(node);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "TRUE" : "FALSE";

    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A payload the specs model as a model value (m1, v2) or None; other objects by their own TLA+ text.</summary>
    public static string Payload(object? value) => value switch
    {
        null => "None",
        string s => s,
        _ => value.ToString() ?? "None",
    };

    /// <summary>A TLA+ sequence of the items' own TLA+ texts.</summary>
    public static string Sequence<T>(IEnumerable<T> items) => "<<" + string.Join(", ", items.Select(static i => i?.ToString() ?? "None")) + ">>";
}
