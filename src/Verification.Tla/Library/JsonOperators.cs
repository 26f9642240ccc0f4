using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The community module Json, as TLC's Java implementation behaves: records and functions become
/// objects, sequences and sets (in TLC's order) arrays, strings and model values JSON strings;
/// the text is compact, as Gson writes it. Deserializing turns arrays into tuples and objects into
/// records.
/// </summary>
internal static class JsonOperators
{
    public static BuiltinSymbol[] All =>
    [
        LibraryOverrides.Plain("ToJson", 1, static a => StringValue.Of(Write(a[0], Shape.Any))),
        LibraryOverrides.Plain("ToJsonArray", 1, static a => StringValue.Of(Write(a[0], Shape.Array))),
        LibraryOverrides.Plain("ToJsonObject", 1, static a => StringValue.Of(Write(a[0], Shape.Object))),
        LibraryOverrides.Plain("JsonSerialize", 2, static a =>
        {
            var path = ValueOps.AsString(a[0], "JsonSerialize", 1);
            if (a[1].Kind != ValueKind.Function)
                throw ValueOps.WrongArgument("JsonSerialize", 2, "a sequence or record", a[1]);
            WriteFile(path, Write(a[1], Shape.Any));
            return BoolValue.True;
        }, touchesWorld: true),
        LibraryOverrides.Plain("ndJsonSerialize", 2, static a =>
        {
            var path = ValueOps.AsString(a[0], "ndJsonSerialize", 1);
            var lines = new StringBuilder();
            foreach (var element in ValueOps.AsSequence(a[1], "ndJsonSerialize", 2).Values)
                lines.Append(Write(element, Shape.Any)).Append('\n');
            WriteFile(path, lines.ToString());
            return BoolValue.True;
        }, touchesWorld: true),
        LibraryOverrides.Plain("JsonDeserialize", 1, static a =>
        {
            var text = ReadFile(ValueOps.AsString(a[0], "JsonDeserialize", 1));
            return Parse(text);
        }, touchesWorld: true),
        LibraryOverrides.Plain("ndJsonDeserialize", 1, static a =>
        {
            var text = ReadFile(ValueOps.AsString(a[0], "ndJsonDeserialize", 1));
            return FunctionValue.Tuple(text.Split('\n').Select(static l => l.Trim()).Where(static l => l.Length > 0).Select(Parse).ToArray());
        }, touchesWorld: true),
    ];

    private enum Shape { Any, Array, Object }

    private static string Write(Value value, Shape shape)
    {
        var sb = new StringBuilder();
        Append(sb, value, shape);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Value value, Shape shape)
    {
        switch (value)
        {
            case StringValue s when shape == Shape.Any:
                AppendString(sb, s.Value);
                return;
            case ModelValue m when shape == Shape.Any:
                AppendString(sb, m.Name);
                return;
            case IntValue i when shape == Shape.Any:
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                return;
            case BoolValue b when shape == Shape.Any:
                sb.Append(b.Value ? "true" : "false");
                return;
            case SetValue set when shape != Shape.Object:
                AppendArray(sb, set.ToFinite().Elements.ToArray());
                return;
        }
        if (value.Kind != ValueKind.Function)
            throw new EvalException($"Cannot convert value to JSON: {ValuePrinter.Print(value)}");
        var f = FunctionValue.AsFinite(value);
        // TLC's tuples are arrays unless an object is asked for (then keys are "0", "1", ...).
        if (f.IsTuple && shape == Shape.Object)
        {
            sb.Append('{');
            for (var k = 0; k < f.Count; k++)
            {
                if (k > 0) sb.Append(',');
                AppendString(sb, k.ToString(CultureInfo.InvariantCulture));
                sb.Append(':');
                Append(sb, f.Values[k], Shape.Any);
            }
            sb.Append('}');
            return;
        }
        if (f.IsTuple && shape != Shape.Object)
        {
            AppendArray(sb, f.Values.ToArray());
            return;
        }
        sb.Append('{');
        for (var k = 0; k < f.Count; k++)
        {
            if (k > 0) sb.Append(',');
            AppendString(sb, f.DomainElements[k] is StringValue key ? key.Value : ValuePrinter.Print(f.DomainElements[k]));
            sb.Append(':');
            Append(sb, f.Values[k], Shape.Any);
        }
        sb.Append('}');
    }

    private static void AppendArray(StringBuilder sb, Value[] items)
    {
        sb.Append('[');
        for (var k = 0; k < items.Length; k++)
        {
            if (k > 0) sb.Append(',');
            Append(sb, items[k], Shape.Any);
        }
        sb.Append(']');
    }

    /// <summary>A JSON string as Gson escapes it (quotes, backslashes, control characters, U+2028/9).</summary>
    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static Value Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new EvalException($"The JSON text could not be read: {e.Message}");
        }
    }

    private static Value FromJson(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Array => FunctionValue.Tuple(node.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.Object => FunctionValue.Record(node.EnumerateObject().Select(p => new KeyValuePair<string, Value>(p.Name, FromJson(p.Value)))),
        JsonValueKind.String => StringValue.Of(node.GetString()!),
        JsonValueKind.True => BoolValue.True,
        JsonValueKind.False => BoolValue.False,
        JsonValueKind.Number => IntValue.Of(GsonInt(node.GetRawText())),
        _ => throw new EvalException($"The JSON value {node.GetRawText()} has no TLA+ counterpart this checker reads (only numbers, strings, booleans, arrays and objects)."),
    };

    /// <summary>
    /// A JSON number as TLC's Gson reads it with getAsInt: an int if it is one, else a long cut to its
    /// low 32 bits, else the decimal truncated toward zero and cut to its low 32 bits
    /// (1712329729.6024537 is 1712329729, as in etcd's trace logs' timestamps).
    /// </summary>
    internal static int GsonInt(string raw)
    {
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return unchecked((int)l);
        var text = raw;
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text[..dot] + text[(dot + 1)..];
        exponent -= dot < 0 ? 0 : text.Length - dot - 1;
        var mantissa = System.Numerics.BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var whole = exponent >= 0
            ? mantissa * System.Numerics.BigInteger.Pow(10, exponent)
            : System.Numerics.BigInteger.Divide(mantissa, System.Numerics.BigInteger.Pow(10, -exponent));
        return unchecked((int)(uint)(whole & uint.MaxValue));
    }

    internal static void WriteFile(string path, string text)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvalException($"Cannot write {path}: {e.Message}");
        }
    }

    internal static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvalException($"Cannot read {path}: {e.Message}");
        }
    }
}
