namespace TwoPhaseCommit;

/// <summary>Resource manager <paramref name="Rm"/> (a node id) is prepared to commit: the spec's [type |-> "Prepared", rm |-> r].</summary>
public sealed record Prepared(int Rm);

/// <summary>The transaction manager decided to commit: [type |-> "Commit"].</summary>
public sealed record Commit;

/// <summary>The transaction manager decided to abort: [type |-> "Abort"].</summary>
public sealed record Abort;

/// <summary>The spec's names: node i is model value n(i+1); n1 is the transaction manager, n2..nk the resource managers.</summary>
public static class SpecNames
{
    public const int TransactionManager = 0;

    public static string Node(int node) => $"n{node + 1}";
}
