using System.Text;
using Verification.Tla.Evaluation;
using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>Why a trace does not conform: the first step no action explains, and what comes closest.</summary>
public sealed record StepDiagnosis
{
    /// <summary>Where the step is in the trace file (e.g. "trace.ndjson:12" or "state 5").</summary>
    public required string Location { get; init; }

    /// <summary>Index of the offending event in the trace (0: the initial state or the first step).</summary>
    public required int Step { get; init; }

    /// <summary>The action the implementation claimed (null when it named none, or named no action of the spec).</summary>
    public string? ClaimedAction { get; init; }

    /// <summary>The label as the trace gave it, when it names no action of the spec.</summary>
    public string? UnknownLabel { get; init; }

    /// <summary>The instance examined: the arguments of the claimed (or nearest) action that got furthest.</summary>
    public IReadOnlyList<(string Parameter, Value Value)> Instance { get; init; } = [];

    /// <summary>The first conjunct of that instance that does not hold, as written in the spec.</summary>
    public string? FailedConjunct { get; init; }

    public SourceSpan FailedConjunctSpan { get; init; } = SourceSpan.None;

    /// <summary>What the failed conjunct needed, with the values involved.</summary>
    public string? Explanation { get; init; }

    /// <summary>Variables whose new value in the trace differs from every value the action allows.</summary>
    public IReadOnlyList<string> DifferingVariables { get; init; } = [];

    /// <summary>Another action that explains the step, or more of it than the claimed one.</summary>
    public string? NearestAction { get; init; }

    public string? NearestActionDetail { get; init; }

    /// <summary>Spec states consistent with the trace before the step (more than one when it leaves variables out).</summary>
    public int CandidateStates { get; init; } = 1;

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("The trace does not conform to the spec at ").Append(Location).Append(" (step ").Append(Step).Append(")");
        if (Step == 0 && ClaimedAction is null && NearestAction is null && FailedConjunct is null) sb.Append(": the first state is not an initial state of the spec");
        sb.Append('.').AppendLine();
        if (ClaimedAction is not null) sb.Append("  Claimed action: ").Append(ClaimedAction).AppendLine();
        else if (UnknownLabel is not null) sb.Append("  Label \"").Append(UnknownLabel).Append("\" names no action of the spec; no action of Next explains the step.").AppendLine();
        else if (Step > 0) sb.Append("  The trace names no action; no action of Next explains the step.").AppendLine();
        if (Instance.Count > 0) sb.Append("  Instance examined: ").Append(string.Join(", ", Instance.Select(static p => $"{p.Parameter} = {Short(p.Value)}"))).AppendLine();
        if (FailedConjunct is not null)
        {
            sb.Append("  Failed conjunct");
            if (!FailedConjunctSpan.IsNone) sb.Append(" (").Append(FailedConjunctSpan.ToShortString()).Append(')');
            sb.Append(": ").Append(FailedConjunct).AppendLine();
        }
        if (Explanation is not null) sb.Append("  ").Append(Explanation).AppendLine();
        if (DifferingVariables.Count > 0)
        {
            sb.Append("  Variables whose new value no step of the action allows:").AppendLine();
            foreach (var line in DifferingVariables) sb.Append("    ").Append(line).AppendLine();
        }
        if (NearestAction is not null) sb.Append("  Nearest other action: ").Append(NearestAction).Append(NearestActionDetail is null ? "" : $" ({NearestActionDetail})").AppendLine();
        if (CandidateStates > 1) sb.Append("  (").Append(CandidateStates).Append(" spec states were consistent with the trace before this step; the first was examined.)").AppendLine();
        return sb.ToString().TrimEnd();
    }

    internal static string Short(Value value)
    {
        var text = ValuePrinter.Print(value);
        return text.Length > 160 ? text[..160] + "..." : text;
    }
}

/// <summary>Builds a <see cref="StepDiagnosis"/>; runs only once a step has been rejected, so it may be slow.</summary>
internal sealed class StepDiagnostician(ConformanceSpec spec, EvalContext context)
{
    private const int MaxSuccessorsExamined = 5_000;

