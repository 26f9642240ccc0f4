using System.Globalization;
using System.Text;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>How often one action of the spec explained a step, and with which arguments.</summary>
public sealed record ActionCoverage(string Action, IReadOnlyList<string> Parameters, long Steps, IReadOnlyList<string> DistinctArguments);

/// <summary>
/// Which actions of the spec a set of validated traces exercised, and with which parameter values,
/// and which were never exercised. Fed with results validated with <see cref="ValidationOptions.RecordCoverage"/>.
/// </summary>
public sealed class ConformanceCoverage(ConformanceSpec spec)
{
    private readonly Dictionary<string, long> _steps = new(StringComparer.Ordinal);
    // Argument tuples are printed only when the table is asked for: a campaign adds one per step.
    private readonly Dictionary<string, HashSet<TupleKey>> _arguments = new(StringComparer.Ordinal);

    public int Traces { get; private set; }

    public long Steps { get; private set; }

    public void Add(ValidationResult result)
    {
        Traces++;
        foreach (var use in result.ActionsUsed)
        {
            Steps++;
            _steps[use.Action] = _steps.GetValueOrDefault(use.Action) + 1;
            if (use.Arguments is { Count: > 0 } arguments)
            {
                if (!_arguments.TryGetValue(use.Action, out var set)) _arguments[use.Action] = set = [];
                set.Add(new TupleKey(arguments as Value[] ?? [.. arguments]));
            }
        }
    }

    public IReadOnlyList<ActionCoverage> Actions => spec.ActionNames.Select(name => new ActionCoverage(
        name,
        spec.Action(name)?.Parameters ?? [],
        _steps.GetValueOrDefault(name),
        _arguments.TryGetValue(name, out var set) ? Printed(set) : [])).ToArray();

    private static string[] Printed(HashSet<TupleKey> tuples) =>
        tuples.Select(static t => string.Join(", ", t.Values.Select(static a => ValuePrinter.Print(a!)))).Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Exercised => spec.ActionNames.Where(n => _steps.GetValueOrDefault(n) > 0).ToArray();

    public IReadOnlyList<string> NeverExercised => spec.ActionNames.Where(n => _steps.GetValueOrDefault(n) == 0).ToArray();

    /// <summary>Steps that changed no spec variable.</summary>
    public long StutteringSteps => _steps.GetValueOrDefault("(stuttering)");

    public string FormatTable(int maxArgumentsShown = 4)
    {
        var rows = Actions.Select(a => (
            Action: a.Parameters.Count == 0 ? a.Action : $"{a.Action}({string.Join(", ", a.Parameters)})",
            Steps: a.Steps.ToString("N0", CultureInfo.InvariantCulture),
            Arguments: a.Steps == 0 ? "never exercised"
                : a.DistinctArguments.Count == 0 ? "-"
                : $"{a.DistinctArguments.Count} distinct: " + string.Join("; ", a.DistinctArguments.Take(maxArgumentsShown).Select(static s => s.Length > 40 ? s[..40] + "..." : s))
                  + (a.DistinctArguments.Count > maxArgumentsShown ? "; ..." : ""))).ToList();
        var w1 = Math.Max("Action".Length, rows.Count == 0 ? 0 : rows.Max(static r => r.Action.Length));
        var w2 = Math.Max("Steps".Length, rows.Count == 0 ? 0 : rows.Max(static r => r.Steps.Length));
        var sb = new StringBuilder();
        sb.Append("Action".PadRight(w1)).Append("  ").Append("Steps".PadLeft(w2)).Append("  Arguments").AppendLine();
        sb.Append(new string('-', w1)).Append("  ").Append(new string('-', w2)).Append("  ---------").AppendLine();
        foreach (var row in rows) sb.Append(row.Action.PadRight(w1)).Append("  ").Append(row.Steps.PadLeft(w2)).Append("  ").Append(row.Arguments).AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"{Traces} traces, {Steps:N0} steps, {StutteringSteps:N0} stuttering; {Exercised.Count} of {spec.ActionNames.Count} actions exercised");
        if (NeverExercised.Count > 0) sb.Append(", never: ").Append(string.Join(", ", NeverExercised));
        return sb.ToString();
    }
}
