using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// A seeded random behaviour of the spec as a labelled trace: the input of the validation
/// benchmarks and of tests that need long conforming traces. Each step picks uniformly among the
/// successors of the current state by every action of Next (<see cref="ConformanceSpec.ActionNames"/>,
/// the names an implementation labels its steps with) that satisfy the cfg's CONSTRAINTs and
/// ACTION_CONSTRAINTs, so the walk stays inside the model the cfg bounds (a Raft whose terms would
/// otherwise grow without end); it stops early where no such successor exists.
/// </summary>
public static class RandomBehaviour
{
    public static ObservedTrace Generate(ConformanceSpec spec, int steps, int seed)
    {
        var random = new Random(seed);
        var explorer = spec.Model.CreateExplorer();
        var context = spec.Model.NewContext();
        var actions = spec.ActionNames.Select(name => spec.Action(name)!).ToArray();
        var initial = spec.InitialStates();
        var state = initial[random.Next(initial.Count)];
        var events = new List<TraceEvent>(steps + 1) { new("state 0", null, null, state) };
        var successors = new List<(Value[] State, string Action)>();
        for (var k = 1; k <= steps; k++)
        {
            successors.Clear();
            foreach (var action in actions)
            {
                context.Current = state!;
                Array.Clear(context.Next);
                action.Successors(context, c =>
                {
                    var next = new Value[c.Next.Length];
                    for (var i = 0; i < next.Length; i++) next[i] = c.Next[i]!;
                    if (explorer.SatisfiesStateConstraints(next) && explorer.SatisfiesActionConstraints(state, next)) successors.Add((next, action.Name));
                    return true;
                });
            }
            if (successors.Count == 0) break;
            var (chosen, name) = successors[random.Next(successors.Count)];
            events.Add(new TraceEvent($"state {k}", name, null, chosen));
            state = chosen;
        }
        return new ObservedTrace("random behaviour", spec.Variables, events, StartsWithInitialState: true);
    }

    /// <summary>The same trace with some variables left out of every state but the first.</summary>
    public static ObservedTrace Without(ObservedTrace trace, params string[] variables)
    {
        var drop = variables.Select(v => trace.Variables.ToList().IndexOf(v)).Where(static i => i >= 0).ToArray();
        return trace with
        {
            Events = trace.Events.Select((e, k) =>
            {
                if (k == 0) return e;
                var state = (Value?[])e.State.Clone();
                foreach (var i in drop) state[i] = null;
                return e with { State = state };
            }).ToArray(),
        };
    }
}
