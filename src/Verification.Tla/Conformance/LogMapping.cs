using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// How the events of a log written by another program become spec steps (docs/trace-validation.md):
/// a JSON file naming where a line keeps its event name, node and (optionally) vector clock, how
/// log node ids map to the cfg's model values, and per event name the spec action(s) it stands for,
/// their arguments and what the line observes, as TLA+ expressions over names bound from the line's
/// fields (<c>self</c> is the line's node). Events listed under "skip" are not steps; any other
/// event name is an error at its line. Every problem in the mapping is located at file:line:column.
/// </summary>
public sealed class LogMapping
{
    private readonly ConformanceSpec _spec;
    private readonly string _path;
    private readonly string[] _nodePath;
    private readonly string[] _eventPath;
    private readonly string[]? _clockPath;
    private readonly Dictionary<string, ModelValue> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skip = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventMapping> _events = new(StringComparer.Ordinal);
    private readonly List<Observation> _observe = [];
    private readonly List<(int Variable, Value Value, string Text)>? _initial;
    private readonly EvalContext _context;

    /// <summary>A name bound from a field of the line (a node id when <see cref="IsNode"/>).</summary>
    private sealed record Field(string Name, string[] Path, bool IsNode);

    private sealed record Step(SpecAction Action, IReadOnlyList<(string Parameter, ObservedExpression Value)> Arguments);

    private sealed record Observation(ObservedExpression Expression, string Text, Field Field);

    private sealed record EventMapping(IReadOnlyList<Step> Steps, IReadOnlyList<Observation> Observe);

    /// <summary>The names every expression may use: "self" and the declared fields, in this order.</summary>
    private readonly List<string> _bound = ["self"];

