namespace Verification.Protocols.Modeling;

/// <summary>How C# nodes are named in the TLA+ specs: node i is the model value n{i+1}.</summary>
public static class SpecNames
{
    public static string Node(int node) => (uint)node < (uint)Names.Length ? Names[node] : $"n{node + 1}";

    // Labels name their nodes on every step: hand out the same strings instead of formatting them.
    private static readonly string[] Names = Enumerable.Range(0, 64).Select(static i => $"n{i + 1}").ToArray();
}
