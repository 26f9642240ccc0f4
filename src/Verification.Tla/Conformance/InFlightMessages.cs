using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// The messages the lines taken so far say were sent and not yet received (<c>mbt::sent</c>,
/// <c>mbt::received</c>), counted as copies: the merge's guess at what the spec leaves open when a
/// message is handled, whether a copy of it stays in the network (a spec's <c>Handled(m, ms)</c>
/// that may keep m, for a network that duplicates). A run on a network that does not duplicate has
/// a copy left exactly when more copies were sent than received, so the successors that agree are
/// explored first and the others only when no order from them conforms. It only orders the search:
/// every successor is still explored before a log is rejected. The count depends on the lines
/// taken, not on their order, so it agrees with the search's memo of (cut, state).
/// </summary>
internal sealed class InFlightMessages
{
    private readonly Dictionary<Value, int> _copies = [];

    /// <summary>Takes the line (+1) or gives it back (-1) as the search goes down or backs off.</summary>
    public void Apply(LogLine line, int sign)
    {
        foreach (var message in line.Sent) Add(message, sign);
        if (line.Received is { } received) Add(received, -sign);
    }

    private void Add(Value message, int delta)
    {
        var copies = _copies.GetValueOrDefault(message) + delta;
        if (copies == 0) _copies.Remove(message);
        else _copies[message] = copies;
    }

    /// <summary>
    /// The successors <paramref name="next"/> of <paramref name="from"/> by <paramref name="line"/>
    /// split into those whose network keeps the handled message exactly when a copy is left in
    /// flight, and the others; (all, none) when the line handled no message or the handled message
    /// is in no set-valued variable of the states before.
    /// </summary>
    public (IReadOnlyList<Value[]> Preferred, IReadOnlyList<Value[]> Others) Split(IReadOnlyList<Value[]> from, LogLine line, IReadOnlyList<Value[]> next)
    {
        if (line.Received is not { } received || from.Count == 0 || next.Count < 2) return (next, []);
        var network = NetworkOf(from[0], received);
        if (network < 0) return (next, []);
        var left = _copies.GetValueOrDefault(received) - 1;
        foreach (var sent in line.Sent)
            if (sent.Equals(received)) left++;
        var keep = left > 0;
        var preferred = new List<Value[]>();
        var others = new List<Value[]>();
        foreach (var state in next)
            (state[network] is SetValue set && set.Contains(received) == keep ? preferred : others).Add(state);
        return preferred.Count == 0 ? (next, []) : (preferred, others);
    }

    /// <summary>The variable holding the handled message before the step: a set of messages that contains it.</summary>
    private static int NetworkOf(Value[] state, Value message)
    {
        for (var v = 0; v < state.Length; v++)
            if (state[v] is FiniteSetValue set && set.Contains(message)) return v;
        return -1;
    }
}
