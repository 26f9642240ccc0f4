using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Verification.Systematic.Runtime;

/// <summary>
/// An argument of a step label as data: the values a TLA+ spec has (integers, booleans, strings,
/// model values, sequences, sets, records) plus a C# node and a C# object's own text. The explorer
/// knows nothing of TLA+; a refinement mapping turns these into the spec's values. The printed form
/// is the one TLC prints values in, so that a label's text reads as the spec's action applied to
/// values (only <see cref="Text"/> prints what is no value).
/// </summary>
public abstract record LabelValue
{
    private LabelValue()
    {
    }

    /// <summary>An integer.</summary>
    public sealed record Int(long Value) : LabelValue;

    public sealed record Bool(bool Value) : LabelValue;

    /// <summary>A string, printed quoted.</summary>
    public sealed record Str(string Value) : LabelValue;

    /// <summary>A model value (or any bare name), printed as is.</summary>
    public sealed record Name(string Value) : LabelValue;

    /// <summary>C# node <paramref name="Index"/> (0-based), the spec's n{Index+1}.</summary>
    public sealed record Node(int Index) : LabelValue;

    /// <summary>A tuple (sequence), &lt;&lt;a, b&gt;&gt;.</summary>
    public sealed record Seq(ImmutableArray<LabelValue> Items) : LabelValue;

    /// <summary>A set, {a, b}, in the order given.</summary>
    public sealed record Set(ImmutableArray<LabelValue> Items) : LabelValue;

    /// <summary>A record, [f |-&gt; v, ...].</summary>
    public sealed record Record(ImmutableArray<KeyValuePair<string, LabelValue>> Fields) : LabelValue;

    /// <summary>A C# object that is no spec value (its ToString): printed, never converted.</summary>
    public sealed record Text(string Value) : LabelValue;

    /// <summary>C# node <paramref name="index"/>, the spec's n{index+1}.</summary>
    public static LabelValue OfNode(int index) => new Node(index);

    public static LabelValue Tuple(params LabelValue[] items) => new Seq([.. items]);

    /// <summary>
    /// The label value of a node's argument: a <see cref="LabelValue"/> as is; an integer, boolean or
    /// <see cref="ILabelArgument"/> as its value; a string (or an enum member) as a name (m1, Leader)
    /// when it is an identifier, else as text; anything else as its text.
    /// </summary>
    public static LabelValue From(object? argument) => argument switch
    {
        LabelValue value => value,
        ILabelArgument typed => typed.ToLabelValue(),
        int i => new Int(i),
        long l => new Int(l),
        bool b => new Bool(b),
        string s => IsName(s) ? new Name(s) : new Text(s),
        Enum e when e.ToString() is var name && IsName(name) => new Name(name),
        null => new Text("null"),
        IFormattable f => new Text(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new Text(argument.ToString() ?? ""),
    };

    /// <summary>A name TLC prints bare (a model value): a letter or underscore, then letters, digits and underscores; not a built-in value.</summary>
    public static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.Any(char.IsAsciiLetter)
        && text.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_') && text is not ("TRUE" or "FALSE" or "Nat" or "Int" or "STRING");

    public void Print(StringBuilder sb)
    {
        switch (this)
        {
            case Int i: sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case Bool b: sb.Append(b.Value ? "TRUE" : "FALSE"); break;
            case Str s: PrintString(sb, s.Value); break;
            case Name n: sb.Append(n.Value); break;
            case Node n: sb.Append('n').Append((n.Index + 1).ToString(CultureInfo.InvariantCulture)); break;
            case Seq s: PrintItems(sb, "<<", s.Items, ">>"); break;
            case Set s: PrintItems(sb, "{", s.Items, "}"); break;
            case Record r:
                sb.Append('[');
                for (var k = 0; k < r.Fields.Length; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(r.Fields[k].Key).Append(" |-> ");
                    r.Fields[k].Value.Print(sb);
                }
                sb.Append(']');
                break;
            case Text t: sb.Append(t.Value); break;
        }
    }

    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb);
        return sb.ToString();
    }

    private static void PrintItems(StringBuilder sb, string open, ImmutableArray<LabelValue> items, string close)
    {
        sb.Append(open);
        for (var k = 0; k < items.Length; k++)
        {
            if (k > 0) sb.Append(", ");
            items[k].Print(sb);
        }
        sb.Append(close);
    }

    // As TLC prints strings: quotes and backslashes escaped, so that the printed label parses back.
    private static void PrintString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}

/// <summary>A C# value that names itself as a label argument (a message id as the tuple &lt;&lt;n1, 2&gt;&gt;).</summary>
public interface ILabelArgument
{
    LabelValue ToLabelValue();
}
