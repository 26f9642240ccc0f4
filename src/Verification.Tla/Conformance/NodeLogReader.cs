using System.Text;
using System.Text.Json;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// Reads per-node logs in the native format (docs/trace-validation.md), one JSON object per line:
/// <c>{"node":"n1","clock":{"n1":3,"n2":1},"event":"HandleVoteRequest","args":{"i":..,"m":..},"state":{"currentTerm":2,"Len(log[n1])":0}}</c>.
/// A "state" key that is a variable whose values are functions of nodes observes the logging node's
/// entry (<c>currentTerm</c> on n1's line is <c>currentTerm[n1]</c>); another variable is observed whole;
/// any other key is a TLA+ expression over the variables (the cfg's model values are names in it).
/// Other top-level keys (timestamps, ...) are ignored. A "Restart" line that does not follow the
/// node's "Crash" line stands for the spec's Crash(node) then Restart(node) when the spec has a Crash
/// of one parameter (a killed process logs no crash). Every problem is located at file:line[:column].
/// </summary>
public static class NodeLogReader
{
    /// <summary>The spec actions of a node's crash and of its recovery, when the spec has them.</summary>
    public const string CrashAction = "Crash";

    public const string RestartAction = "Restart";

    /// <summary>The keys of a line's step-label arguments and of the messages it handled and sent (written by `verify run`'s hosts).</summary>
    public const string LabelArgumentsKey = "mbt::args";

    public const string ReceivedKey = "mbt::received";

    public const string SentKey = "mbt::sent";

