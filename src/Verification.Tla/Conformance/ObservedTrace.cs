using System.Text;
using System.Text.Json;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// One record of an implementation trace: the action the implementation says it took (null when it
/// does not say), its arguments when known, and the spec variables after it: a value per variable
/// in the spec's order, null where the record does not give the variable.
/// </summary>
public sealed record TraceEvent(string Location, string? Action, IReadOnlyList<Value>? Arguments, Value?[] State)
{
    /// <summary>The key of Quint's record of the nondeterministic choices of a step (parameter name to value).</summary>
    public const string NondetPicksKey = "mbt::nondetPicks";

    /// <summary>The ITF state key of the step's full label (<see cref="Label"/>), written by the explorer next to <c>mbt::actionTaken</c>.</summary>
    public const string LabelKey = "mbt::label";

    /// <summary>The ITF state key of the node that took the step (<see cref="Actor"/>), written by the explorer.</summary>
    public const string ActorKey = "mbt::actor";

    /// <summary>Arguments by parameter name (ITF <c>mbt::nondetPicks</c>); used when <see cref="Arguments"/> is null.</summary>
    public IReadOnlyDictionary<string, Value>? NamedArguments { get; init; }

    /// <summary>
    /// The node the trace says took the step (e.g. the first argument of an explorer's step label,
    /// <c>Receive(n3, ...)</c>), when it gives only that much of the arguments: the value of the
    /// claimed action's first parameter, which is the acting node in every action a node takes.
    /// It does not restrict which steps are accepted; a diagnosis examines the instances with that
    /// node, and says so when Next calls the action with no such instance.
    /// </summary>
    public Value? Actor { get; init; }

    /// <summary>
    /// The step's label as the trace gave it, when its arguments are not otherwise known (an
    /// explorer's <c>Deliver(n3, 3, &lt;&lt;n2, 2&gt;&gt;)</c>). Read only to diagnose a rejected step:
    /// the instances holding the values of its arguments are the ones examined.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>
    /// The label's arguments as values, when the trace gave them as data (the explorer's recorder;
    /// null for one that is no spec value); else a diagnosis reads them from <see cref="Label"/>'s text.
    /// </summary>
    public IReadOnlyList<Value?>? LabelArguments { get; init; }

    /// <summary>The label's arguments as values: given as data, else read from the label's text (a foreign trace).</summary>
    public IReadOnlyList<Value?> LabelArgumentValues(ModelValueRegistry modelValues) =>
        LabelArguments ?? ActionLabel.ParseEach(Label, modelValues);

    /// <summary>The arguments in the order of <paramref name="parameters"/>: positional ones, else named ones when every parameter is named.</summary>
    public IReadOnlyList<Value>? ArgumentsFor(IReadOnlyList<string> parameters)
    {
        if (Arguments is { } positional) return positional.Count == parameters.Count ? positional : null;
        if (NamedArguments is not { } named || parameters.Count == 0) return null;
        var result = new Value[parameters.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (!named.TryGetValue(parameters[i], out var value)) return null;
            result[i] = value;
        }
        return result;
    }

    /// <summary>Quint's picks: a record from name to value, where a value may be wrapped as Some(v) / None.</summary>
    internal static IReadOnlyDictionary<string, Value>? ReadPicks(Value? picks)
    {
        if (picks is not FunctionValue { IsRecord: true } record) return null;
        var result = new Dictionary<string, Value>(StringComparer.Ordinal);
        for (var i = 0; i < record.Count; i++)
        {
            var name = ((StringValue)record.DomainElements[i]).Value;
            var value = record.Values[i];
            if (value is FunctionValue { IsRecord: true } option && option.Count == 2 && Field(option, "tag") is StringValue tag)
            {
                if (tag.Value == "None") continue;
                if (tag.Value == "Some" && Field(option, "value") is { } some) value = some;
            }
            result[name] = value;
        }
        return result;
    }

    private static Value? Field(FunctionValue record, string name)
    {
        for (var i = 0; i < record.Count; i++)
            if (record.DomainElements[i] is StringValue s && s.Value == name) return record.Values[i];
        return null;
    }

