using System.Globalization;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.CrdtCounter;

/// <summary>A client's request to a replica of the counter (the spec's Increment(p) and Decrement(p)).</summary>
public enum CounterRequest
{
    Increment,
    Decrement,
}

/// <summary>
/// The operation a counter update carries (the spec's update fields delta and val): the step, and
/// the value its origin reached by it. A correct replica adds <paramref name="Delta"/>; only the
/// seeded bug reads <paramref name="Val"/>.
/// </summary>
public sealed record CounterOp(int Delta, int Val)
{
    /// <summary>The operation as the body of a causal broadcast message: "delta val".</summary>
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Delta} {Val}");

    public static CounterOp Decode(string body)
    {
        var parts = body.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var delta) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var val))
            throw new FormatException($"not a counter operation: '{body}'");
        return new CounterOp(delta, val);
    }

    public IEnumerable<(string Field, LabelValue Value)> Fields() => [("delta", new LabelValue.Int(Delta)), ("val", new LabelValue.Int(Val))];
}
