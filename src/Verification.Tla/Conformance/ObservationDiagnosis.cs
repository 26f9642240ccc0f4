using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// Completes a <see cref="StepDiagnosis"/> for a line that observed parts of variables: when the
/// action could be taken but no successor agrees with the log, it names the observations (e.g.
/// <c>currentTerm[n2]</c>) whose logged value no step of the action gives, with the values it gives.
/// </summary>
internal static class ObservationDiagnosis
{
    private const int SuccessorsExamined = 200;

    public static StepDiagnosis Refine(StepDiagnosis diagnosis, TraceEvent step, IReadOnlyList<Value[]> frontier, TraceValidator validator)
    {
        if (step.Observations.Count == 0 || diagnosis.FailedConjunct is not null) return diagnosis;
        var successors = validator.UnobservedSuccessors(frontier[0], step, SuccessorsExamined);
        if (successors.Count == 0) return diagnosis;
        var differing = Differing(step.Observations, successors, validator, "the step gives");
        return diagnosis with
        {
            DifferingVariables = [.. diagnosis.DifferingVariables, .. differing],
            Explanation = diagnosis.Explanation ?? (differing.Count == 0
                ? $"The action can be taken ({successors.Count} successor{(successors.Count == 1 ? "" : "s")} examined), but no successor agrees with all the logged values at once."
                : "The action can be taken, but what the log observed after it is not what the spec gives:"),
        };
    }

    public static StepDiagnosis RefineInitial(StepDiagnosis diagnosis, TraceEvent first, IReadOnlyList<Value[]> initial, TraceValidator validator)
    {
        if (first.Observations.Count == 0) return diagnosis;
        var differing = Differing(first.Observations, initial, validator, "Init allows");
        if (differing.Count == 0) return diagnosis;
        return diagnosis with { DifferingVariables = [.. diagnosis.DifferingVariables, .. differing], Explanation = null };
    }

    private static List<string> Differing(IReadOnlyList<StateObservation> observations, IReadOnlyList<Value[]> states, TraceValidator validator, string allows)
    {
        var result = new List<string>();
        foreach (var observation in observations)
        {
            var values = new List<Value>();
            var agrees = false;
            foreach (var state in states)
            {
                Value? value;
                try
                {
                    value = observation.ValueIn(state, validator.ObservationContext);
                }
                catch (Evaluation.EvaluationException)
                {
                    value = null;
                }
                if (value is null) continue;
                if (value.Equals(observation.Expected)) agrees = true;
                else if (values.Count < 3 && !values.Contains(value)) values.Add(value);
            }
            if (agrees) continue;
            var given = values.Count == 0 ? "no value" : string.Join(" or ", values.Select(StepDiagnosis.Short));
            result.Add($"{observation.Describe()}: the log has {StepDiagnosis.Short(observation.Expected)}; {allows} {given}");
        }
        return result;
    }
}
