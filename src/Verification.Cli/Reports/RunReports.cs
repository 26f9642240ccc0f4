using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;
using Verification.Tla;
using Verification.Tla.Values;

namespace Verification.Cli.Reports;

/// <summary>The HTML report of an explored run (`verify test --html`, `verify replay --html`), from its <see cref="RunRecorder"/>.</summary>
public static partial class RunReports
{
    /// <summary>Printed values are cut to this length: a report of a long run must stay a few MB.</summary>
    public const int MaxValueLength = 2_000;

    /// <summary>A recorder for one run: with the spec's state when the system has a refinement mapping.</summary>
    public static RunRecorder NewRecorder(IRefinementMapping? mapping, long? iteration = null, Action<RunRecorder>? recording = null) =>
        new(mapping is null ? null : new AbstractStateRecorder(mapping), iteration, recording);

    /// <summary>Writes the report and tells the reader where it is.</summary>
    public static void WriteAndPoint(TextWriter output, ReportModel model, string path)
    {
        HtmlReport.Write(model, path);
        output.WriteLine($"  html report: {path} ({model.Steps.Count - 1:N0} steps, {model.Messages.Count:N0} messages; open it in a browser)");
    }

    /// <summary>Adds a run recorder to every run of <paramref name="inner"/> (or of the plain scenario); <paramref name="onCreated"/> sees each one.</summary>
    public static ScenarioInstrumentation Instrument(Func<RunRecorder> create, ScenarioInstrumentation? inner, Action<RunRecorder> onCreated)
    {
        Func<Scenario, Scenario> explore = inner?.Explore ?? (static s => s);
        var reproduce = inner?.Reproduce ?? explore;
        return new ScenarioInstrumentation(s => RunRecorder.Attach(explore(s), create, onCreated), inner?.ReplayOptions ?? "")
        {
            Reproduce = s => RunRecorder.Attach(reproduce(s), create, onCreated),
            CampaignEnded = inner?.CampaignEnded,
        };
    }

    /// <param name="labels">The run's step labels as the engine reported them (fills in a step the recorder saw only in part).</param>
    public static ReportModel Build(RunRecorder recorder, IRefinementMapping? mapping, string title, IReadOnlyList<string> subtitle, ReportVerdict? verdict, IReadOnlyList<string>? labels = null)
    {
        var lanes = Enumerable.Range(0, recorder.NodeCount).Select(static i => SpecNames.Node(i)).ToArray();
        var nodeValues = Enumerable.Range(0, recorder.NodeCount).Select(i => mapping?.Node(i)).ToArray();
        var states = recorder.States;
        var steps = new List<ReportStep>(recorder.Steps.Count);
        IReadOnlyDictionary<string, Value>? previous = null;
        for (var i = 0; i < recorder.Steps.Count; i++)
        {
            var recorded = recorder.Steps[i];
            var label = recorded.Label ?? (labels is not null && i >= 1 && i <= labels.Count ? labels[i - 1] : "(step not completed)");
            var kind = i == 0 ? "init" : recorded.Kind.ToString().ToLowerInvariant();
            var step = new ReportStep(recorded.Lane, kind, label, i == 0 || recorded.Step is not { } data ? null : mapping?.SpecAction(data));
            if (states is not null && i < states.States.Count)
            {
                if (states.States[i] is { } state)
                {
                    step = step with { Changed = Changes(previous, state), Own = OwnChanges(previous, state, nodeValues) };
                    previous = state;
                }
                else step = step with { Problem = states.Problems[i] ?? "unknown" };
            }
            steps.Add(step);
        }
        var messages = recorder.Messages.Select(static m => new ReportMessage(m.From, m.To, m.Sent, m.Ended, m.Status, m.Duplicate, m.Label)).ToArray();
        return new ReportModel
        {
            Kind = "run",
            Title = title,
            Subtitle = subtitle,
            Lanes = lanes,
            Steps = steps,
            Messages = messages,
            Partitions = recorder.Partitions.ToArray(),
            Operations = recorder.Operations.Any(static o => o.Return is not null) ? MarkLinearization(recorder.Operations, verdict) : [],
            Verdict = verdict,
            StateNote = mapping is null ? "this system has no refinement mapping to its spec, so the spec's state is not shown" : null,
        };
    }

    /// <summary>
    /// For a linearizability failure, the operations of the longest linearizable prefix (in order) and
    /// those that cannot follow it, as the checker's explanation names them ("client 7 put(y, 7) [5, 30]").
    /// </summary>
    private static ReportOperation[] MarkLinearization(IReadOnlyList<ReportOperation> operations, ReportVerdict? verdict)
    {
        const string prefix = "the longest valid prefix has ";
        const string rest = "none of these can follow: ";
        var message = verdict?.Message ?? "";
        var start = message.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0) return [.. operations];
        var split = message.IndexOf(rest, start, StringComparison.Ordinal);
        var order = Clients(split < 0 ? message[start..] : message[start..split]);
        var stuck = split < 0 ? [] : Clients(message[split..]).ToHashSet();
        return [.. operations.Select(o => o with
        {
            Linearized = order.IndexOf(o.Client) is >= 0 and var k ? k + 1 : null,
            Stuck = stuck.Contains(o.Client),
        })];
    }

    private static List<int> Clients(string text) =>
        [.. ClientNamed().Matches(text).Select(static m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [System.Text.RegularExpressions.GeneratedRegex(@"client (\d+) ")]
    private static partial System.Text.RegularExpressions.Regex ClientNamed();

    /// <summary>The verdict of a bug report, at its failing step.</summary>
    public static ReportVerdict VerdictOf(BugReport bug) => new(bug.Detector, bug.Message, (int)bug.FailingStep);

    private static Dictionary<string, string> Changes(IReadOnlyDictionary<string, Value>? before, IReadOnlyDictionary<string, Value> now)
    {
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, value) in now)
            if (before is null || !before.TryGetValue(variable, out var old) || !old.Equals(value))
                changed[variable] = Print(value);
        return changed;
    }

    /// <summary>Each node's entry of the variables that are functions of nodes (var[n]), where it changed.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>>? OwnChanges(IReadOnlyDictionary<string, Value>? before, IReadOnlyDictionary<string, Value> now, Value?[] nodes)
    {
        Dictionary<string, IReadOnlyDictionary<string, string>>? result = null;
        for (var lane = 0; lane < nodes.Length; lane++)
        {
            if (nodes[lane] is not { } node) continue;
            Dictionary<string, string>? changed = null;
            foreach (var (variable, value) in now)
            {
                if (value is not FunctionValue function || !function.TryApply(node, out var entry)) continue;
                if (before is not null && before.TryGetValue(variable, out var old) && old is FunctionValue oldFunction
                    && oldFunction.TryApply(node, out var oldEntry) && oldEntry.Equals(entry)) continue;
                (changed ??= new Dictionary<string, string>(StringComparer.Ordinal))[variable] = Print(entry);
            }
            if (changed is not null) (result ??= new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal))[lane.ToString(System.Globalization.CultureInfo.InvariantCulture)] = changed;
        }
        return result;
    }

    private static string Print(Value value)
    {
        try
        {
            return Messages.Truncate(ValuePrinter.Print(value), MaxValueLength);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return $"(cannot print: {e.Message})";
        }
    }
}