    public StepDiagnosis DiagnoseInitial(TraceEvent first, IReadOnlyList<Value[]> initial)
    {
        var differing = new List<string>();
        for (var v = 0; v < spec.Variables.Count; v++)
        {
            if (first.State[v] is not { } observed) continue;
            if (initial.Any(s => s[v].Equals(observed))) continue;
            differing.Add($"{spec.Variables[v]}: the trace has {StepDiagnosis.Short(observed)}; Init allows {Allowed(initial, v)}");
        }
        return new StepDiagnosis
        {
            Location = first.Location,
            Step = 0,
            Explanation = differing.Count == 0 ? "No single initial state agrees with all of the logged variables at once." : null,
            DifferingVariables = differing,
        };
    }

    public StepDiagnosis Diagnose(int step, TraceEvent current, IReadOnlyList<Value[]> frontier)
    {
        var from = frontier[0];
        var observed = current.State;
        var claimed = current.Action is null ? null : spec.Action(current.Action);

        // How well every action of Next does on this step: the best number of logged variables one successor agrees on.
        string? fullMatch = null;
        string? best = null;
        var bestScore = -1;
        var claimedScore = -1;
        foreach (var name in spec.ActionNames)
        {
            var action = spec.Action(name);
            if (action is null) continue;
            var (score, matches) = Score(action, from, observed);
            if (ReferenceEquals(action, claimed))
            {
                claimedScore = score;
                continue;
            }
            if (matches && fullMatch is null) fullMatch = name;
            if (score > bestScore)
            {
                bestScore = score;
                best = name;
            }
        }
        var logged = observed.Count(static v => v is not null);
        var examined = claimed ?? (best is null ? null : spec.Action(best));
        var analysis = examined is null ? null : Analyse(examined, from, current);
        string? nearest = null;
        string? nearestDetail = null;
        if (fullMatch is not null && claimed is not null)
        {
            nearest = fullMatch;
            nearestDetail = $"it explains the step: the implementation took {fullMatch}, not {claimed.Name}";
        }
        else if (claimed is not null && best is not null && bestScore > Math.Max(claimedScore, 0))
        {
            nearest = best;
            nearestDetail = $"a step of it agrees with {bestScore} of the {logged} logged variables; {claimed.Name} with at most {Math.Max(claimedScore, 0)}";
        }
        else if (claimed is null && best is not null)
        {
            nearest = best;
            nearestDetail = $"a step of it agrees with {bestScore} of the {logged} logged variables";
        }
        return new StepDiagnosis
        {
            Location = current.Location,
            Step = step,
            ClaimedAction = claimed?.Name,
            UnknownLabel = claimed is null ? current.Action : null,
            Instance = analysis?.Instance ?? [],
            FailedConjunct = analysis?.Conjunct,
            FailedConjunctSpan = analysis?.ConjunctSpan ?? SourceSpan.None,
            Explanation = analysis?.Explanation,
            DifferingVariables = analysis?.Differing ?? [],
            NearestAction = nearest,
            NearestActionDetail = nearestDetail,
            CandidateStates = frontier.Count,
        };
    }

    private sealed record Analysis(IReadOnlyList<(string, Value)> Instance, string? Conjunct, SourceSpan ConjunctSpan, string? Explanation, IReadOnlyList<string> Differing);

