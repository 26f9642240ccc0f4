using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Tla.Values;

namespace Verification.Tla.Traces;

/// <summary>
/// A malformed ITF file: the message names the file, line and column, and the JSON path of the
/// offending element, e.g. <c>trace.itf.json:12:9: $.states[1].x: expected ...</c>.
/// </summary>
public sealed class ItfFormatException : Exception
{
    public ItfFormatException(string? fileName, int line, int column, string jsonPath, string problem)
        : base($"{fileName ?? "<itf>"}:{line}:{column}: {jsonPath}: {problem}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public string? FileName { get; }
    public int Line { get; }
    public int Column { get; }
    public string JsonPath { get; }
    public string Problem { get; }
}

/// <summary>
/// Reads ITF traces and values (the encoding is described on <see cref="ItfWriter"/>; tuples may
/// also come as <c>{"#tup": [...]}</c>, and integers as plain JSON numbers). Model values come back
/// from <c>{"#unserializable": "name"}</c> through the caller's <see cref="ModelValueRegistry"/>.
/// Every error is an <see cref="ItfFormatException"/> with a position and a JSON path.
/// </summary>
public sealed class ItfReader
{
    private readonly string? _fileName;
    private readonly ModelValueRegistry? _modelValues;
    private readonly byte[] _utf8;
    private int[]? _lineStarts;

    private ItfReader(byte[] utf8, string? fileName, ModelValueRegistry? modelValues)
    {
        _utf8 = utf8;
        _fileName = fileName;
        _modelValues = modelValues;
    }

    public static ItfTrace ReadFile(string path, ModelValueRegistry? modelValues = null) =>
        Read(File.ReadAllBytes(path), path, modelValues);

    public static ItfTrace Read(string json, string? fileName = null, ModelValueRegistry? modelValues = null) =>
        Read(Encoding.UTF8.GetBytes(json), fileName, modelValues);

    public static ItfTrace Read(byte[] utf8Json, string? fileName = null, ModelValueRegistry? modelValues = null)
    {
        var reader = new ItfReader(utf8Json, fileName, modelValues);
        return reader.ReadTrace(reader.Parse());
    }

    /// <summary>One ITF-encoded value.</summary>
    public static Value ReadValue(string json, ModelValueRegistry? modelValues = null)
    {
        var reader = new ItfReader(Encoding.UTF8.GetBytes(json), null, modelValues);
        return reader.ToValue(reader.Parse(), "$");
    }

    // ---- a small JSON tree that remembers where each element starts ---------------------------

    private abstract record Node(long Offset);
    private sealed record ObjectNode(long Offset, List<(string Name, Node Value)> Members) : Node(Offset);
    private sealed record ArrayNode(long Offset, List<Node> Items) : Node(Offset);
    private sealed record StringNode(long Offset, string Value) : Node(Offset);
    private sealed record NumberNode(long Offset, string Text) : Node(Offset);
    private sealed record BoolNode(long Offset, bool Value) : Node(Offset);
    private sealed record NullNode(long Offset) : Node(Offset);

