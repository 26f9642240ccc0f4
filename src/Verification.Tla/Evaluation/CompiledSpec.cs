namespace Verification.Tla.Evaluation;

/// <summary>What every evaluation needs to know about the spec as a whole: its variables, in state order.</summary>
public sealed class CompiledSpec(IReadOnlyList<string> variables)
{
    public IReadOnlyList<string> Variables { get; } = variables;
}