    private LogMapping(string path, ConformanceSpec spec)
    {
        _path = path;
        _spec = spec;
        _context = spec.Model.NewContext();
        var bytes = File.ReadAllBytes(path);
        var places = JsonPlaces.Of(bytes, path);
        using var document = ParseDocument(bytes, path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{path}:1:1: a mapping is a JSON object (see docs/trace-validation.md)");
        foreach (var member in root.EnumerateObject())
            if (member.Name is not ("node" or "event" or "clock" or "nodes" or "fields" or "skip" or "events" or "observe" or "initial" or "comment"))
                throw new TraceFormatException($"{places.At(member.Name)}: unknown key \"{Messages.Quote(member.Name)}\" (keys: node, event, clock, nodes, fields, skip, events, observe, initial)");
        _nodePath = PathOf(root, "node", "node", places);
        _eventPath = PathOf(root, "event", "event", places);
        _clockPath = root.TryGetProperty("clock", out _) ? PathOf(root, "clock", "clock", places) : null;
        if (root.TryGetProperty("nodes", out var nodes))
        {
            if (nodes.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At("nodes")}: \"nodes\" maps the log's node ids to the cfg's model values");
            foreach (var node in nodes.EnumerateObject())
            {
                var name = node.Value.ValueKind == JsonValueKind.String ? node.Value.GetString()! : "";
                _nodes[node.Name] = spec.ModelValues.TryFind(name, out var value) && value is not null ? value
                    : throw new TraceFormatException($"{places.At($"nodes.{node.Name}")}: \"{Messages.Quote(name)}\" is no model value of the cfg (model values: {string.Join(", ", spec.ModelValues.All.Select(static v => v.Name))})");
            }
        }
        if (root.TryGetProperty("fields", out var fields))
        {
            if (fields.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At("fields")}: \"fields\" binds names to fields of a line: {{\"t\": \"event.term\", \"j\": {{\"field\": \"to\", \"node\": true}}}}");
            foreach (var field in fields.EnumerateObject())
            {
                var f = FieldOf(field.Value, $"fields.{field.Name}", places) with { Name = field.Name };
                _fields[field.Name] = f;
                _bound.Add(field.Name);
            }
        }
        if (root.TryGetProperty("skip", out var skip))
        {
            if (skip.ValueKind != JsonValueKind.Array || skip.EnumerateArray().Any(static s => s.ValueKind != JsonValueKind.String))
                throw new TraceFormatException($"{places.At("skip")}: \"skip\" is a list of event names that are no spec steps");
            foreach (var name in skip.EnumerateArray()) _skip.Add(name.GetString()!);
        }
        if (root.TryGetProperty("observe", out var observe)) _observe.AddRange(Observations(observe, "observe", places));
        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object)
            throw new TraceFormatException($"{places.At(root.TryGetProperty("events", out _) ? "events" : "")}: the mapping needs \"events\": an object from event name to the spec action(s) it stands for");
        foreach (var e in events.EnumerateObject())
        {
            if (_skip.Contains(e.Name)) throw new TraceFormatException($"{places.At($"events.{e.Name}")}: the event \"{Messages.Quote(e.Name)}\" is both mapped and skipped");
            _events[e.Name] = EventOf(e.Value, $"events.{e.Name}", places);
        }
        if (root.TryGetProperty("initial", out var initial)) _initial = Initial(initial, places);
    }

    /// <summary>The mapping in <paramref name="path"/>, checked against the spec.</summary>
    public static LogMapping Read(string path, ConformanceSpec spec)
    {
        if (!File.Exists(path)) throw new TraceFormatException($"{path}: file not found");
        return new LogMapping(path, spec);
    }

    /// <summary>
    /// The logs read through their mapping (<paramref name="mapPath"/>, else each log's LOG.map.json):
    /// one sequence per file, ordered across files by the mapping's vector clocks when it names them.
    /// </summary>
    public static IReadOnlyList<NodeLog> ReadLogs(IReadOnlyList<string> paths, string? mapPath, ConformanceSpec spec)
    {
        var mappings = new Dictionary<string, LogMapping>(StringComparer.Ordinal);
        var raw = new List<(string Path, string Node, List<(LogLine Line, Dictionary<string, int>? Clock)> Lines, LogMapping Mapping)>();
        foreach (var path in paths)
        {
            var map = mapPath ?? path + ".map.json";
            if (!mappings.TryGetValue(map, out var mapping)) mappings[map] = mapping = Read(map, spec);
            var (node, lines) = mapping.ReadLog(path);
            raw.Add((path, node, lines, mapping));
        }
        var clocked = raw.Select(static r => r.Mapping._clockPath is not null).Distinct().ToArray();
        if (clocked.Length > 1) throw new TraceFormatException($"{paths[0]}: some logs' mappings give vector clocks and others do not: the logs cannot be ordered together");
        var logs = raw.Select(r => new NodeLog(r.Path, r.Node, r.Lines.Select(static l => l.Line).ToArray())).ToList();
        if (clocked[0])
        {
            var byNode = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 0; n < raw.Count; n++)
            {
                if (byNode.TryGetValue(raw[n].Node, out var other)) throw new TraceFormatException($"{raw[n].Path}:1: this is a log of {raw[n].Node}, and so is {raw[other].Path}: with vector clocks, give one log per node");
                byNode[raw[n].Node] = n;
            }
            logs = raw.Select(r => new NodeLog(r.Path, r.Node, r.Lines.Select(l => l.Line with { Clock = ClockOf(l.Clock!, l.Line.Location, byNode) }).ToArray())).ToList();
        }
        // The initial state goes first, as an Init line of the first log.
        var first = raw[0].Mapping;
        if (first._initial is { } assignment)
        {
            var observations = assignment.Select(a => (StateObservation)new VariableObservation(spec.Variables[a.Variable], a.Variable, a.Value)).ToArray();
            var init = new LogLine($"{first._path}: initial", [new TraceEvent($"{first._path}: initial", null, null, new Value?[spec.Variables.Count]) { Observations = observations }], null, IsInit: true, "") { Event = "Init" };
            var log = logs[0];
            var shifted = log.Lines.Select(l => l.Clock is null ? l : l with { Clock = l.Clock.Select((c, j) => j == 0 ? c + 1 : c).ToArray() });
            logs[0] = log with { Lines = [init with { Clock = log.Lines.FirstOrDefault()?.Clock is null ? null : Enumerable.Range(0, logs.Count).Select(static j => j == 0 ? 1 : 0).ToArray() }, .. shifted] };
            if (logs[0].Lines[0].Clock is not null)
                for (var n = 1; n < logs.Count; n++)
                    logs[n] = logs[n] with { Lines = logs[n].Lines.Select(l => l with { Clock = l.Clock!.Select((c, j) => j == 0 && c > 0 ? c + 1 : c).ToArray() }).ToArray() };
        }
        return logs;
    }

    private static int[] ClockOf(Dictionary<string, int> clock, string location, Dictionary<string, int> byNode)
    {
        var result = new int[byNode.Count];
        foreach (var (node, count) in clock)
        {
            if (byNode.TryGetValue(node, out var index)) result[index] = count;
            else if (count > 0) throw new TraceFormatException($"{location}: the clock has seen {count} events of {node}, but no log of {node} was given");
        }
        return result;
    }

    private (string Node, List<(LogLine, Dictionary<string, int>?)> Lines) ReadLog(string path)
    {
        if (!File.Exists(path)) throw new TraceFormatException($"{path}: file not found");
        var texts = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        var result = new List<(LogLine, Dictionary<string, int>?)>();
        string? logNode = null;
        for (var l = 0; l < texts.Length; l++)
        {
            var text = texts[l].TrimEnd('\r');
            if (text.Trim().Length == 0) continue;
            var location = $"{path}:{l + 1}";
            using var document = Json.Parse(text, location);
            var root = document.RootElement;
            if (At(root, _eventPath) is not { ValueKind: JsonValueKind.String } eventField)
                throw new TraceFormatException($"{location}:1: the line has no event name at \"{string.Join('.', _eventPath)}\" (the mapping's \"event\", {_path})");
            var eventName = eventField.GetString()!;
            if (_skip.Contains(eventName)) continue;
            if (!_events.TryGetValue(eventName, out var mapping))
                throw new TraceFormatException($"{location}:{Json.Column(text, eventName)}: the event \"{Messages.Quote(eventName)}\" is neither mapped nor skipped in {_path} (mapped: {string.Join(", ", _events.Keys)}; skipped: {string.Join(", ", _skip)})");
            var self = NodeOf(root, _nodePath, location, text, out var nodeId);
            logNode ??= nodeId;
            var bound = new Dictionary<string, Value>(StringComparer.Ordinal) { ["self"] = self };
            foreach (var field in _fields.Values)
                if (At(root, field.Path) is { } value) bound[field.Name] = Convert(value, field, location, text);
            var steps = new List<TraceEvent>();
            foreach (var step in mapping.Steps)
            {
                var arguments = new Dictionary<string, Value>(StringComparer.Ordinal);
                foreach (var (parameter, expression) in step.Arguments)
                    arguments[parameter] = Evaluate(expression, bound, location, $"the argument {parameter} of {step.Action.Name}");
                steps.Add(new TraceEvent(location, step.Action.Name, null, new Value?[_spec.Variables.Count]) { Actor = self, NamedArguments = arguments, MayStutter = false });
            }
            var observations = new List<StateObservation>();
            foreach (var observation in _observe.Concat(mapping.Observe))
            {
                if (At(root, observation.Field.Path) is not { } field) continue;
                var expected = Convert(field, observation.Field, location, text);
                // A field the expression names that is not on this line: nothing to observe here.
                if (_fields.Keys.Any(n => !bound.ContainsKey(n) && NamesField(observation.Text, n))) continue;
                observations.Add(new ExpressionObservation(observation.Expression, observation.Expression.Bind(bound, _spec.ModelValues), expected, $"{observation.Text} (field {string.Join('.', observation.Field.Path)})"));
            }
            steps[^1] = steps[^1] with { Observations = observations };
            Dictionary<string, int>? clock = null;
            if (_clockPath is not null) clock = ClockField(root, location, text);
            result.Add((new LogLine(location, steps, null, IsInit: false, text) { Event = eventName }, clock));
        }
        if (result.Count == 0) throw new TraceFormatException($"{path}:1:1: the log has no event that the mapping {_path} makes a spec step");
        return (logNode ?? Path.GetFileNameWithoutExtension(path), result);
    }

    private Dictionary<string, int> ClockField(JsonElement root, string location, string text)
    {
        if (At(root, _clockPath!) is not { ValueKind: JsonValueKind.Object } clock)
            throw new TraceFormatException($"{location}:1: the line has no vector clock object at \"{string.Join('.', _clockPath!)}\"");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in clock.EnumerateObject())
        {
            if (!entry.Value.TryGetInt32(out var count) || count < 0) throw new TraceFormatException($"{location}:{Json.Column(text, entry.Name)}: the clock's entry \"{Messages.Quote(entry.Name)}\" must be a count of events");
            result[NodeName(entry.Name)] = count;
        }
        return result;
    }

    /// <summary>Whether the TLA+ text uses the name as an identifier (not as part of a longer one).</summary>
    private static bool NamesField(string text, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![A-Za-z0-9_]){System.Text.RegularExpressions.Regex.Escape(name)}(?![A-Za-z0-9_])");

    private string NodeName(string id) => _nodes.TryGetValue(id, out var value) ? value.Name : id;

    private ModelValue NodeOf(JsonElement root, string[] path, string location, string text, out string name)
    {
        if (At(root, path) is not { } field || field.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            throw new TraceFormatException($"{location}:1: the line has no node at \"{string.Join('.', path)}\" (the mapping's \"node\", {_path})");
        var id = field.ValueKind == JsonValueKind.String ? field.GetString()! : field.GetRawText();
        if (_nodes.TryGetValue(id, out var mapped)) name = mapped.Name;
        else name = id;
        if (_spec.ModelValues.TryFind(name, out var value) && value is not null) return value;
        throw new TraceFormatException($"{location}:{Json.Column(text, path[^1])}: the node \"{Messages.Quote(id)}\" is no model value of the cfg and {_path} does not map it (\"nodes\": {{\"{Messages.Quote(id)}\": \"n1\"}})");
    }

    private Value Convert(JsonElement value, Field field, string location, string text)
    {
        if (!field.IsNode) return TraceReader.ReadValue(value, $"{location}:{Json.Column(text, field.Path[^1])}: {string.Join('.', field.Path)}", _spec);
        return NodeOf(value, [], location, text, out _);
    }

    private Value Evaluate(ObservedExpression expression, Dictionary<string, Value> bound, string location, string what)
    {
        try
        {
            return expression.Evaluate(_spec.InitialStates()[0], _context, expression.Bind(bound, _spec.ModelValues));
        }
        catch (EvaluationException e)
        {
            throw new TraceFormatException($"{location}: {what}: {ConformanceSpec.Describe(e)} (is every field it uses on the line?)");
        }
        catch (NullReferenceException)
        {
            throw new TraceFormatException($"{location}: {what}: a field it uses is not on the line");
        }
    }

    private static JsonElement? At(JsonElement root, string[] path)
    {
        var current = root;
        foreach (var key in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(key, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    private static string[] PathOf(JsonElement root, string key, string fallback, JsonPlaces places)
    {
        if (!root.TryGetProperty(key, out var value)) return fallback.Split('.');
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } path)
            throw new TraceFormatException($"{places.At(key)}: \"{key}\" is the path of a field of a line, dot-separated (\"event.name\")");
        return path.Split('.');
    }

    private Field FieldOf(JsonElement value, string at, JsonPlaces places)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } path) return new Field("", path.Split('.'), false);
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() is { Length: > 0 } p)
        {
            foreach (var member in value.EnumerateObject())
                if (member.Name is not ("field" or "node")) throw new TraceFormatException($"{places.At($"{at}.{member.Name}")}: unknown key \"{Messages.Quote(member.Name)}\" (a field is \"path\" or {{\"field\": \"path\", \"node\": true}})");
            var isNode = value.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.True;
            return new Field("", p.Split('.'), isNode);
        }
        throw new TraceFormatException($"{places.At(at)}: a field is a dot-separated path (\"event.term\") or {{\"field\": \"path\", \"node\": true}} for a node id");
    }

    private IEnumerable<Observation> Observations(JsonElement observe, string at, JsonPlaces places)
    {
        if (observe.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At(at)}: \"observe\" maps TLA+ expressions over the spec's variables (\"currentTerm[self]\") to the field that gives their value");
        var result = new List<Observation>();
        foreach (var member in observe.EnumerateObject())
        {
            var field = FieldOf(member.Value, $"{at}.{member.Name}", places);
            var (line, column) = places.KeyOf($"{at}.{member.Name}");
            var expression = ObservedExpression.Compile(_spec, member.Name, _bound, _path, line, column + 1);
            result.Add(new Observation(expression, member.Name, field));
        }
        return result;
    }

    private EventMapping EventOf(JsonElement value, string at, JsonPlaces places)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At(at)}: an event maps to {{\"action\": \"Name\", \"args\": {{...}}}} or {{\"steps\": [...]}}");
        var steps = new List<Step>();
        if (value.TryGetProperty("steps", out var list))
        {
            if (value.TryGetProperty("action", out _)) throw new TraceFormatException($"{places.At(at)}: give \"action\" or \"steps\", not both");
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) throw new TraceFormatException($"{places.At($"{at}.steps")}: \"steps\" is a non-empty list of {{\"action\": ..., \"args\": ...}}");
            var i = 0;
            foreach (var step in list.EnumerateArray()) steps.Add(StepOf(step, $"{at}.steps.{i++}", places));
        }
        else steps.Add(StepOf(value, at, places));
        foreach (var member in value.EnumerateObject())
            if (member.Name is not ("action" or "args" or "steps" or "observe" or "comment"))
                throw new TraceFormatException($"{places.At($"{at}.{member.Name}")}: unknown key \"{Messages.Quote(member.Name)}\" (an event has action, args, steps, observe)");
        var observe = value.TryGetProperty("observe", out var o) ? Observations(o, $"{at}.observe", places).ToList() : [];
        return new EventMapping(steps, observe);
    }

    private Step StepOf(JsonElement value, string at, JsonPlaces places)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("action", out var name) || name.ValueKind != JsonValueKind.String)
            throw new TraceFormatException($"{places.At(at)}: a step is {{\"action\": \"Name\", \"args\": {{\"param\": \"TLA+ expression\"}}}}");
        var action = _spec.Action(name.GetString()!)
            ?? throw new TraceFormatException($"{places.At($"{at}.action")}: \"{Messages.Quote(name.GetString()!)}\" is not an action of the spec's Next (actions: {Messages.Truncate(string.Join(", ", _spec.ActionNames), 600)})");
        var arguments = new List<(string, ObservedExpression)>();
        if (value.TryGetProperty("args", out var args))
        {
            if (args.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At($"{at}.args")}: \"args\" maps parameters of {action.Name} to TLA+ expressions over the line's fields");
            foreach (var member in args.EnumerateObject())
            {
                if (!action.Parameters.Contains(member.Name))
                    throw new TraceFormatException($"{places.KeyAt($"{at}.args.{member.Name}")}: {action.Name} has no parameter \"{Messages.Quote(member.Name)}\" (parameters: {string.Join(", ", action.Parameters)})");
                if (member.Value.ValueKind != JsonValueKind.String) throw new TraceFormatException($"{places.At($"{at}.args.{member.Name}")}: an argument is a TLA+ expression in a string");
                var (line, column) = places.ValueOf($"{at}.args.{member.Name}");
                var expression = ObservedExpression.Compile(_spec, member.Value.GetString()!, _bound, _path, line, column + 1);
                arguments.Add((member.Name, expression));
            }
        }
        return new Step(action, arguments);
    }

    private List<(int, Value, string)> Initial(JsonElement initial, JsonPlaces places)
    {
        if (initial.ValueKind == JsonValueKind.String && initial.GetString() == "any") return [];
        if (initial.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{places.At("initial")}: \"initial\" is \"any\" (any initial state of the spec) or an object from variable to a TLA+ expression");
        var result = new List<(int, Value, string)>();
        foreach (var member in initial.EnumerateObject())
        {
            var index = _spec.Variables.ToList().IndexOf(member.Name);
            if (index < 0) throw new TraceFormatException($"{places.KeyAt($"initial.{member.Name}")}: \"{Messages.Quote(member.Name)}\" is not a variable of the spec (variables: {string.Join(", ", _spec.Variables)})");
            if (member.Value.ValueKind != JsonValueKind.String) throw new TraceFormatException($"{places.At($"initial.{member.Name}")}: the initial value is a TLA+ expression in a string");
            var (line, column) = places.ValueOf($"initial.{member.Name}");
            var expression = ObservedExpression.Compile(_spec, member.Value.GetString()!, [], _path, line, column + 1);
            Value value;
            try
            {
                value = expression.Evaluate(new Value[_spec.Variables.Count], _context, expression.Bind(new Dictionary<string, Value>(), _spec.ModelValues));
            }
            catch (Exception e) when (e is EvaluationException or NullReferenceException)
            {
                throw new TraceFormatException($"{_path}:{line}:{column + 1}: the initial value of {member.Name} must be a constant expression: {e.Message}");
            }
            result.Add((index, value, member.Value.GetString()!));
        }
        return result;
    }

    private static JsonDocument ParseDocument(byte[] bytes, string path)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new TraceFormatException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {e.Message.Split('.')[0]}");
        }
    }

    /// <summary>Where each key and value of a JSON file is (line, column), by dot-separated path.</summary>
    private sealed class JsonPlaces
    {
        private readonly string _file;
        private readonly Dictionary<string, (int Line, int Column)> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Line, int Column)> _values = new(StringComparer.Ordinal);

        private JsonPlaces(string file) => _file = file;

        public static JsonPlaces Of(byte[] bytes, string file)
        {
            var places = new JsonPlaces(file);
            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < bytes.Length; i++)
                if (bytes[i] == '\n') lineStarts.Add(i + 1);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var path = new List<string>();
            var indices = new Stack<int>();
            var containers = new Stack<bool>(); // true: array
            string? pendingKey = null;
            try
            {
                while (reader.Read())
                {
                    var place = Place(lineStarts, bytes, (int)reader.TokenStartIndex);
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        pendingKey = reader.GetString()!;
                        places._keys[Join(path, pendingKey)] = place;
                        continue;
                    }
                    string? key = pendingKey;
                    pendingKey = null;
                    if (key is null && containers.Count > 0 && containers.Peek())
                    {
                        var index = indices.Pop();
                        key = index.ToString(CultureInfo.InvariantCulture);
                        indices.Push(index + 1);
                    }
                    if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        if (containers.Pop()) indices.Pop();
                        if (path.Count > 0) path.RemoveAt(path.Count - 1);
                        continue;
                    }
                    if (key is not null) places._values[Join(path, key)] = place;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        path.Add(key ?? "");
                        var array = reader.TokenType == JsonTokenType.StartArray;
                        containers.Push(array);
                        if (array) indices.Push(0);
                    }
                }
            }
            catch (JsonException e)
            {
                throw new TraceFormatException($"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {e.Message.Split('.')[0]}");
            }
            return places;
        }

        private static string Join(List<string> path, string key) => string.Join('.', path.Skip(1).Append(key));

        private static (int, int) Place(List<int> lineStarts, byte[] bytes, int offset)
        {
            var line = lineStarts.BinarySearch(offset);
            if (line < 0) line = ~line - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], offset - lineStarts[line]) + 1;
            return (line + 1, column);
        }

        /// <summary>The value at the path (else its key, else the file's start), as file:line:column.</summary>
        public string At(string path) =>
            _values.TryGetValue(path, out var v) ? $"{_file}:{v.Line}:{v.Column}" : KeyAt(path);

        public string KeyAt(string path) =>
            _keys.TryGetValue(path, out var k) ? $"{_file}:{k.Line}:{k.Column}" : $"{_file}:1:1";

        /// <summary>Where a string value starts (its opening quote).</summary>
        public (int Line, int Column) ValueOf(string path) => _values.TryGetValue(path, out var v) ? v : (1, 1);

        /// <summary>Where a key starts (its opening quote).</summary>
        public (int Line, int Column) KeyOf(string path) => _keys.TryGetValue(path, out var k) ? k : (1, 1);
    }
}
