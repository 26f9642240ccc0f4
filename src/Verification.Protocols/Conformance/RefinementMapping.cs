using System.Collections.Frozen;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// A system's refinement mapping: the spec variables it gives and their values in a world, and what
/// a step's label (<see cref="StepLabel"/>, data, never parsed) says in the spec's terms. A mapping
/// may leave spec variables out (e.g. fault counters the world does not expose): the validator then
/// leaves them to the spec's nondeterminism.
/// </summary>
public interface IRefinementMapping
{
    /// <summary>The system (and TLA+ module) name, as `verify test` knows it.</summary>
    string System { get; }

    /// <summary>The abstract state: spec variable name to value.</summary>
    IReadOnlyDictionary<string, Value> AbstractState(IWorldView world);

    /// <summary>
    /// The spec action a step performs, or null to let the validator try every action of Next: the
    /// action a node named (<c>INodeContext.Label("Receive", ...)</c>), else the action the system
    /// maps the world's event to (a crash to the spec's Crash, say), else none.
    /// </summary>
    string? SpecAction(StepLabel label);

    /// <summary>
    /// The spec value of the node that took a step that names a spec action: the label's first
    /// argument when it is a node (<c>Receive(n3, ...)</c>), the crashed node of a world's crash
    /// mapped to a spec action; else null. The acting node is the first parameter of every spec
    /// action a node takes; a diagnosis examines that node's instances.
    /// </summary>
    Value? ActingNode(StepLabel label) => null;

    /// <summary>The label's arguments as spec values (null for one that is none, a C# object's text): hints for a diagnosis.</summary>
    IReadOnlyList<Value?> Arguments(StepLabel label) => [];

    /// <summary>The spec value of C# node <paramref name="node"/> (n{node+1} by default).</summary>
    Value Node(int node) => SpecValues.Node(node);
}

/// <summary>How a spec names C# node <paramref name="node"/>.</summary>
public delegate Value NodeNaming(int node);

/// <summary>
/// A mapping made of the protocol's static <c>AbstractState</c> function and of how its spec names
/// nodes (<see cref="NamedNode"/>: model values n1..nk, unless <paramref name="node"/> says otherwise).
/// Which of the world's events are spec actions is <see cref="WorldEvents"/>.
/// </summary>
public sealed class RefinementMapping(string system, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState, NodeNaming? node = null) : IRefinementMapping
{
    private readonly NodeNaming _node = node ?? NamedNode;

    public string System { get; } = system;

    /// <summary>
    /// The spec action each kind of world event (a step no node labelled) performs; the others are
    /// steps of Next the validator finds itself (a delivery is the receiver's action, which the node
    /// labels). By default a crash is the spec's Crash(n) and a restart its Restart(n).
    /// </summary>
    public IReadOnlyDictionary<StepKind, string> WorldEvents { get; init; } = DefaultWorldEvents;

    public static readonly IReadOnlyDictionary<StepKind, string> DefaultWorldEvents =
        new Dictionary<StepKind, string> { [StepKind.Crash] = "Crash", [StepKind.Restart] = "Restart" }.ToFrozenDictionary();

    public IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => abstractState(world);

    public string? SpecAction(StepLabel label) => label.Action ?? WorldEvents.GetValueOrDefault(label.Event.Kind);

    public Value? ActingNode(StepLabel label)
    {
        if (label.Action is null)
            return label.Event.Node >= 0 && WorldEvents.ContainsKey(label.Event.Kind) ? _node(label.Event.Node) : null;
        var arguments = label.Arguments;
        if (arguments.Count == 0) return null;
        var first = LabelValues.ToSpec(arguments[0], _node);
        return first is not null && IsNode(first) ? first : null;
    }

    public IReadOnlyList<Value?> Arguments(StepLabel label) => label.Arguments.Select(a => LabelValues.ToSpec(a, _node)).ToArray();

    public Value Node(int node) => _node(node);

    private bool IsNode(Value value)
    {
        for (var i = 0; i < SpecValues.MaxNodes; i++)
            if (_node(i).Equals(value)) return true;
        return false;
    }

    /// <summary>Specs whose nodes are the model values n1..nk: C# node i is n{i+1} (<see cref="SpecValues.Node"/>).</summary>
    public static Value NamedNode(int node) => SpecValues.Node(node);

    /// <summary>Specs whose nodes are the numbers 1..N, as Lamport's and ISIS's are: C# node i is i+1.</summary>
    public static Value NumberedNode(int node) => IntValue.Of(node + 1);
}
