using System.Text;
using System.Text.Json;
using Verification.Tla.Values;

namespace Verification.Tla.Traces;

/// <summary>
/// Writes values and traces as ITF JSON. Encoding: booleans and strings as JSON; integers as
/// <c>{"#bigint": "-12"}</c>; functions with domain 1..n (tuples and sequences, which TLA+ does not
/// tell apart) as JSON arrays; other finite sets as <c>{"#set": [...]}</c> in canonical order;
/// records as JSON objects; other functions as <c>{"#map": [[k, v], ...]}</c>; and what has no
/// ITF form (model values, infinite sets) as <c>{"#unserializable": "&lt;TLC's printed form&gt;"}</c>,
/// which <see cref="ItfReader"/> turns back into the model value of that name when it knows one.
/// Output is deterministic: the same trace gives the same bytes.
/// </summary>
public static class ItfWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Write(ItfTrace trace)
    {
        using var stream = new MemoryStream();
        Write(stream, trace);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteFile(string path, ItfTrace trace)
    {
        using var stream = File.Create(path);
        Write(stream, trace);
    }

    public static void Write(Stream stream, ItfTrace trace)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WritePropertyName("#meta");
        trace.Meta.WriteTo(writer);
        writer.WriteStartArray("params");
        foreach (var p in trace.Parameters) writer.WriteStringValue(p);
        writer.WriteEndArray();
        writer.WriteStartArray("vars");
        foreach (var v in trace.Variables) writer.WriteStringValue(v);
        writer.WriteEndArray();
        writer.WriteStartArray("states");
        for (var i = 0; i < trace.States.Count; i++)
        {
            var state = trace.States[i];
            writer.WriteStartObject();
            writer.WritePropertyName("#meta");
            if (state.Meta is { } meta)
            {
                var copy = meta.DeepClone().AsObject();
                copy["index"] = i;
                copy.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", i);
                writer.WriteEndObject();
            }
            foreach (var (key, value) in state.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }
            foreach (var (key, json) in state.UndecodedExtra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                if (json is null) writer.WriteNullValue();
                else json.WriteTo(writer);
            }
            for (var k = 0; k < trace.Variables.Count; k++)
            {
                writer.WritePropertyName(trace.Variables[k]);
                WriteValue(writer, state.Values[k]);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (trace.Loop is { } loop) writer.WriteNumber("loop", loop);
        writer.WriteEndObject();
    }

    /// <summary>One value as an ITF JSON string (compact).</summary>
    public static string WriteValue(Value value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteValue(writer, value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteValue(Utf8JsonWriter writer, Value value)
    {
        switch (value)
        {
            case BoolValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case IntValue i:
                writer.WriteStartObject();
                writer.WriteString("#bigint", i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case SetValue set when set.IsFinite:
                writer.WriteStartObject();
                writer.WriteStartArray("#set");
                foreach (var e in set.ToFinite().Elements) WriteValue(writer, e);
                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case FunctionValue f:
                WriteFunction(writer, f);
                break;
            case LazyFunctionValue lazy when lazy.Domain.IsFinite:
                WriteFunction(writer, lazy.ToFinite());
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("#unserializable", ValuePrinter.Print(value));
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteFunction(Utf8JsonWriter writer, FunctionValue f)
    {
        if (f.IsTuple)
        {
            writer.WriteStartArray();
            foreach (var e in f.Values) WriteValue(writer, e);
            writer.WriteEndArray();
            return;
        }
        if (f.IsRecord && !HasReservedFieldName(f))
        {
            writer.WriteStartObject();
            for (var k = 0; k < f.Count; k++)
            {
                writer.WritePropertyName(((StringValue)f.DomainElements[k]).Value);
                WriteValue(writer, f.Values[k]);
            }
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject();
        writer.WriteStartArray("#map");
        for (var k = 0; k < f.Count; k++)
        {
            writer.WriteStartArray();
            WriteValue(writer, f.DomainElements[k]);
            WriteValue(writer, f.Values[k]);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A field starting with '#' would read back as an ITF tag, so such records go as #map.</summary>
    private static bool HasReservedFieldName(FunctionValue record)
    {
        foreach (var d in record.DomainElements)
            if (((StringValue)d).Value.StartsWith('#')) return true;
        return false;
    }
}