    /// <summary>
    /// Parts of the state after the step that the line observed beyond whole variables (a node's
    /// entry of a variable, a TLA+ expression over the variables): successors must agree with each.
    /// </summary>
    public IReadOnlyList<StateObservation> Observations { get; init; } = [];

    /// <summary>
    /// Whether the event may be a stuttering step whatever it claims (a trace's states, which may
    /// repeat). A logged event of a node is a step of its action: false, so the state stays unchanged
    /// only where the action itself leaves it so, and an unobserved step does not double the frontier.
    /// </summary>
    public bool MayStutter { get; init; } = true;

    /// <summary>Some of the arguments by parameter name, the others left to the spec: null unless some but not all are named.</summary>
    public IReadOnlyList<Value?>? SomeArgumentsFor(IReadOnlyList<string> parameters)
    {
        if (Arguments is not null || NamedArguments is not { Count: > 0 } named) return null;
        var result = new Value?[parameters.Count];
        var given = 0;
        for (var i = 0; i < result.Length; i++)
            if (named.TryGetValue(parameters[i], out var value))
            {
                result[i] = value;
                given++;
            }
        return given == 0 || given == result.Length ? null : result;
    }

    public bool IsComplete => Observations.Count == 0 && Array.TrueForAll(State, static v => v is not null);
}

/// <summary>
/// An implementation trace ready for validation. When <see cref="StartsWithInitialState"/> the first
/// event describes the initial state (an ITF trace, or an NDJSON log whose first line is an "Init"
/// event); otherwise the initial state was not observed and any initial state of the spec may start it.
/// </summary>
public sealed record ObservedTrace(string Source, IReadOnlyList<string> Variables, IReadOnlyList<TraceEvent> Events, bool StartsWithInitialState)
{
    /// <summary>An ITF trace whose variables are the spec's (possibly fewer: the missing ones are left to the spec).</summary>
    /// <summary>
    /// The top-level ITF <c>#meta</c> key whose value "unobserved" says that state 0 is the state
    /// after the first (labelled) step, not an initial state (traces recorded by the explorer).
    /// </summary>
    public const string InitialStateMetaKey = "initial-state";

    public static ObservedTrace FromItf(ItfTrace trace, IReadOnlyList<string> specVariables, string source = "trace", ModelValueRegistry? modelValues = null)
    {
        var unobserved = InitialStateUnobserved(trace.Meta);
        var result = FromStates(source, specVariables, trace.Variables,
            trace.States.Select((s, i) => (Location: $"{source}: state {i}", Label: i == 0 && !unobserved ? null : s.ActionTaken, Values: (IReadOnlyList<Value?>)s.Values.ToArray())).ToList(),
            startsWithInitialState: !unobserved, modelValues);
        var events = result.Events.Select((e, i) => WithHints(e.Arguments is null && trace.States[i].Extra.TryGetValue(TraceEvent.NondetPicksKey, out var picks)
            ? e with { NamedArguments = TraceEvent.ReadPicks(picks) }
            : e, trace.States[i].Extra)).ToArray();
        return result with { Events = events };
    }

    /// <summary>The explorer's hints for a diagnosis (<see cref="TraceEvent.Label"/>, <see cref="TraceEvent.Actor"/>), on a step that claims an action.</summary>
    internal static TraceEvent WithHints(TraceEvent e, IReadOnlyDictionary<string, Value> extra)
    {
        if (e.Action is null) return e;
        var label = extra.TryGetValue(TraceEvent.LabelKey, out var l) && l is StringValue s ? s.Value : null;
        var actor = extra.TryGetValue(TraceEvent.ActorKey, out var a) ? a : null;
        return label is null && actor is null ? e : e with { Label = label ?? e.Label, Actor = actor ?? e.Actor };
    }

