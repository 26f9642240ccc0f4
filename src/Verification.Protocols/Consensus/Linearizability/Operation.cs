namespace Verification.Protocols.Consensus.Linearizability;

/// <summary>
/// One operation of a concurrent history: a client called it at <paramref name="Call"/> and got
/// <paramref name="Output"/> back at <paramref name="Return"/>. An operation that never returned
/// (its client crashed or the run ended first) has <see cref="Completed"/> false: it may have taken
/// effect at any point after its call, or not at all, and its output is unknown.
/// </summary>
public sealed record Operation<TInput, TOutput>(int ClientId, TInput Input, TOutput? Output, long Call, long Return)
{
    public const long Never = long.MaxValue;

    public bool Completed => Return != Never;

    public static Operation<TInput, TOutput> Pending(int clientId, TInput input, long call) => new(clientId, input, default, call, Never);
}

/// <summary>A deterministic sequential specification: what one operation does to the state when run alone.</summary>
public interface ISequentialModel<TState, TInput, TOutput> where TState : notnull
{
    TState Init();

    /// <summary>Runs <paramref name="input"/> on <paramref name="state"/>; returns the new state and sets <paramref name="output"/>.</summary>
    TState Apply(TState state, TInput input, out TOutput output);

    /// <summary>Operations on different partitions never interact (Porcupine's per-key partitioning); return one constant to check the history as a whole.</summary>
    object PartitionKey(TInput input);

    string Describe(TInput input, TOutput? output);
}