    private Analysis Analyse(SpecAction action, Value[] from, TraceEvent current)
    {
        var observed = current.State;
        context.Current = from!;
        Array.Clear(context.Next);
        IReadOnlyList<Value[]> instances = current.ArgumentsFor(action.Parameters) is { } given
            ? [given.ToArray()]
            : action.Instances(context);
        if (instances.Count == 0 && action.Parameters.Count == 0) instances = [[]];

        Value[]? bestInstance = null;
        var bestDepth = -1;
        foreach (var instance in instances)
        {
            context.Current = from!;
            Prefill(observed);
            int depth;
            try
            {
                depth = action.RunInstance(context, instance);
            }
            catch (EvaluationException)
            {
                depth = 0;
            }
            if (depth > bestDepth)
            {
                bestDepth = depth;
                bestInstance = instance;
            }
        }

        var differing = Differing(action, from, observed);
        if (bestInstance is null)
        {
            return new Analysis([], null, SourceSpan.None,
                $"Next never calls {action.Name} from this state: the quantifiers and conditions around the call leave no arguments.", differing);
        }
        var bound = action.Parameters.Select((p, i) => (p, bestInstance[i])).ToArray();
        var enabled = Successors(action, from).Count > 0;
        if (bestDepth >= action.ConjunctSyntax.Count)
        {
            return new Analysis(bound, null, SourceSpan.None,
                current.ArgumentsFor(action.Parameters) is not null
                    ? $"Every conjunct of {action.Name} holds for these arguments, but Next never calls {action.Name} with them from this state."
                    : $"Every conjunct of {action.Name} holds, but the conditions of Next around the call do not.", differing);
        }
        var conjunct = action.ConjunctSyntax[bestDepth];
        var explanation = Explain(action, bestDepth, bestInstance, from, observed);
        if (!enabled) explanation += $" ({action.Name} is not enabled in the state before the step: no instance of it holds)";
        return new Analysis(bound, spec.Source.Of(conjunct.Span), conjunct.Span, explanation, differing);
    }

