using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Cli.Explorer;

/// <summary>
/// `--states` of `verify test` and `verify replay`: the abstract state (the spec's variables, through
/// the system's refinement mapping) under each step of a reported trace.
/// </summary>
internal static class AbstractStates
{
    public const string Option = "--states";

    /// <summary>The system's mapping, or a one-line error: without one there is no abstract state to show.</summary>
    public static IRefinementMapping MappingOf(SystemDefinition system) =>
        ProtocolSystem.MappingOf(system)
        ?? throw new UserError($"{Option} shows the spec's variables through the system's refinement mapping, and {system.Name} has none (it is not a ProtocolSystem)");

    /// <summary>Adds a state recorder to every run of <paramref name="inner"/> (or of the plain scenario); <paramref name="onCreated"/> sees the recorder of each run.</summary>
    public static ScenarioInstrumentation Instrument(IRefinementMapping mapping, ScenarioInstrumentation? inner, Action<AbstractStateRecorder> onCreated)
    {
        Func<Scenario, Scenario> explore = inner?.Explore ?? (static s => s);
        var reproduce = inner?.Reproduce ?? explore;
        return new ScenarioInstrumentation(s => AbstractStateRecorder.Attach(explore(s), mapping, onCreated), inner?.ReplayOptions ?? "")
        {
            Reproduce = s => AbstractStateRecorder.Attach(reproduce(s), mapping, onCreated),
        };
    }

    /// <summary>The bug's report with the state under each step.</summary>
    public static string Describe(BugReport bug, AbstractStateRecorder recorder) => bug.Describe(200, recorder.Describe);

    /// <summary>A replayed trace without a bug, with the state under each step.</summary>
    public static void PrintTrace(TextWriter output, IReadOnlyList<string> trace, AbstractStateRecorder recorder)
    {
        output.WriteLine("  trace:");
        foreach (var line in recorder.Describe(0)) output.WriteLine($"           {line}");
        for (var i = 0; i < trace.Count; i++)
        {
            output.WriteLine($"    {i + 1,5}  {trace[i]}");
            foreach (var line in recorder.Describe(i + 1)) output.WriteLine($"           {line}");
        }
    }
}