    /// <summary>Whether a file is a native per-node log: its first line has "node" and "clock".</summary>
    public static bool IsNodeLog(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var reader = OpenText(path);
            string? line;
            while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0) { }
            if (line is null) return false;
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("node", out _) && document.RootElement.TryGetProperty("clock", out _);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Whether a path names a log the merge reads: NDJSON (<c>.ndjson</c>, <c>.jsonl</c>), or the same gzipped (<c>.ndjson.gz</c>).</summary>
    public static bool IsLogFile(string path) =>
        path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".ndjson.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>A log's text, decompressed when its name ends in .gz (a real run's logs shrink thirtyfold: they repeat the nodes' logs).</summary>
    public static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>The logs, with their clocks by log; one log per node.</summary>
    public static IReadOnlyList<NodeLog> ReadAll(IReadOnlyList<string> paths, ConformanceSpec spec)
    {
        var compiled = new Dictionary<string, ObservedExpression>(StringComparer.Ordinal);
        var raw = paths.Select(p => Read(p, spec, compiled)).ToList();
        var byNode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < raw.Count; n++)
        {
            if (byNode.TryGetValue(raw[n].Node, out var other))
                throw new TraceFormatException($"{raw[n].Path}:1: this is a log of {raw[n].Node}, and so is {raw[other].Path}: give one log per node");
            byNode[raw[n].Node] = n;
        }
        return raw.Select(log => new NodeLog(log.Path, log.Node, log.Lines.Select(l => l.Line with { Clock = Clock(l.Clock, l.Line.Location, byNode) }).ToArray())).ToArray();
    }

    private static int[] Clock(IReadOnlyList<(string Node, int Count, int Column)> entries, string location, Dictionary<string, int> byNode)
    {
        var clock = new int[byNode.Count];
        foreach (var (node, count, column) in entries)
        {
            if (byNode.TryGetValue(node, out var index)) clock[index] = count;
            else if (count > 0)
                throw new TraceFormatException($"{location}:{column}: the clock has seen {count} events of {node}, but no log of {node} was given (logs of: {string.Join(", ", byNode.Keys)})");
        }
        return clock;
    }

    private sealed record RawLog(string Path, string Node, List<(LogLine Line, List<(string Node, int Count, int Column)> Clock)> Lines);

    private static RawLog Read(string path, ConformanceSpec spec, Dictionary<string, ObservedExpression> compiled)
    {
        if (!File.Exists(path)) throw new TraceFormatException($"{path}: file not found");
        string[] lines;
        try
        {
            using var reader = OpenText(path);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (InvalidDataException e)
        {
            throw new TraceFormatException($"{path}: the file is not gzip data: {e.Message}");
        }
        string? node = null;
        var result = new List<(LogLine, List<(string, int, int)>)>();
        var functionOfNodes = FunctionsOfNodes(spec);
        // A node logs much the same state line after line: a key whose text did not change keeps its value.
        var lastValues = new Dictionary<string, (string Text, Value Value)>(StringComparer.Ordinal);
        for (var l = 0; l < lines.Length; l++)
        {
            var text = lines[l].TrimEnd('\r');
            if (text.Trim().Length == 0) continue;
            var location = $"{path}:{l + 1}";
            using var document = Json.Parse(text, location);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:1: expected a JSON object with \"node\", \"clock\", \"event\" and \"state\"");
            var lineNode = Json.String(root, "node", location, text);
            node ??= lineNode;
            if (lineNode != node) throw new TraceFormatException($"{location}:{Json.Column(text, "node")}: the line is of node {lineNode}, but the log is of {node} (one log per node)");
            var self = VectorClocks.NodeValue(node, spec.ModelValues)
                ?? throw new TraceFormatException($"{location}:{Json.Column(text, "node")}: \"{Messages.Quote(node)}\" is no model value of the cfg (model values: {string.Join(", ", spec.ModelValues.All.Select(static v => v.Name))})");
            var clock = ReadClock(root, location, text);
            var eventName = Json.String(root, "event", location, text);
            var isInit = result.Count == 0 && eventName == "Init";
            var observations = new List<StateObservation>();
            if (root.TryGetProperty("state", out var state))
            {
                if (state.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:{Json.Column(text, "state")}: \"state\" must be an object from variable (or TLA+ expression) to value");
                foreach (var member in state.EnumerateObject())
                    observations.Add(Observe(member, self, location, text, spec, functionOfNodes, compiled, lastValues));
            }
            TraceEvent step;
            if (isInit) step = new TraceEvent(location, null, null, new Value?[spec.Variables.Count]);
            else
            {
                LabelCheck.Check($"{location}:{Json.Column(text, "event")}", eventName, spec);
                var action = spec.Action(eventName)!;
                step = new TraceEvent(location, eventName, null, new Value?[spec.Variables.Count]) { Actor = self, MayStutter = false };
                if (root.TryGetProperty("args", out var args)) step = WithArguments(step, args, action, location, text, spec);
                else if (LabelArguments(root, action, location, text, spec) is { } fromLabel) step = step with { Arguments = fromLabel };
            }
            IReadOnlyList<TraceEvent> steps = [step with { Observations = observations }];
            // A killed node cannot log its crash: its first line after the restart, the spec's
            // Restart, stands for the spec's Crash (what it resets left to the spec) then Restart.
            if (eventName == RestartAction && result.Count > 0 && result[^1].Item1.Event != CrashAction && spec.Action(CrashAction) is { Parameters.Count: 1 } crash)
                steps = [new TraceEvent(location, crash.Name, null, new Value?[spec.Variables.Count]) { Actor = self, MayStutter = false, NamedArguments = new Dictionary<string, Value> { [crash.Parameters[0]] = self } }, .. steps];
            var line = new LogLine(location, steps, null, isInit, text) { Event = eventName, Received = Received(root, location, text, spec), Sent = Sent(root, location, text, spec) };
            result.Add((line, clock));
        }
        if (result.Count == 0) throw new TraceFormatException($"{path}:1:1: the log is empty");
        return new RawLog(path, node!, result);
    }

    private static List<(string, int, int)> ReadClock(JsonElement root, string location, string text)
    {
        if (!root.TryGetProperty("clock", out var clock)) throw new TraceFormatException($"{location}:1: the line has no \"clock\" (the node's vector clock after the event)");
        var column = Json.Column(text, "clock");
        if (clock.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:{column}: \"clock\" must be an object from node to a count of its events");
        var entries = new List<(string, int, int)>();
        foreach (var entry in clock.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var count) || count < 0)
                throw new TraceFormatException($"{location}:{column}: the clock's entry \"{Messages.Quote(entry.Name)}\" must be a count of events (a natural number), not {Messages.Truncate(entry.Value.GetRawText())}");
            entries.Add((entry.Name, count, column));
        }
        return entries;
    }

    /// <summary>
    /// The arguments of the node's step label (<c>mbt::args</c>, in the order of the label,
    /// <c>Broadcast(n1, m5)</c>) when they give a spec value for every parameter of the action:
    /// a line without "args" is then checked on that one instance, not on every value the spec
    /// could choose. Labels with other arguments (a C# object's text, more or fewer than the
    /// parameters) leave the arguments to the spec.
    /// </summary>
    private static IReadOnlyList<Value>? LabelArguments(JsonElement root, SpecAction action, string location, string text, ConformanceSpec spec)
    {
        if (!root.TryGetProperty(LabelArgumentsKey, out var given) || given.ValueKind != JsonValueKind.Array) return null;
        if (given.GetArrayLength() != action.Parameters.Count || action.Parameters.Count == 0) return null;
        var column = Json.Column(text, LabelArgumentsKey);
        var values = new Value[action.Parameters.Count];
        var i = 0;
        foreach (var element in given.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Null) return null;
            values[i] = TraceReader.ReadValue(element, $"{location}:{column}: {LabelArgumentsKey}[{i}]", spec);
            i++;
        }
        return values;
    }

    /// <summary>The line's <c>mbt::received</c>: the spec's record of the message the step handled.</summary>
    private static Value? Received(JsonElement root, string location, string text, ConformanceSpec spec) =>
        root.TryGetProperty(ReceivedKey, out var received) && received.ValueKind != JsonValueKind.Null
            ? TraceReader.ReadValue(received, $"{location}:{Json.Column(text, ReceivedKey)}: {ReceivedKey}", spec)
            : null;

    /// <summary>The line's <c>mbt::sent</c>: the spec's records of the messages the step sent.</summary>
    private static IReadOnlyList<Value> Sent(JsonElement root, string location, string text, ConformanceSpec spec)
    {
        if (!root.TryGetProperty(SentKey, out var sent)) return [];
        var column = Json.Column(text, SentKey);
        if (sent.ValueKind != JsonValueKind.Array) throw new TraceFormatException($"{location}:{column}: \"{SentKey}\" must be an array of the messages the step sent");
        return sent.EnumerateArray().Select((m, i) => TraceReader.ReadValue(m, $"{location}:{column}: {SentKey}[{i}]", spec)).ToArray();
    }

    private static TraceEvent WithArguments(TraceEvent step, JsonElement args, SpecAction action, string location, string text, ConformanceSpec spec)
    {
        var column = Json.Column(text, "args");
        if (args.ValueKind == JsonValueKind.Array)
        {
            var values = args.EnumerateArray().Select((a, i) => TraceReader.ReadValue(a, $"{location}:{column}: args[{i}]", spec)).ToArray();
            if (values.Length != action.Parameters.Count) throw new TraceFormatException($"{location}:{column}: {LabelCheck.Arity(action.Name, action, values.Length)}");
            return step with { Arguments = values };
        }
        if (args.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:{column}: \"args\" must be an array or an object from parameter name to value");
        var named = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var member in args.EnumerateObject())
        {
            if (!action.Parameters.Contains(member.Name))
                throw new TraceFormatException($"{location}:{column}: {action.Name} has no parameter \"{Messages.Quote(member.Name)}\" (parameters: {string.Join(", ", action.Parameters)})");
            named[member.Name] = TraceReader.ReadValue(member.Value, $"{location}:{column}: args.{member.Name}", spec);
        }
        return step with { NamedArguments = named };
    }

    private static StateObservation Observe(JsonProperty member, Value self, string location, string text, ConformanceSpec spec, bool[] functionOfNodes,
        Dictionary<string, ObservedExpression> compiled, Dictionary<string, (string Text, Value Value)> lastValues)
    {
        var column = Json.Column(text, member.Name);
        var raw = member.Value.GetRawText();
        Value value;
        if (lastValues.TryGetValue(member.Name, out var last) && last.Text == raw) value = last.Value;
        else
        {
            value = TraceReader.ReadValue(member.Value, $"{location}:{column}: {member.Name}", spec);
            lastValues[member.Name] = (raw, value);
        }
        var index = IndexOf(spec.Variables, member.Name);
        if (index >= 0)
            return functionOfNodes[index] ? new EntryObservation(member.Name, index, self, value) : new VariableObservation(member.Name, index, value);
        if (!compiled.TryGetValue(member.Name, out var expression))
        {
            var line = int.Parse(location[(location.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                expression = ObservedExpression.Compile(spec, member.Name, [], location[..location.LastIndexOf(':')], line, column + 1);
            }
            catch (TraceFormatException e)
            {
                throw new TraceFormatException($"{e.Message} (a \"state\" key is a variable of the spec, variables: {string.Join(", ", spec.Variables)}, or a TLA+ expression over them)");
            }
            compiled[member.Name] = expression;
        }
        return new ExpressionObservation(expression, expression.Bind(new Dictionary<string, Value>(), spec.ModelValues), value, member.Name);
    }

    /// <summary>Per variable: whether its values are functions of nodes (its value in the first initial state is a function whose domain holds a model value).</summary>
    internal static bool[] FunctionsOfNodes(ConformanceSpec spec)
    {
        var initial = spec.InitialStates();
        var result = new bool[spec.Variables.Count];
        if (initial.Count == 0) return result;
        for (var v = 0; v < result.Length; v++)
            result[v] = initial[0][v] is FunctionValue { Count: > 0 } function && HasModelValue(function.DomainElements);
        return result;
    }

    private static bool HasModelValue(ReadOnlySpan<Value> values)
    {
        foreach (var value in values)
            if (value is ModelValue) return true;
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }
}

/// <summary>A whole variable, observed by a log line that is not a function of nodes.</summary>
public sealed class VariableObservation(string variable, int index, Value expected) : StateObservation(expected)
{
    public override string Describe() => variable;

    internal override Value? ValueIn(Value[] state, Evaluation.EvalContext context) => state[index];
}

/// <summary>Small helpers for reading log lines: parsing located at the line, columns of keys.</summary>
internal static class Json
{
    public static JsonDocument Parse(string text, string location)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new TraceFormatException($"{location}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {e.Message.Split('.')[0]}");
        }
    }

    public static string String(JsonElement root, string name, string location, string text)
    {
        if (!root.TryGetProperty(name, out var value)) throw new TraceFormatException($"{location}:1: the line has no \"{name}\"");
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } s)
            throw new TraceFormatException($"{location}:{Column(text, name)}: \"{name}\" must be a non-empty string");
        return s;
    }

    /// <summary>The column of a key in a line (1 when it cannot be found).</summary>
    public static int Column(string text, string key)
    {
        var quoted = JsonSerializer.Serialize(key);
        var at = text.IndexOf(quoted + ":", StringComparison.Ordinal);
        if (at < 0) at = text.IndexOf(quoted, StringComparison.Ordinal);
        return at < 0 ? 1 : at + 1;
    }
}