    private string Explain(SpecAction action, int index, Value[] instance, Value[] from, Value?[] observed)
    {
        var conjunct = action.ConjunctSyntax[index];
        context.Current = from!;
        Prefill(observed);
        string Eval(Expression e, Scope scope)
        {
            try
            {
                var compiled = action.Compile(e, scope);
                // After compiling: the expression may have added slots to the body's frame layout.
                return StepDiagnosis.Short(compiled.Eval(context, action.BodyFrame(instance)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return "(cannot be evaluated: " + ex.Message.Split('\n')[0] + ")";
            }
        }
        return ExplainPart(action, action.ConjunctScope(index), conjunct, instance, from, observed, Eval, depth: 0);
    }

    private string ExplainPart(SpecAction action, Scope scope, Expression conjunct, Value[] instance, Value[] from, Value?[] observed,
        Func<Expression, Scope, string> evaluate, int depth)
    {
        string Eval(Expression e) => evaluate(e, scope);
        var text = spec.Source.Of(conjunct.Span);
        switch (conjunct)
        {
            case IfThenElse ite when depth < 4:
            {
                var condition = Eval(ite.Condition);
                var branch = condition == "TRUE" ? ite.Then : condition == "FALSE" ? ite.Else : null;
                if (branch is null) return $"conjunct {text} does not hold (its condition {spec.Source.Of(ite.Condition.Span)} = {condition})";
                return $"IF {spec.Source.Of(ite.Condition.Span)} is {condition}; in that branch: " + ExplainPart(action, scope, branch, instance, from, observed, evaluate, depth + 1);
            }
            case LetIn let when depth < 4:
            {
                Scope inner;
                try
                {
                    inner = action.EnterLet(let, scope);
                }
                catch (CompileException)
                {
                    return $"conjunct {text} does not hold";
                }
                return ExplainPart(action, inner, let.Body, instance, from, observed, evaluate, depth + 1);
            }
            case JunctionList { Kind: JunctionKind.Conjunction } list when depth < 4:
                foreach (var item in list.Items)
                {
                    bool holds;
                    try
                    {
                        context.Current = from!;
                        Prefill(observed);
                        holds = action.Holds(scope, item, context, instance);
                    }
                    catch (Exception e) when (e is EvaluationException or CompileException)
                    {
                        return $"evaluating {spec.Source.Of(item.Span)} failed: {e.Message.Split('\n')[0]}";
                    }
                    finally
                    {
                        context.Current = from!;
                        Prefill(observed);
                    }
                    if (!holds) return ExplainPart(action, scope, item, instance, from, observed, evaluate, depth + 1);
                }
                return $"conjunct {text} does not hold";
            case OperatorApplication { Operator: "=", Operands: [OperatorApplication { Operator: "'", Operands: [NameReference variable] }, var value] }:
            {
                var position = IndexOfVariable(variable.Name.Name);
                var logged = position >= 0 && observed[position] is { } v ? StepDiagnosis.Short(v) : "(not logged)";
                return $"the action sets {variable.Name.Name}' to {Eval(value)}; the trace has {variable.Name.Name}' = {logged}";
            }
            case OperatorApplication { Operator: "UNCHANGED" }:
            {
                var changed = spec.Variables.Select((name, i) => (name, i))
                    .Where(p => observed[p.i] is { } v && !v.Equals(from[p.i]) && System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{p.name}\b"))
                    .Select(p => $"{p.name} changed from {StepDiagnosis.Short(from[p.i])} to {StepDiagnosis.Short(observed[p.i]!)}")
                    .ToArray();
                return changed.Length == 0 ? $"{text} does not hold" : $"{text} is false: {string.Join("; ", changed)}";
            }
            case OperatorApplication { Fixity: Fixity.Infix, Operands: [var left, var right] }:
                return Guard(text, [left, right], Eval);
            case OperatorApplication { Operator: "~" or "\\lnot" or "\\neg", Operands: [OperatorApplication { Fixity: Fixity.Infix, Operands: [var left, var right] }] }:
                return Guard(text, [left, right], Eval);
            default:
                return $"conjunct {text} does not hold";
        }
    }

    /// <summary>"guard a = b is false: a = 3, b = 4", leaving out operands that are literals.</summary>
    private string Guard(string text, Expression[] operands, Func<Expression, string> eval)
    {
        var values = operands
            .Where(static o => o is not (StringLiteral or NumberLiteral or BooleanLiteral))
            .Select(o => $"{spec.Source.Of(o.Span)} = {eval(o)}")
            .ToArray();
        return values.Length == 0 ? $"guard {text} is false" : $"guard {text} is false: {string.Join(", ", values)}";
    }

    private IReadOnlyList<string> Differing(SpecAction action, Value[] from, Value?[] observed)
    {
        var successors = Successors(action, from);
        if (successors.Count == 0) return [];
        var result = new List<string>();
        for (var v = 0; v < spec.Variables.Count; v++)
        {
            if (observed[v] is not { } value) continue;
            if (successors.Any(s => s[v].Equals(value))) continue;
            result.Add($"{spec.Variables[v]}: the trace has {StepDiagnosis.Short(value)}; {action.Name} allows {Allowed(successors, v)}");
        }
        return result;
    }

    private (int Score, bool Matches) Score(SpecAction action, Value[] from, Value?[] observed)
    {
        var best = -1;
        var matches = false;
        foreach (var successor in Successors(action, from))
        {
            var score = 0;
            var all = true;
            for (var v = 0; v < observed.Length; v++)
            {
                if (observed[v] is not { } value) continue;
                if (value.Equals(successor[v])) score++;
                else all = false;
            }
            best = Math.Max(best, score);
            matches |= all;
        }
        return (best, matches);
    }

    private List<Value[]> Successors(SpecAction action, Value[] from)
    {
        var result = new List<Value[]>();
        context.Current = from!;
        Array.Clear(context.Next);
        try
        {
            action.Successors(context, c =>
            {
                var state = new Value[c.Next.Length];
                for (var i = 0; i < state.Length; i++) state[i] = c.Next[i] ?? from[i];
                result.Add(state);
                return result.Count < MaxSuccessorsExamined;
            });
        }
        catch (EvaluationException)
        {
            // An action that cannot be evaluated here explains nothing; its successors so far still count.
        }
        return result;
    }

    private static string Allowed(IReadOnlyList<Value[]> states, int variable)
    {
        var distinct = states.Select(s => s[variable]).Distinct().Take(4).ToArray();
        var shown = string.Join(" or ", distinct.Take(3).Select(StepDiagnosis.Short));
        return distinct.Length > 3 ? shown + " or others" : shown;
    }

    private int IndexOfVariable(string name)
    {
        for (var i = 0; i < spec.Variables.Count; i++)
            if (spec.Variables[i] == name) return i;
        return -1;
    }

    private void Prefill(Value?[] observed)
    {
        for (var i = 0; i < context.Next.Length; i++) context.Next[i] = observed[i];
    }
}