    internal static bool InitialStateUnobserved(System.Text.Json.Nodes.JsonObject? meta) =>
        meta is not null && meta.TryGetPropertyValue(InitialStateMetaKey, out var node)
                         && node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) && text == "unobserved";

    internal static ObservedTrace FromStates(string source, IReadOnlyList<string> specVariables, IReadOnlyList<string> traceVariables,
        IReadOnlyList<(string Location, string? Label, IReadOnlyList<Value?> Values)> states, bool startsWithInitialState,
        ModelValueRegistry? modelValues = null)
    {
        var positions = new int[traceVariables.Count];
        for (var i = 0; i < traceVariables.Count; i++)
        {
            positions[i] = IndexOf(specVariables, traceVariables[i]);
            if (positions[i] < 0)
                throw new TraceFormatException($"{source}: the trace has a variable \"{Messages.Quote(traceVariables[i])}\" that the spec does not declare (spec variables: {string.Join(", ", specVariables)})");
        }
        var events = new List<TraceEvent>(states.Count);
        foreach (var (location, label, values) in states)
        {
            var state = new Value?[specVariables.Count];
            for (var i = 0; i < values.Count; i++) state[positions[i]] = values[i];
            var (action, arguments) = ActionLabel.Parse(label, modelValues);
            events.Add(new TraceEvent(location, action, arguments, state));
        }
        return new ObservedTrace(source, specVariables, events, startsWithInitialState);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }
}

/// <summary>A malformed trace file: the message starts with file:line[:column].</summary>
public sealed class TraceFormatException(string message) : Exception(message);

/// <summary>
/// The front door of trace validation for step labels: a label must name an action of the spec's
/// Next, with as many arguments as the action has parameters, each a TLA+ value. A label that does
/// not is an error at its location, never a step quietly checked against all of Next.
/// </summary>
internal static class LabelCheck
{
    public static void Check(string location, string? label, ConformanceSpec spec)
    {
        if (label is null) return;
        if (string.IsNullOrWhiteSpace(label)) throw new TraceFormatException($"{location}: the step's label is empty (give the name of the spec action taken, or no label)");
        var (name, arguments) = ActionLabel.Parse(label, spec.ModelValues);
        if (name is null)
            throw new TraceFormatException($"{location}: the label \"{Messages.Quote(label)}\" is not an action name or Name(argument, ...)");
        var action = spec.Action(name)
            ?? throw new TraceFormatException($"{location}: the label \"{Messages.Quote(label)}\" names no action of the spec (actions of Next: {Messages.Truncate(string.Join(", ", spec.ActionNames), 600)})");
        if (!label.TrimEnd().EndsWith(')')) return;
        var parts = ActionLabel.ParseEach(label, spec.ModelValues);
        for (var i = 0; i < parts.Count; i++)
            if (parts[i] is null)
                throw new TraceFormatException($"{location}: argument {i + 1} of the label \"{Messages.Quote(label)}\" is not a TLA+ value");
        if (arguments is not null && arguments.Count != action.Parameters.Count)
            throw new TraceFormatException($"{location}: {Arity(label, action, arguments.Count)}");
    }

    public static string Arity(string label, SpecAction action, int given) => action.Parameters.Count == 0
        ? $"the label \"{Messages.Quote(label)}\" gives {given} argument{(given == 1 ? "" : "s")} but {action.Name} takes none"
        : $"the label \"{Messages.Quote(label)}\" gives {given} argument{(given == 1 ? "" : "s")} but {action.Name} takes {action.Parameters.Count} ({string.Join(", ", action.Parameters)})";
}

/// <summary>
/// Action labels: <c>Name</c> or <c>Name(arg1, arg2)</c> with the arguments in TLA+ syntax as TLC
/// prints values (<c>Receive(n1, [type |-&gt; "req", term |-&gt; 2])</c>). Arguments that do not parse
/// as values are ignored: the step is then checked against every instance of the action.
/// </summary>
public static class ActionLabel
{
    public static (string? Name, IReadOnlyList<Value>? Arguments) Parse(string? label, ModelValueRegistry? modelValues = null)
    {
        if (string.IsNullOrWhiteSpace(label)) return (null, null);
        label = label.Trim();
        var open = label.IndexOf('(');
        if (open < 0 || !label.EndsWith(')')) return (IsName(label) ? label : null, null);
        var name = label[..open].Trim();
        if (!IsName(name)) return (null, null);
        var inside = label[(open + 1)..^1];
        var arguments = new List<Value>();
        foreach (var part in SplitTopLevel(inside))
        {
            try
            {
                arguments.Add(TlcTraceReader.ParseValue(part, modelValues));
            }
            catch (Exception e) when (e is TlcTraceFormatException or FormatException or ArgumentException)
            {
                return (name, null);
            }
        }
        return (name, arguments);
    }

