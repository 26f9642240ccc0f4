using System.Globalization;
using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Conformance;

/// <summary>
/// A system's refinement mapping: the spec variables it gives and their values in a world. A
/// mapping may leave spec variables out (e.g. fault counters the world does not expose): the
/// validator then leaves them to the spec's nondeterminism.
/// </summary>
public interface IRefinementMapping
{
    /// <summary>The system (and TLA+ module) name, as `verify test` knows it.</summary>
    string System { get; }

    /// <summary>The abstract state: spec variable name to value.</summary>
    IReadOnlyDictionary<string, Value> AbstractState(IWorldView world);

    /// <summary>
    /// The spec action a step label names, or null to let the validator try every action of Next.
    /// Node labels (<c>INodeContext.Label("Receive", ...)</c>) use spec action names; the world's own
    /// descriptions of network and timer events (<c>Deliver(n0-&gt;n1, ...)</c>, <c>Timer(...)</c>) do not.
    /// </summary>
    string? SpecAction(string stepLabel);

    /// <summary>
    /// The spec value of the node a labelled step says took it: the label's first argument when it
    /// names a node (<c>Receive(n3, ...)</c>, <c>Crash(n2)</c>), else null. The acting node is the
    /// first parameter of every spec action a node takes; a diagnosis examines that node's instances.
    /// </summary>
    Value? ActingNode(string stepLabel) => null;
}

/// <summary>The spec value of a node named by a step label's first argument, or null when the argument names none.</summary>
public delegate Value? LabelNode(ReadOnlySpan<char> argument);

/// <summary>
/// A mapping made of the protocol's static <c>AbstractState</c> function, and of how its nodes' labels
/// name the acting node (<see cref="NamedNode"/> unless <paramref name="node"/> says otherwise).
/// </summary>
public sealed partial class RefinementMapping(string system, Func<IWorldView, IReadOnlyDictionary<string, Value>> abstractState, LabelNode? node = null) : IRefinementMapping
{
    public string System { get; } = system;

    public IReadOnlyDictionary<string, Value> AbstractState(IWorldView world) => abstractState(world);

    public string? SpecAction(string stepLabel) => DefaultSpecAction(stepLabel);

    public Value? ActingNode(string stepLabel)
    {
        var open = stepLabel.IndexOf('(');
        if (open < 0) return null;
        var rest = stepLabel.AsSpan(open + 1);
        var end = rest.IndexOfAny(',', ')');
        return end < 0 ? null : (node ?? NamedNode)(rest[..end].Trim());
    }

    /// <summary>The broadcast labels' (and the world's) names of nodes: "n3" is C# node 2 (<see cref="SpecNames"/>).</summary>
    public static Value? NamedNode(ReadOnlySpan<char> argument) =>
        argument is ['n', _, ..] && int.TryParse(argument[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= SpecValues.MaxNodes
            ? SpecValues.Node(k - 1)
            : null;


    /// <summary>Labels of specs whose nodes are the numbers 1..N (<c>ctx.Self + 1</c>), as Lamport's and ISIS's are.</summary>
    public static Value? NumberedNode(ReadOnlySpan<char> argument) =>
        int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 ? IntValue.Of(k) : null;

    /// <summary>The label's name before any argument list, unless the label is one of the world's own event descriptions.</summary>
    public static string? DefaultSpecAction(string stepLabel)
    {
        // Only the world's own message events read "Deliver(n1->n2, ...)"; a node's label may hold
        // "->" inside a record argument ([time |-> 1]) and still names its action.
        if (WorldMessageEvent().IsMatch(stepLabel)) return null;
        var open = stepLabel.IndexOf('(');
        var name = open < 0 ? stepLabel : stepLabel[..open];
        return name is "Timer" or "Request" or "Partition" or "Heal" or "Start" || name.Length == 0 ? null : name;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Deliver|Drop|Duplicate)\(n\d+->n\d+[,)]")]
    private static partial System.Text.RegularExpressions.Regex WorldMessageEvent();
}
