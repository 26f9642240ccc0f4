using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;

namespace Verification.Cli.Explorer;

/// <summary>The lines of `verify test` that say which spec invariants were checked on the implementation, and which were not and why.</summary>
internal static class SpecInvariantsSummary
{
    public static void Print(TextWriter output, SystemDefinition system)
    {
        if (system is not SpecInvariantsSetting { On: true } with)
        {
            output.WriteLine($"Spec invariants: not checked ({Commands.TestCommand.SpecInvariantsOption})");
            return;
        }
        if (with.Check is not { } check) return;
        var names = string.Join(", ", check.Checked.Select(static i => i.Name));
        output.WriteLine($"Spec invariants of {check.Config} checked after every step: {(names.Length == 0 ? "none" : names)}");
        foreach (var note in check.Notes) output.WriteLine($"  {note}");
    }
}
