using System.Text.Json.Nodes;
using Verification.Tla.Values;

namespace Verification.Tla.Traces;

/// <summary>
/// A trace in the Informal Trace Format (Apalache ADR-015):
/// <c>{"#meta": {...}, "params": [...], "vars": [...], "states": [{"#meta": {"index": 0}, "x": ...}], "loop": n}</c>.
/// States hold the variables' values in <see cref="Variables"/> order, plus any extra keys (such as
/// <c>mbt::actionTaken</c>, the action that produced the state).
/// </summary>
public sealed class ItfTrace
{
    /// <summary>The key under which the label of the step that produced a state is stored (Quint's convention).</summary>
    public const string ActionTakenKey = "mbt::actionTaken";

    public ItfTrace(IReadOnlyList<string> variables, IReadOnlyList<ItfState> states, int? loop = null,
        JsonObject? meta = null, IReadOnlyList<string>? parameters = null)
    {
        Variables = variables;
        States = states;
        Loop = loop;
        Meta = meta ?? new JsonObject();
        Parameters = parameters ?? [];
        for (var i = 0; i < states.Count; i++)
        {
            if (states[i].Values.Count != variables.Count)
                throw new ArgumentException($"State {i} has {states[i].Values.Count} values for {variables.Count} variables.");
        }
        if (loop is { } l && (l < 0 || l >= Math.Max(states.Count, 1)))
            throw new ArgumentException($"The loop index {l} is not a state index.");
    }

    /// <summary>
    /// A trace as the checker produces it: each state's variables in declaration order, with the
    /// label of the action that led to it (null for an initial state: no label is written).
    /// </summary>
    public static ItfTrace FromStates(IReadOnlyList<string> variables, IEnumerable<IReadOnlyList<Value>> states,
        IEnumerable<string?>? actionLabels = null, int? loop = null, string? source = null, string? description = null)
    {
        var labels = actionLabels?.ToArray() ?? [];
        var itfStates = states.Select((values, i) =>
        {
            var extra = new Dictionary<string, Value>();
            if (i < labels.Length && labels[i] is { } label) extra[ActionTakenKey] = StringValue.Of(label);
            return new ItfState(values, extra);
        }).ToArray();
        var meta = new JsonObject
        {
            ["format"] = "ITF",
            ["format-description"] = "https://apalache-mc.org/docs/adr/015adr-trace.html",
        };
        if (source is not null) meta["source"] = source;
        if (description is not null) meta["description"] = description;
        return new ItfTrace(variables, itfStates, loop, meta);
    }

    /// <summary>Names of the state variables, in the order of every state's values.</summary>
    public IReadOnlyList<string> Variables { get; }

    public IReadOnlyList<ItfState> States { get; }

    /// <summary>For a lasso (liveness counterexample): the index of the state the last one loops back to.</summary>
    public int? Loop { get; }

    /// <summary>The top-level <c>#meta</c> object (free-form).</summary>
    public JsonObject Meta { get; }

    /// <summary>The <c>params</c> list (names of trace parameters; usually empty).</summary>
    public IReadOnlyList<string> Parameters { get; }
}

/// <summary>One state of an <see cref="ItfTrace"/>.</summary>
public sealed class ItfState
{
    public ItfState(IReadOnlyList<Value> values, IReadOnlyDictionary<string, Value>? extra = null, JsonObject? meta = null,
        IReadOnlyDictionary<string, JsonNode?>? undecodedExtra = null)
    {
        Values = values;
        Extra = extra ?? new Dictionary<string, Value>();
        Meta = meta;
        UndecodedExtra = undecodedExtra ?? new Dictionary<string, JsonNode?>();
    }

    /// <summary>The variables' values, in <see cref="ItfTrace.Variables"/> order.</summary>
    public IReadOnlyList<Value> Values { get; }

    /// <summary>Keys of the state object that are not variables, such as <c>mbt::actionTaken</c>.</summary>
    public IReadOnlyDictionary<string, Value> Extra { get; }

    /// <summary>Extra keys whose content is not an ITF value, kept as JSON and written back unchanged.</summary>
    public IReadOnlyDictionary<string, JsonNode?> UndecodedExtra { get; }

    /// <summary>The state's <c>#meta</c> object as read (the writer always writes the index).</summary>
    public JsonObject? Meta { get; }

    /// <summary>The label under <c>mbt::actionTaken</c>, if any.</summary>
    public string? ActionTaken => Extra.TryGetValue(ItfTrace.ActionTakenKey, out var v) && v is StringValue s ? s.Value : null;
}