    /// <summary>
    /// Each argument of a label on its own, parsed as TLC prints values with model values from
    /// <paramref name="modelValues"/>; null for one that does not parse (a C# object's ToString).
    /// </summary>
    public static IReadOnlyList<Value?> ParseEach(string? label, ModelValueRegistry modelValues)
    {
        if (string.IsNullOrWhiteSpace(label)) return [];
        label = label.Trim();
        var open = label.IndexOf('(');
        if (open < 0 || !label.EndsWith(')')) return [];
        var result = new List<Value?>();
        foreach (var part in SplitTopLevel(label[(open + 1)..^1]))
        {
            try
            {
                result.Add(TlcTraceReader.ParseValue(part, modelValues));
            }
            catch (Exception e) when (e is TlcTraceFormatException or FormatException or ArgumentException)
            {
                result.Add(null);
            }
        }
        return result;
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(static c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>
    /// The arguments of a label, split at the commas outside any value: the brackets are TLC's
    /// (<c>( ) [ ] { } &lt;&lt; &gt;&gt;</c>), strings may hold anything, and the arrows of records
    /// and functions (<c>|-&gt;</c>, <c>:&gt;</c>) close nothing.
    /// </summary>
    internal static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                        if (text[i] == '\\') i++;
                    break;
                case '(' or '[' or '{': depth++; break;
                case ')' or ']' or '}': depth--; break;
                case '<' when i + 1 < text.Length && text[i + 1] == '<':
                    depth++;
                    i++;
                    break;
                case '>' when i + 1 < text.Length && text[i + 1] == '>' && (i == 0 || text[i - 1] is not ('-' or ':')):
                    depth--;
                    i++;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
        if (text.Trim().Length > 0) yield return text[start..].Trim();
    }
}

/// <summary>
/// Reads implementation traces: ITF JSON (<c>.itf.json</c>, complete or with some variables missing
/// from some states) and NDJSON event logs.
/// <para>
/// NDJSON, one JSON object per line, blank lines ignored:
/// <c>{"event": "HandleVoteRequest", "args": [ITF values], "state": {"currentTerm": ITF value, ...}}</c>.
/// "event" (or "action") names the spec action the implementation took; "args" (optional) are its
/// arguments in the action's parameter order, or an object from parameter name to value; "state"
/// holds the spec variables the implementation logged after the event (the others are left to the
/// spec's nondeterminism), or the variables may be written as top-level keys next to "event".
/// Values are ITF values (<c>{"#bigint": "3"}</c> or a plain JSON number, <c>{"#set": [...]}</c>,
/// records as objects, ...). A first line whose event is "Init" (or that has no event) describes the
/// initial state; otherwise the log starts after an unobserved initial state.
/// </para>
/// </summary>
public static class TraceReader
{
    public static ObservedTrace ReadFile(string path, ConformanceSpec spec)
    {
        if (!File.Exists(path)) throw new TraceFormatException($"{path}: file not found");
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var firstLine = text.TrimStart().Split('\n', 2)[0];
        var looksLikeNdjson = path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                              || (firstLine.Contains("\"event\"", StringComparison.Ordinal) && !firstLine.Contains("\"states\"", StringComparison.Ordinal));
        return looksLikeNdjson ? ReadNdjson(text, path, spec) : ReadItf(bytes, path, spec);
    }

