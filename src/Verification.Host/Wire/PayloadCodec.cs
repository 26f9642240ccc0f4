using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Verification.Protocols;

namespace Verification.Host.Wire;

/// <summary>
/// Turns the nodes' message records, durable states, client payloads and replies into JSON and back,
/// exactly: every value is written with its runtime type (<c>{"$type": "...", "value": ...}</c>), and so is
/// every property declared as <c>object</c> inside it (a log entry's payload may be a string, a no-op
/// record or a key-value operation), so the receiver rebuilds the same record the sender built.
/// </summary>
public static class PayloadCodec
{
    private const string TypeKey = "$type";
    private const string ValueKey = "value";

    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { IncludeFields = false };
        options.Converters.Add(new TypedObjectConverter());
        return options;
    }

    /// <summary>The value with its type, as a JSON node (null for null).</summary>
    public static JsonNode? Encode(object? value)
    {
        if (value is null) return null;
        return new JsonObject
        {
            [TypeKey] = TypeName(value.GetType()),
            [ValueKey] = JsonSerializer.SerializeToNode(value, value.GetType(), Options),
        };
    }

    public static string EncodeToString(object? value) => Encode(value)?.ToJsonString() ?? "null";

    public static object? Decode(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonObject obj || obj[TypeKey]?.GetValue<string>() is not { } name)
            throw new JsonException("a typed value needs \"$type\" and \"value\"");
        return obj[ValueKey].Deserialize(Resolve(name), Options);
    }

    public static object? DecodeFromString(string json) => Decode(JsonNode.Parse(json));

    private static string TypeName(Type type) => type.FullName ?? throw new JsonException($"the type {type} has no name");

    /// <summary>A type of the base library or of the protocols' assembly, by its full name.</summary>
    private static Type Resolve(string name) => Types.GetOrAdd(name, static n =>
        Type.GetType(n) ?? typeof(ProtocolsAssembly).Assembly.GetType(n)
        ?? typeof(Verification.Systematic.Runtime.ClientRequest).Assembly.GetType(n)
        ?? throw new JsonException($"unknown payload type '{n}'"));

    /// <summary>Properties declared as <c>object</c>: their runtime type travels with them.</summary>
    private sealed class TypedObjectConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var node = JsonNode.Parse(ref reader);
            return Decode(node);
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString(TypeKey, TypeName(value.GetType()));
            writer.WritePropertyName(ValueKey);
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
            writer.WriteEndObject();
        }
    }
}
