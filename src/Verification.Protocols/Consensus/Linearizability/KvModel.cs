namespace Verification.Protocols.Consensus.Linearizability;

public enum KvOpKind
{
    Get,
    Put,
    Append,
}

/// <summary>A key-value operation as a client issues it; <paramref name="OpId"/> is unique per history.</summary>
public sealed record KvInput(int OpId, KvOpKind Kind, string Key, string? Value = null)
{
    public override string ToString() => Kind == KvOpKind.Get ? $"get({Key})" : $"{Kind.ToString().ToLowerInvariant()}({Key}, {Value})";
}

/// <summary>
/// The sequential key-value store (MIT 6.5840's lab 4 service): Get returns the value ("" when
/// absent), Put replaces it, Append concatenates. Partitioned per key, since operations on
/// different keys commute.
/// </summary>
public sealed class KvModel : ISequentialModel<string, KvInput, string>
{
    public static KvModel Instance { get; } = new();

    public string Init() => "";

    public string Apply(string state, KvInput input, out string output)
    {
        switch (input.Kind)
        {
            case KvOpKind.Get:
                output = state;
                return state;
            case KvOpKind.Put:
                output = "";
                return input.Value ?? "";
            default:
                output = "";
                return state + input.Value;
        }
    }

    public object PartitionKey(KvInput input) => input.Key;

    public string Describe(KvInput input, string? output) =>
        input.Kind == KvOpKind.Get ? $"get({input.Key}) -> {(output is null ? "?" : $"\"{output}\"")}" : input.ToString();
}
