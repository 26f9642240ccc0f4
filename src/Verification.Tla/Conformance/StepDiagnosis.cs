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

    /// <summary>The node the trace says took the step (<see cref="TraceEvent.Actor"/>), when it says so.</summary>
    public Value? Actor { get; init; }

    /// <summary>When Next calls the claimed action with no instance whose first parameter is <see cref="Actor"/>: which values it does call it with.</summary>
    public string? ActorMismatch { get; init; }

    /// <summary>
    /// The instance examined: the arguments of the claimed (or nearest) action that got furthest,
    /// among those of the node that took the step when the trace says which.
    /// </summary>
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
        sb.Append("The trace does not conform to the spec at ").Append(Location);
        // A file location ("trace.ndjson:12", "state 5") gets the event's index; "step 4" already is one.
        if (Location != $"step {Step}") sb.Append(" (step ").Append(Step).Append(')');
        if (Step == 0 && ClaimedAction is null && NearestAction is null && FailedConjunct is null) sb.Append(": the first state is not an initial state of the spec");
        sb.Append('.').AppendLine();
        if (ClaimedAction is not null)
        {
            sb.Append("  Claimed action: ").Append(ClaimedAction);
            if (Actor is not null) sb.Append(", taken by ").Append(Short(Actor));
            sb.AppendLine();
            if (ActorMismatch is not null) sb.Append("  ").Append(ActorMismatch).AppendLine();
        }
        else if (UnknownLabel is not null) sb.Append("  Label \"").Append(Messages.Quote(UnknownLabel)).Append("\" names no action of the spec; no action of Next explains the step.").AppendLine();
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
        return Messages.Truncate(ValuePrinter.Print(value), 160);
    }

    /// <summary>The kind of a value, as a message names it ("an integer", "a model value", ...).</summary>
    internal static string KindOf(Value value) => value switch
    {
        IntValue => "an integer",
        ModelValue => "a model value",
        StringValue => "a string",
        BoolValue => "a Boolean",
        SetValue => "a set",
        _ => "a function (record or sequence)",
    };

    /// <summary>Same kind of value: an integer is no node name, a string no record.</summary>
    private static bool SameKind(Value a, Value b) => KindOf(a) == KindOf(b);

    /// <summary>
    /// The front door for a step's given arguments: each must be of the kind of value Next gives that
    /// parameter (an integer where Next passes node names is a mislabelled step, not a step of another
    /// instance), else a <see cref="TraceFormatException"/> located at the step.
    /// </summary>
    internal static void CheckArgumentKinds(SpecAction action, IReadOnlyList<Value> given, IReadOnlyList<Value[]> offered, string location)
    {
        if (offered.Count == 0) return;
        for (var i = 0; i < given.Count && i < action.Parameters.Count; i++)
        {
            var position = i;
            if (offered.Any(t => t.Length > position && SameKind(t[position], given[position]))) continue;
            var example = offered.First(t => t.Length > position)[position];
            throw new TraceFormatException(
                $"{location}: the label gives {action.Name}'s parameter {action.Parameters[i]} the value {Short(given[i])}, {KindOf(given[i])}, " +
                $"but Next only passes it {KindOf(example)} (such as {Short(example)}): the label names no instance of {action.Name}");
        }
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
        // The acting node the label gives is a parameter of the action the label names, not of another.
        var actor = claimed is not null ? current.Actor : null;
        var analysis = examined is null ? null : Analyse(examined, from, current, actor);
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
            Actor = actor,
            ActorMismatch = analysis?.ActorMismatch,
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

    private sealed record Analysis(IReadOnlyList<(string, Value)> Instance, string? Conjunct, SourceSpan ConjunctSpan, string? Explanation, IReadOnlyList<string> Differing)
    {
        public string? ActorMismatch { get; init; }
    }

    private Analysis Analyse(SpecAction action, Value[] from, TraceEvent current, Value? actor)
    {
        var observed = current.State;
        context.Current = from!;
        Array.Clear(context.Next);
        var given = current.ArgumentsFor(action.Parameters);
        if (given is not null) StepDiagnosis.CheckArgumentKinds(action, given, action.Instances(context), current.Location);
        IReadOnlyList<Value[]> instances = given is not null ? [given.ToArray()] : action.Instances(context);
        if (instances.Count == 0 && action.Parameters.Count == 0) instances = [[]];
        var all = instances;
        string? mismatch = null;
        var outsideNext = given is not null;
        if (given is null && actor is not null && action.Parameters.Count > 0)
        {
            // The first parameter is the acting node: examine that node's instances, not whichever comes first.
            var acting = instances.Where(i => i[0].Equals(actor)).ToArray();
            if (acting.Length > 0) instances = acting;
            else
            {
                var called = instances.Select(static i => i[0]).Distinct().Select(StepDiagnosis.Short).ToArray();
                mismatch = called.Length == 0
                    ? $"The trace says {StepDiagnosis.Short(actor)} took the step; Next calls {action.Name} with no {action.Parameters[0]} from this state."
                    : $"The trace says {StepDiagnosis.Short(actor)} took the step; Next calls {action.Name} from this state only with {action.Parameters[0]} in {{{string.Join(", ", called)}}}.";
                // With the node the only parameter, its instance is known: examine why it fails.
                if (action.Parameters.Count == 1)
                {
                    instances = [[actor]];
                    outsideNext = true;
                }
            }
        }
        // The instances the trace names, from the narrowest: the values they allow are the ones to compare with.
        var named = new List<IReadOnlyList<Value[]>>();
        if (!ReferenceEquals(instances, all) || given is not null) named.Add(instances);
        if (given is null && instances.Count > 1)
        {
            var labelled = Labelled(instances, current);
            if (!ReferenceEquals(labelled, instances)) named.Insert(0, instances = labelled);
        }
        var analysis = Examine(action, from, current, instances, outsideNext, named);
        return mismatch is null ? analysis : analysis with { ActorMismatch = mismatch };
    }

    /// <summary>
    /// The instances that hold the most of the label's arguments (as a parameter, or a field or
    /// element of one: Deliver(n3, 3, &lt;&lt;n2, 2&gt;&gt;) names the message whose id is
    /// &lt;&lt;n2, 2&gt;&gt;); all of them when the label gives none that any instance holds.
    /// Integers are left out: labels use them for C# node indices, terms and sequence numbers
    /// alike, which only the refinement mapping tells apart (it gives the acting node, <see cref="TraceEvent.Actor"/>).
    /// </summary>
    private IReadOnlyList<Value[]> Labelled(IReadOnlyList<Value[]> instances, TraceEvent current)
    {
        var hints = new List<Value>();
        var interner = new ModelValueInterner(spec.ModelValues);
        foreach (var argument in current.LabelArgumentValues(new ModelValueRegistry()))
        {
            if (argument is null or IntValue) continue;
            try
            {
                hints.Add(interner.Intern(argument));
            }
            catch (UnknownModelValueException)
            {
                // A name the spec does not know is no value of any instance.
            }
        }
        if (hints.Count == 0) return instances;
        var scores = instances.Select(i => hints.Count(h => Holds(i, h))).ToArray();
        var best = scores.Max();
        return best == 0 ? instances : instances.Where((_, k) => scores[k] == best).ToArray();

        static bool Holds(Value[] instance, Value hint)
        {
            foreach (var parameter in instance)
            {
                if (parameter.Equals(hint)) return true;
                switch (parameter)
                {
                    case FunctionValue function:
                        foreach (var part in function.Values)
                            if (part.Equals(hint)) return true;
                        break;
                    case FiniteSetValue set when set.Contains(hint):
                        return true;
                }
            }
            return false;
        }
    }

    /// <param name="named">Sets of instances the trace names, narrowest first: the first that allows a step gives the values to compare the trace's with.</param>
    private Analysis Examine(SpecAction action, Value[] from, TraceEvent current, IReadOnlyList<Value[]> instances, bool outsideNext, IReadOnlyList<IReadOnlyList<Value[]>> named)
    {
        var observed = current.State;

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

        var differing = Differing(action, from, observed, named);
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
                outsideNext
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
        (string Text, Value? Value) Eval(Expression e, Scope scope)
        {
            try
            {
                var compiled = action.Compile(e, scope);
                // After compiling: the expression may have added slots to the body's frame layout.
                var value = compiled.Eval(context, action.BodyFrame(instance));
                return (StepDiagnosis.Short(value), value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return ("(cannot be evaluated: " + ex.Message.Split('\n')[0] + ")", null);
            }
        }
        return ExplainPart(action, action.ConjunctScope(index), conjunct, instance, from, observed, Eval, depth: 0);
    }

    private string ExplainPart(SpecAction action, Scope scope, Expression conjunct, Value[] instance, Value[] from, Value?[] observed,
        Func<Expression, Scope, (string Text, Value? Value)> evaluate, int depth)
    {
        string Eval(Expression e) => evaluate(e, scope).Text;
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
                var traced = position >= 0 ? observed[position] : null;
                var (shown, computed) = evaluate(value, scope);
                // Large values are cut when printed: say first where they differ.
                var difference = traced is not null && computed is not null ? ValueDifference.Describe(traced, computed, "the action's value") : null;
                return $"the action sets {variable.Name.Name}' to {shown}; the trace has {variable.Name.Name}' = {(traced is null ? "(not logged)" : StepDiagnosis.Short(traced))}"
                       + (difference is null ? "" : $" ({difference})");
            }
            case OperatorApplication { Operator: "UNCHANGED" }:
            {
                var changed = spec.Variables.Select((name, i) => (name, i))
                    .Where(p => observed[p.i] is { } v && !v.Equals(from[p.i]) && System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{p.name}\b"))
                    .Select(p => $"{p.name} changed from {StepDiagnosis.Short(from[p.i])} to {StepDiagnosis.Short(observed[p.i]!)}"
                                 + (ValueDifference.Describe(observed[p.i]!, from[p.i], "the state before") is { } difference ? $" ({difference})" : ""))
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

    private IReadOnlyList<string> Differing(SpecAction action, Value[] from, Value?[] observed, IReadOnlyList<IReadOnlyList<Value[]>> named)
    {
        var successors = Successors(action, from);
        if (successors.Count == 0) return [];
        // The values shown are those the instances the trace names allow (the node that took the
        // step, the message its label gives), when they allow a step; else those of every instance.
        var shown = successors;
        foreach (var instances in named)
        {
            var own = Successors(action, from, instances);
            if (own.Count == 0) continue;
            shown = own;
            break;
        }
        var result = new List<string>();
        for (var v = 0; v < spec.Variables.Count; v++)
        {
            if (observed[v] is not { } value) continue;
            if (successors.Any(s => s[v].Equals(value))) continue;
            // Large values are cut when printed: first the difference from the allowed value nearest the trace's.
            var allowed = shown.Select(s => s[v]).Distinct().ToArray();
            var nearest = allowed.MinBy(a => ValueDifference.Size(value, a))!;
            var difference = ValueDifference.Describe(value, nearest, allowed.Length == 1 ? $"{action.Name}'s value" : $"{action.Name}'s nearest value");
            result.Add($"{spec.Variables[v]}: {(difference is null ? "" : difference + "; ")}the trace has {StepDiagnosis.Short(value)}; {action.Name} allows {Allowed(shown, v)}");
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

    private List<Value[]> Successors(SpecAction action, Value[] from, IReadOnlyList<Value[]> instances)
    {
        var result = new List<Value[]>();
        foreach (var instance in instances)
        {
            context.Current = from!;
            Array.Clear(context.Next);
            try
            {
                action.RunInstance(context, instance, c =>
                {
                    var state = new Value[c.Next.Length];
                    for (var i = 0; i < state.Length; i++) state[i] = c.Next[i] ?? from[i];
                    result.Add(state);
                    return result.Count < MaxSuccessorsExamined;
                });
            }
            catch (EvaluationException)
            {
                // As below: an instance that cannot be evaluated here allows nothing.
            }
        }
        return result;
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

/// <summary>
/// Where two sets or functions differ, for diagnoses whose printed values are cut: the elements one
/// set has and the other lacks, the keys at which two functions differ (nested, so a function of
/// sets shows the elements at each differing key).
/// </summary>
internal static class ValueDifference
{
    private const int MaxShown = 3;

    /// <summary>
    /// "only in the trace: e1; only in {other}: e2" or "at k: ..." per differing key; null
    /// when the values are not both sets or both functions, or are equal.
    /// </summary>
    public static string? Describe(Value trace, Value other, string otherName, int depth = 0)
    {
        if (AsFiniteSet(trace) is { } t && AsFiniteSet(other) is { } o)
        {
            var extra = t.Elements.ToArray().Where(e => !o.Contains(e)).ToArray();
            var missing = o.Elements.ToArray().Where(e => !t.Contains(e)).ToArray();
            var parts = new List<string>();
            if (extra.Length > 0) parts.Add($"only in the trace: {List(extra)}");
            if (missing.Length > 0) parts.Add($"only in {otherName}: {List(missing)}");
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
        if (AsFunction(trace) is { } f && AsFunction(other) is { } g)
        {
            var keys = f.DomainElements.ToArray().Union(g.DomainElements.ToArray()).Order().ToArray();
            var differing = new List<string>();
            foreach (var key in keys)
            {
                var inTrace = f.TryApply(key, out var a);
                var inOther = g.TryApply(key, out var b);
                if (inTrace && inOther && a.Equals(b)) continue;
                var at = $"at {StepDiagnosis.Short(key)}: ";
                differing.Add(at + (!inTrace ? $"the trace has no value, {otherName} {StepDiagnosis.Short(b)}"
                    : !inOther ? $"the trace has {StepDiagnosis.Short(a)}, {otherName} none"
                    : (depth < 2 && Nested(a, b) ? Describe(a, b, otherName, depth + 1) : null) ?? $"the trace has {StepDiagnosis.Short(a)}, {otherName} {StepDiagnosis.Short(b)}"));
            }
            if (differing.Count == 0) return null;
            var shown = string.Join("; ", differing.Take(MaxShown));
            return differing.Count > MaxShown ? $"{shown}; and at {differing.Count - MaxShown} more keys" : shown;
        }
        return null;
    }

    /// <summary>How far apart two values are: elements in one set only, keys whose values differ (counted within), else 0 or 1.</summary>
    public static int Size(Value a, Value b)
    {
        if (a.Equals(b)) return 0;
        if (AsFiniteSet(a) is { } s && AsFiniteSet(b) is { } t)
            return s.Elements.ToArray().Count(e => !t.Contains(e)) + t.Elements.ToArray().Count(e => !s.Contains(e));
        if (AsFunction(a) is { } f && AsFunction(b) is { } g)
        {
            var size = 0;
            foreach (var key in f.DomainElements.ToArray().Union(g.DomainElements.ToArray()))
                size += f.TryApply(key, out var x) && g.TryApply(key, out var y) ? Size(x, y) : 1;
            return size;
        }
        return 1;
    }

    /// <summary>
    /// Values inside a function worth taking apart: sets, and functions that are not tuples or
    /// records (an id &lt;&lt;n2, 2&gt;&gt; reads better whole than as "at 2: 2").
    /// </summary>
    private static bool Nested(Value a, Value b) =>
        (AsFiniteSet(a) is not null && AsFiniteSet(b) is not null)
        || (AsFunction(a) is { IsTuple: false, IsRecord: false } && AsFunction(b) is { IsTuple: false, IsRecord: false });

    private static FiniteSetValue? AsFiniteSet(Value value) => value is SetValue { IsFinite: true } set ? set.ToFinite() : null;

    private static FunctionValue? AsFunction(Value value) => value switch
    {
        FunctionValue f => f,
        LazyFunctionValue lazy => lazy.ToFinite(),
        _ => null,
    };

    private static string List(Value[] elements)
    {
        var shown = string.Join(", ", elements.Take(MaxShown).Select(StepDiagnosis.Short));
        return elements.Length > MaxShown ? $"{shown} and {elements.Length - MaxShown} more" : shown;
    }
}
