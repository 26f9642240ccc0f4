using System.Diagnostics;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Checking;

/// <summary>
/// TLC's -simulate mode: random behaviours from a random initial state, each step a successor
/// chosen uniformly among all the actions' successors, up to -depth states; invariants and action
/// properties are checked on every state and step, and a state without successor is a deadlock.
/// The seed makes the run reproducible.
/// </summary>
public static class Simulator
{
    public static CheckResult Run(TlaModel model, CheckOptions options, TextWriter output, Stopwatch clock)
    {
        output.WriteLine($"Running Random Simulation with seed {options.Seed} with 1 worker.");
        // Simulation checks no temporal formula: say so, and never count them as checked.
        if (model.TemporalProperties.Count > 0)
            output.WriteLine($"Warning: simulation does not check the temporal properties ({string.Join(", ", model.TemporalProperties.Select(static p => p.Name).Distinct())}).");
        var random = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32))));
        var checkDeadlock = options.CheckDeadlock ?? model.CheckDeadlockFromConfig;
        model.RunInfo = new Library.TlcRunInfo("simulate", checkDeadlock, 1, options.Seed);
        var explorer = model.CreateExplorer();
        var levels = explorer as ILevelAwareExplorer;
        var collector = new Collector();
        long generated = 0;
        var steps = new List<TraceStep<Value[]>>();
        try
        {
            levels?.AtLevel(0);
            explorer.InitialStates(collector);
            if (collector.States.Count == 0) return Finish(model, CheckOutcome.Success, null, null, output, clock, generated, options);
            var initialStates = collector.States.ToArray();
            generated += initialStates.Length;
            for (var behaviour = 0; behaviour < options.SimulationBehaviours; behaviour++)
            {
                steps.Clear();
                var state = initialStates[random.Next(initialStates.Length)];
                steps.Add(new TraceStep<Value[]>(state, -1));
                levels?.AtLevel(0);
                if (Violated(model, explorer, null, state) is { } initialViolation)
                    return Finish(model, initialViolation.Outcome, initialViolation.Name, steps, output, clock, generated, options);
                while (steps.Count < options.SimulationDepth)
                {
                    collector.Clear();
                    levels?.AtLevel(steps.Count);
                    explorer.Successors(state, collector);
                    generated += collector.States.Count;
                    var candidates = collector.States.Select((s, i) => (State: s, Action: collector.Actions[i]))
                        .Where(c => explorer.SatisfiesStateConstraints(c.State) && explorer.SatisfiesActionConstraints(state, c.State))
                        .ToArray();
                    if (collector.States.Count == 0)
                    {
                        if (checkDeadlock) return Finish(model, CheckOutcome.Deadlock, null, steps, output, clock, generated, options);
                        break;
                    }
                    if (candidates.Length == 0) break;
                    var (next, action) = candidates[random.Next(candidates.Length)];
                    steps.Add(new TraceStep<Value[]>(next, action));
                    if (Violated(model, explorer, state, next) is { } violation)
                        return Finish(model, violation.Outcome, violation.Name, steps, output, clock, generated, options);
                    state = next;
                }
            }
        }
        catch (EvaluationException e)
        {
            output.WriteLine($"Error: {ModelChecker.Located(e)}");
            return Finish(model, e.Failure == EvaluationFailure.AssertionFailed ? CheckOutcome.AssertionFailed : CheckOutcome.EvaluationError,
                null, steps, output, clock, generated, options, ModelChecker.Located(e));
        }
        return Finish(model, CheckOutcome.Success, null, null, output, clock, generated, options);
    }

    private static (CheckOutcome Outcome, string Name)? Violated(TlaModel model, IStateExplorer<Value[]> explorer, Value[]? from, Value[] to)
    {
        for (var i = 0; i < model.InvariantNames.Count; i++)
            if (!explorer.Invariant(i, to)) return (CheckOutcome.InvariantViolated, model.InvariantNames[i]);
        if (from is null)
        {
            for (var i = 0; i < model.InitialPropertyNames.Count; i++)
                if (!explorer.InitialProperty(i, to)) return (CheckOutcome.PropertyViolated, model.InitialPropertyNames[i]);
            return null;
        }
        for (var i = 0; i < model.ActionPropertyNames.Count; i++)
            if (!explorer.ActionProperty(i, from, to)) return (CheckOutcome.ActionPropertyViolated, model.ActionPropertyNames[i]);
        return null;
    }

    private static CheckResult Finish(TlaModel model, CheckOutcome outcome, string? violated, List<TraceStep<Value[]>>? steps,
        TextWriter output, Stopwatch clock, long generated, CheckOptions options, string? message = null)
    {
        var trace = steps is null || outcome == CheckOutcome.Success ? null : ModelChecker.ToTrace(model, steps);
        switch (outcome)
        {
            case CheckOutcome.Success:
                output.WriteLine($"Simulation of {options.SimulationBehaviours} behaviours of up to {options.SimulationDepth} states found no error.");
                break;
            case CheckOutcome.InvariantViolated:
                message = $"Invariant {violated} is violated.";
                output.WriteLine($"Error: {message}");
                break;
            case CheckOutcome.ActionPropertyViolated:
                message = $"Action property {violated} is violated.";
                output.WriteLine($"Error: {message}");
                break;
            case CheckOutcome.PropertyViolated:
                message = $"Property {violated} is violated by the initial state:";
                output.WriteLine($"Error: {message}");
                break;
            case CheckOutcome.Deadlock:
                message = "Deadlock reached.";
                output.WriteLine("Error: Deadlock reached.");
                break;
        }
        if (trace is { Count: > 0 })
        {
            output.WriteLine("Error: The behavior up to this point is:");
            ModelChecker.PrintTrace(trace, output);
            if (options.ItfTracePath is { } path) ModelChecker.WriteItf(model, trace, path, message);
        }
        output.WriteLine($"The number of states generated: {generated}");
        output.WriteLine($"Simulation using seed {options.Seed}.");
        return new CheckResult
        {
            Outcome = outcome,
            Violated = violated is not null && model.IsNamedByLocation(violated) ? null : violated,
            StatesGenerated = generated,
            Trace = trace,
            Message = message,
            UncheckedProperties = model.UncheckedProperties.Concat(model.TemporalProperties.Select(static p => p.Name)).Distinct().ToList(),
            Elapsed = clock.Elapsed,
        };
    }

    private sealed class Collector : IStateSink<Value[]>
    {
        public readonly List<Value[]> States = [];
        public readonly List<int> Actions = [];

        public void Clear()
        {
            States.Clear();
            Actions.Clear();
        }

        public bool Accept(Value[] state, int action)
        {
            States.Add(state);
            Actions.Add(action);
            return true;
        }
    }
}