    public static ObservedTrace ReadItf(byte[] utf8, string path, ConformanceSpec spec)
    {
        try
        {
            var itf = ItfReader.Read(utf8, path, spec.ModelValues);
            if (itf.States.Count == 0) throw new TraceFormatException($"{path}: the trace has no states: there is nothing to validate");
            var labelled = ObservedTrace.InitialStateUnobserved(itf.Meta) ? 0 : 1;
            for (var i = labelled; i < itf.States.Count; i++) LabelCheck.Check($"{path}: state {i}", itf.States[i].ActionTaken, spec);
            return ObservedTrace.FromItf(itf, spec.Variables, path, spec.ModelValues);
        }
        catch (ItfFormatException e) when (e.Problem.StartsWith("the state has no value for the variable", StringComparison.Ordinal))
        {
            return ReadPartialItf(utf8, path, spec);
        }
        catch (ItfFormatException e)
        {
            throw new TraceFormatException(e.Message);
        }
    }

    /// <summary>ITF whose states may leave variables out (the JSON is known to be well formed).</summary>
    private static ObservedTrace ReadPartialItf(byte[] utf8, string path, ConformanceSpec spec)
    {
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var vars = root.GetProperty("vars").EnumerateArray().Select(static v => v.GetString()!).ToArray();
        var states = new List<(string, string?, IReadOnlyList<Value?>)>();
        var hints = new List<Dictionary<string, Value>>();
        var unobserved = root.TryGetProperty("#meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                         && meta.TryGetProperty(ObservedTrace.InitialStateMetaKey, out var initial) && initial.ValueKind == JsonValueKind.String && initial.GetString() == "unobserved";
        var index = 0;
        foreach (var state in root.GetProperty("states").EnumerateArray())
        {
            var location = $"{path}: $.states[{index}]";
            var values = new Value?[vars.Length];
            string? label = null;
            var hint = new Dictionary<string, Value>();
            foreach (var member in state.EnumerateObject())
            {
                var position = Array.IndexOf(vars, member.Name);
                if (position >= 0) values[position] = ReadValue(member.Value, $"{location}.{member.Name}", spec);
                else if (member.Name == ItfTrace.ActionTakenKey && member.Value.ValueKind == JsonValueKind.String) label = member.Value.GetString();
                else if (member.Name is TraceEvent.LabelKey or TraceEvent.ActorKey) hint[member.Name] = ReadValue(member.Value, $"{location}.{member.Name}", spec);
            }
            if (index > 0 || unobserved) LabelCheck.Check(location, label, spec);
            states.Add((location, index == 0 && !unobserved ? null : label, values));
            hints.Add(hint);
            index++;
        }
        if (states.Count == 0) throw new TraceFormatException($"{path}: the trace has no states: there is nothing to validate");
        var trace = ObservedTrace.FromStates(path, spec.Variables, vars, states, startsWithInitialState: !unobserved, spec.ModelValues);
        return trace with { Events = trace.Events.Select((e, i) => ObservedTrace.WithHints(e, hints[i])).ToArray() };
    }

    public static ObservedTrace ReadNdjson(string text, string path, ConformanceSpec spec)
    {
        var lines = text.Split('\n');
        var events = new List<(string, string?, IReadOnlyList<Value?>)>();
        var arguments = new List<IReadOnlyList<Value>?>();
        var variables = spec.Variables;
        var startsWithInit = false;
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l].Trim();
            if (line.Length == 0) continue;
            var location = $"{path}:{l + 1}";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new TraceFormatException($"{path}:{l + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {e.Message.Split('.')[0]}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:1: expected a JSON object with \"event\" and \"state\"");
                string? eventName = null;
                IReadOnlyList<Value>? args = null;
                var values = new Value?[variables.Count];
                foreach (var member in root.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "event" or "action":
                            if (member.Value.ValueKind != JsonValueKind.String) throw new TraceFormatException($"{location}:1: \"{member.Name}\" must be a string (the action's name)");
                            eventName = member.Value.GetString();
                            break;
                        case "args":
                            args = null;
                            break;
                        case "state":
                            if (member.Value.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:1: \"state\" must be an object from variable name to value");
                            foreach (var variable in member.Value.EnumerateObject()) SetVariable(values, variable, location, spec);
                            break;
                        default:
                            if (member.Name.StartsWith('#') || member.Name.StartsWith("mbt::", StringComparison.Ordinal)) break;
                            SetVariable(values, member, location, spec);
                            break;
                    }
                }
                if (root.TryGetProperty("args", out var argsElement)) args = ReadArguments(argsElement, eventName, location, spec);
                if (events.Count == 0 && (eventName is null || eventName == "Init"))
                {
                    startsWithInit = true;
                    eventName = null;
                }
                else if (eventName is null) throw new TraceFormatException($"{location}:1: the line has no \"event\" (the name of the spec action taken)");
                else
                {
                    LabelCheck.Check($"{location}:1", eventName, spec);
                    if (args is not null && ActionLabel.Parse(eventName).Arguments is not null)
                        throw new TraceFormatException($"{location}:1: the arguments are given twice, in the event \"{Messages.Quote(eventName)}\" and in \"args\"");
                    if (args is not null && spec.Action(ActionLabel.Parse(eventName).Name!) is { } taken && args.Count != taken.Parameters.Count)
                        throw new TraceFormatException($"{location}:1: {LabelCheck.Arity(eventName, taken, args.Count)}");
                }
                events.Add((location, eventName, values));
                arguments.Add(args);
            }
        }
        if (events.Count == 0) throw new TraceFormatException($"{path}:1:1: the log is empty");
        var trace = ObservedTrace.FromStates(path, variables, variables, events, startsWithInit, spec.ModelValues);
        var withArguments = trace.Events.Select((e, i) => e with { Arguments = arguments[i] ?? e.Arguments }).ToArray();
        return trace with { Events = withArguments };
    }

    private static void SetVariable(Value?[] values, JsonProperty member, string location, ConformanceSpec spec)
    {
        var index = -1;
        for (var i = 0; i < spec.Variables.Count; i++)
            if (spec.Variables[i] == member.Name) index = i;
        if (index < 0) throw new TraceFormatException($"{location}:1: \"{Messages.Quote(member.Name)}\" is not a variable of the spec (variables: {string.Join(", ", spec.Variables)})");
        values[index] = ReadValue(member.Value, $"{location}:1: {member.Name}", spec);
    }

    private static IReadOnlyList<Value> ReadArguments(JsonElement element, string? action, string location, ConformanceSpec spec)
    {
        if (element.ValueKind == JsonValueKind.Array)
            return element.EnumerateArray().Select((a, i) => ReadValue(a, $"{location}:1: args[{i}]", spec)).ToArray();
        if (element.ValueKind != JsonValueKind.Object) throw new TraceFormatException($"{location}:1: \"args\" must be an array or an object from parameter name to value");
        var specAction = action is null ? null : spec.Action(action)
            ?? throw new TraceFormatException($"{location}:1: \"{Messages.Quote(action)}\" is not an action of the spec's Next (actions: {string.Join(", ", spec.ActionNames)})");
        if (specAction is null) throw new TraceFormatException($"{location}:1: named \"args\" need an \"event\"");
        var result = new Value[specAction.Parameters.Count];
        foreach (var member in element.EnumerateObject())
        {
            var index = specAction.Parameters.ToList().IndexOf(member.Name);
            if (index < 0) throw new TraceFormatException($"{location}:1: {action} has no parameter \"{Messages.Quote(member.Name)}\" (parameters: {string.Join(", ", specAction.Parameters)})");
            result[index] = ReadValue(member.Value, $"{location}:1: args.{member.Name}", spec);
        }
        for (var i = 0; i < result.Length; i++)
            if (result[i] is null) throw new TraceFormatException($"{location}:1: \"args\" gives no value for the parameter {specAction.Parameters[i]} of {action}");
        return result;
    }

    internal static Value ReadValue(JsonElement element, string location, ConformanceSpec spec)
    {
        try
        {
            if (element.ValueKind == JsonValueKind.Number)
            {
                if (element.TryGetInt32(out var number)) return IntValue.Of(number);
                throw new TraceFormatException($"{location}: the number {Messages.Truncate(element.GetRawText())} is outside TLC's range of integers");
            }
            return ItfReader.ReadValue(element.GetRawText(), spec.ModelValues);
        }
        catch (ItfFormatException e)
        {
            throw new TraceFormatException($"{location}: {e.Problem}");
        }
    }
}