    private Node Parse()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 512 });
        try
        {
            if (!reader.Read()) throw Error(0, "$", "the file is empty; expected a JSON object");
            var root = ParseNode(ref reader);
            if (reader.Read()) throw Error(reader.TokenStartIndex, "$", "unexpected content after the end of the JSON document");
            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new ItfFormatException(_fileName, line, column, "$", $"invalid JSON: {FirstSentence(e.Message)}");
        }
    }

    private static Node ParseNode(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<(string, Node)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    members.Add((name, ParseNode(ref reader)));
                }
                return new ObjectNode(start, members);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ParseNode(ref reader));
                return new ArrayNode(start, items);
            }
            case JsonTokenType.String:
                return new StringNode(start, reader.GetString()!);
            case JsonTokenType.Number:
                return new NumberNode(start, Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.True:
                return new BoolNode(start, true);
            case JsonTokenType.False:
                return new BoolNode(start, false);
            default:
                return new NullNode(start);
        }
    }

    // ---- trace -------------------------------------------------------------------------------

    private ItfTrace ReadTrace(Node root)
    {
        var obj = root as ObjectNode ?? throw Error(root.Offset, "$", $"expected a JSON object with \"vars\" and \"states\", found {Describe(root)}");
        var vars = ReadStringList(Member(obj, "vars", "$") ?? throw Error(obj.Offset, "$", "missing \"vars\""), "$.vars");
        var parameters = Member(obj, "params", "$") is { } p ? ReadStringList(p, "$.params") : [];
        var statesNode = Member(obj, "states", "$") ?? throw Error(obj.Offset, "$", "missing \"states\"");
        var statesArray = statesNode as ArrayNode ?? throw Error(statesNode.Offset, "$.states", $"expected an array of states, found {Describe(statesNode)}");
        var meta = Member(obj, "#meta", "$") is { } m ? ToJson(m, "$.#meta") as JsonObject ?? throw Error(m.Offset, "$.#meta", "expected an object") : null;

        var states = new List<ItfState>(statesArray.Items.Count);
        for (var i = 0; i < statesArray.Items.Count; i++)
            states.Add(ReadState(statesArray.Items[i], vars, $"$.states[{i}]"));

        int? loop = null;
        if (Member(obj, "loop", "$") is { } loopNode and not NullNode)
        {
            var value = loopNode is NumberNode n && int.TryParse(n.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : -1;
            if (value < 0 || value >= states.Count)
                throw Error(loopNode.Offset, "$.loop", $"expected the index of a state (0..{states.Count - 1})");
            loop = value;
        }
        foreach (var (name, node) in obj.Members)
        {
            if (name is not ("#meta" or "params" or "vars" or "states" or "loop"))
                throw Error(node.Offset, $"$.{name}", $"unknown key \"{Messages.Quote(name)}\"; a trace has \"#meta\", \"params\", \"vars\", \"states\" and \"loop\"");
        }
        return new ItfTrace(vars, states, loop, meta, parameters);
    }

    private ItfState ReadState(Node node, IReadOnlyList<string> vars, string path)
    {
        var obj = node as ObjectNode ?? throw Error(node.Offset, path, $"expected a state object, found {Describe(node)}");
        var values = new Value?[vars.Count];
        var extra = new Dictionary<string, Value>();
        var undecoded = new Dictionary<string, JsonNode?>();
        JsonObject? meta = null;
        foreach (var (name, valueNode) in obj.Members)
        {
            var memberPath = $"{path}.{name}";
            if (name == "#meta")
            {
                meta = ToJson(valueNode, memberPath) as JsonObject ?? throw Error(valueNode.Offset, memberPath, "expected an object");
                continue;
            }
            var index = IndexOf(vars, name);
            if (index >= 0)
            {
                if (values[index] is not null) throw Error(valueNode.Offset, memberPath, $"the variable \"{Messages.Quote(name)}\" appears twice");
                values[index] = ToValue(valueNode, memberPath);
                continue;
            }
            // Extra keys belong to other tools (e.g. Quint's mbt::nondetPicks uses its own
            // encodings), so one that is not an ITF value is kept as JSON instead of rejected.
            try
            {
                extra[name] = ToValue(valueNode, memberPath);
            }
            catch (ItfFormatException)
            {
                undecoded[name] = ToJson(valueNode, memberPath);
            }
        }
        for (var k = 0; k < vars.Count; k++)
        {
            if (values[k] is null) throw Error(obj.Offset, path, $"the state has no value for the variable \"{vars[k]}\"");
        }
        return new ItfState(values!, extra, meta, undecoded);
    }

    private List<string> ReadStringList(Node node, string path)
    {
        var array = node as ArrayNode ?? throw Error(node.Offset, path, $"expected an array of names, found {Describe(node)}");
        var names = new List<string>();
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not StringNode s) throw Error(array.Items[i].Offset, $"{path}[{i}]", $"expected a name (a string), found {Describe(array.Items[i])}");
            if (names.Contains(s.Value)) throw Error(s.Offset, $"{path}[{i}]", $"the name \"{Messages.Quote(s.Value)}\" appears twice");
            names.Add(s.Value);
        }
        return names;
    }

    // ---- values ------------------------------------------------------------------------------

    private Value ToValue(Node node, string path)
    {
        switch (node)
        {
            case BoolNode b:
                return BoolValue.Of(b.Value);
            case StringNode s:
                return StringValue.Of(s.Value);
            case NumberNode n:
                return ParseInteger(n.Text, n.Offset, path);
            case ArrayNode a:
                return FunctionValue.Tuple(a.Items.Select((item, i) => ToValue(item, $"{path}[{i}]")).ToArray());
            case ObjectNode o when o.Members.Count == 1 && o.Members[0].Name.StartsWith('#'):
                return ToTaggedValue(o, path);
            case ObjectNode o:
            {
                var fields = new List<KeyValuePair<string, Value>>();
                foreach (var (name, member) in o.Members)
                {
                    if (name.StartsWith('#')) throw Error(member.Offset, $"{path}.{name}", $"\"{Messages.Quote(name)}\" is an ITF tag and must be the only key of its object");
                    if (fields.Any(f => f.Key == name)) throw Error(member.Offset, $"{path}.{name}", $"the field \"{Messages.Quote(name)}\" appears twice");
                    fields.Add(new(name, ToValue(member, $"{path}.{name}")));
                }
                if (fields.Count == 0) throw Error(o.Offset, path, "an empty object is not an ITF value (a record has at least one field)");
                return FunctionValue.Record(fields);
            }
            default:
                throw Error(node.Offset, path, "null is not an ITF value");
        }
    }

    private Value ToTaggedValue(ObjectNode o, string path)
    {
        var (tag, content) = o.Members[0];
        var tagPath = $"{path}.{tag}";
        switch (tag)
        {
            case "#bigint":
                if (content is not StringNode digits) throw Error(content.Offset, tagPath, $"expected the integer as a string of digits, found {Describe(content)}");
                return ParseInteger(digits.Value, content.Offset, tagPath);
            case "#tup":
                return FunctionValue.Tuple(Items(content, tagPath).Select((item, i) => ToValue(item, $"{tagPath}[{i}]")).ToArray());
            case "#set":
                return FiniteSetValue.Of(Items(content, tagPath).Select((item, i) => ToValue(item, $"{tagPath}[{i}]")).ToArray());
            case "#map":
            {
                var pairs = new List<KeyValuePair<Value, Value>>();
                var items = Items(content, tagPath);
                for (var i = 0; i < items.Count; i++)
                {
                    var pairPath = $"{tagPath}[{i}]";
                    if (items[i] is not ArrayNode { Items.Count: 2 } pair)
                        throw Error(items[i].Offset, pairPath, $"expected a [key, value] pair, found {Describe(items[i])}");
                    var key = ToValue(pair.Items[0], $"{pairPath}[0]");
                    if (pairs.Any(p => p.Key.Equals(key))) throw Error(pair.Offset, pairPath, $"the key {Messages.Truncate(ValuePrinter.Print(key))} appears twice");
                    pairs.Add(new(key, ToValue(pair.Items[1], $"{pairPath}[1]")));
                }
                return FunctionValue.FromPairs(pairs);
            }
            case "#unserializable":
            {
                if (content is not StringNode text) throw Error(content.Offset, tagPath, $"expected a string, found {Describe(content)}");
                if (_modelValues is not null && _modelValues.TryFind(text.Value, out var model)) return model!;
                throw Error(content.Offset, tagPath, _modelValues is null
                    ? $"cannot read the unserializable value \"{Messages.Quote(text.Value)}\" (no model values were given to resolve it)"
                    : $"cannot read the unserializable value \"{Messages.Quote(text.Value)}\": it is not a model value of this model");
            }
            default:
                throw Error(o.Offset, path, $"unknown ITF tag \"{Messages.Quote(tag)}\" (expected #bigint, #tup, #set, #map or #unserializable)");
        }
    }

    private List<Node> Items(Node content, string path) =>
        content is ArrayNode a ? a.Items : throw Error(content.Offset, path, $"expected an array, found {Describe(content)}");

    private IntValue ParseInteger(string text, long offset, string path)
    {
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            throw Error(offset, path, $"\"{Messages.Quote(text)}\" is not an integer");
        if (big < int.MinValue || big > int.MaxValue)
            throw Error(offset, path, $"the integer {Messages.Truncate(text)} is outside TLC's range -2147483648..2147483647");
        return IntValue.Of((int)big);
    }

    private JsonNode? ToJson(Node node, string path) => node switch
    {
        ObjectNode o => new JsonObject(o.Members.Select(m => new KeyValuePair<string, JsonNode?>(m.Name, ToJson(m.Value, $"{path}.{m.Name}")))),
        ArrayNode a => new JsonArray(a.Items.Select((item, i) => ToJson(item, $"{path}[{i}]")).ToArray()),
        StringNode s => JsonValue.Create(s.Value),
        NumberNode n => JsonNode.Parse(n.Text),
        BoolNode b => JsonValue.Create(b.Value),
        _ => null,
    };

    // ---- helpers -----------------------------------------------------------------------------

    private Node? Member(ObjectNode obj, string name, string path)
    {
        Node? found = null;
        foreach (var (n, v) in obj.Members)
        {
            if (n != name) continue;
            if (found is not null) throw Error(v.Offset, $"{path}.{name}", $"the key \"{Messages.Quote(name)}\" appears twice");
            found = v;
        }
        return found;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    private static string Describe(Node node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        StringNode s => $"the string \"{Messages.Quote(s.Value)}\"",
        NumberNode n => $"the number {Messages.Truncate(n.Text)}",
        BoolNode b => b.Value ? "true" : "false",
        _ => "null",
    };

    private ItfFormatException Error(long offset, string path, string problem)
    {
        var (line, column) = Position(offset);
        return new ItfFormatException(_fileName, line, column, path, problem);
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private (int Line, int Column) Position(long offset)
    {
        _lineStarts ??= ComputeLineStarts(_utf8);
        var index = Array.BinarySearch(_lineStarts, (int)offset);
        var lineIndex = index >= 0 ? index : ~index - 1;
        var lineStart = _lineStarts[lineIndex];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, (int)offset - lineStart) + 1;
        return (lineIndex + 1, column);
    }

    private static int[] ComputeLineStarts(byte[] text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == (byte)'\n') starts.Add(i + 1);
        return starts.ToArray();
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
