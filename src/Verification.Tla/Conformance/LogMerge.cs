using Verification.Tla.Checking;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>The verdict on a set of per-node logs, and the linearisation that conforms when there is one.</summary>
public sealed record MergeResult(ValidationResult Result, IReadOnlyList<LogLine>? Linearisation)
{
    /// <summary>Lines in all the logs.</summary>
    public int Lines { get; init; }

    /// <summary>Steps taken by the search, backtracking included (the work done).</summary>
    public long StepsExplored { get; init; }

    /// <summary>Cuts (positions in every log) from which the search had to back off.</summary>
    public int DeadCuts { get; init; }
}

/// <summary>
/// Validates per-node logs as one run: some order of all their lines that the vector clocks allow
/// (every line after the lines its clock has seen) must be a behaviour of the spec. A depth-first
/// search over cuts (how many lines of each log are taken) carrying the set of spec states
/// consistent with the lines taken: at each cut, the lines the clocks enable are tried in the
/// order of their clocks' sums (close to the real order, so a conforming run rarely backtracks).
/// Success from a cut depends only on the cut and the spec state, so the states a cut failed from
/// are remembered and never explored again from it: the search is bounded by cuts times states,
/// not by the number of interleavings. Where a line handled a message, the successors whose network
/// agrees with the messages the logs say are still in flight go first (<see cref="InFlightMessages"/>).
/// Lines without clocks (logs of other programs) are ordered
/// within their log only. When no order conforms, the diagnosis is that of the deepest line the
/// search could not take.
/// </summary>
public sealed class LogMerge(TraceValidator validator)
{
    /// <summary>Spec states carried together down the search; more successors than this are explored in turns.</summary>
    public const int ChunkSize = 64;

    public MergeResult Validate(IReadOnlyList<NodeLog> logs)
    {
        VectorClocks.Check(logs);
        var total = logs.Sum(static l => l.Lines.Count);
        var cut = new int[logs.Count];
        var path = new List<LogLine>(total);
        long explored = 0;
        try
        {
            var initial = Initial(logs, cut, out var initFailure);
            if (initFailure is not null) return new MergeResult(initFailure, null) { Lines = total };
            var validated = 0;
            var dead = new Dictionary<CutKey, HashSet<TupleKey>>();
            var stack = new Stack<SearchNode>();
            var inFlight = new InFlightMessages();
            stack.Push(new SearchNode((int[])cut.Clone(), initial!, Candidates(logs, cut), null));
            Failure? deepest = null;
            var largest = initial!.Count;
            var remembered = 0L;
            while (stack.Count > 0)
            {
                var top = stack.Peek();
                if (top.Pending.Count > 0)
                {
                    var chunk = top.Pending.Dequeue();
                    if (dead.TryGetValue(new CutKey(top.PendingCut!), out var known)) chunk = chunk.Where(s => !known.Contains(new TupleKey(s))).ToList();
                    if (chunk.Count == 0) continue;
                    stack.Push(new SearchNode(top.PendingCut!, chunk, Candidates(logs, top.PendingCut!), top.PendingLine));
                    inFlight.Apply(top.PendingLine!, +1);
                    continue;
                }
                if (top.Next >= top.Candidates.Length)
                {
                    if (top.Depth == total)
                    {
                        var linear = logs.Where(static l => l.Lines.Count > 0 && l.Lines[0].IsInit).Select(static l => l.Lines[0])
                            .Concat(stack.Reverse().Skip(1).Select(static f => f.Taken!)).ToList();
                        validated = linear.Where(static l => !l.IsInit).Sum(static l => l.Steps.Count);
                        return new MergeResult(new ValidationResult { Verdict = ConformanceVerdict.Conforms, StepsValidated = validated, LargestFrontier = largest }, linear)
                        {
                            Lines = total, StepsExplored = explored, DeadCuts = dead.Count,
                        };
                    }
                    stack.Pop();
                    if (top.Taken is { } taken) inFlight.Apply(taken, -1);
                    var key = new CutKey(top.Cut);
                    if (!dead.TryGetValue(key, out var failed)) dead[key] = failed = [];
                    foreach (var state in top.States)
                        if (failed.Add(new TupleKey(state))) remembered++;
                    // Every (cut, state) the search backed off from is remembered: past the bound, give up.
                    if (remembered > 4L * validator.MaxFrontier) return new MergeResult(GaveUp(top.Depth, deepest), null) { Lines = total, StepsExplored = explored, DeadCuts = dead.Count };
                    continue;
                }
                var log = top.Candidates[top.Next++];
                var line = logs[log].Lines[top.Cut[log]];
                explored += Math.Max(1, line.Steps.Count) * (long)top.States.Count;
                var next = validator.Successors(top.States, line.Steps);
                if (next is null) return new MergeResult(Bound(top.Depth, line), null) { Lines = total, StepsExplored = explored };
                var after = (int[])top.Cut.Clone();
                after[log]++;
                if (dead.TryGetValue(new CutKey(after), out var dropped)) next = next.Where(s => !dropped.Contains(new TupleKey(s))).ToList();
                if (next.Count == 0)
                {
                    if (deepest is null || top.Depth > deepest.Depth) deepest = new Failure(top.Depth, line, top.States);
                    continue;
                }
                largest = Math.Max(largest, next.Count);
                // The states are explored a few at a time: first those whose network agrees with the
                // messages the logs say are still in flight (a run on a network that does not
                // duplicate goes straight through, one state per line), then the others in the order
                // the spec gives them (its first choice first), so a run whose unlogged choices are the
                // spec's first ones does not carry every combination of choices either; the memo keeps
                // what was already excluded.
                var (preferred, others) = inFlight.Split(top.States, line, next);
                Enqueue(top.Pending, preferred);
                Enqueue(top.Pending, others);
                top.PendingCut = after;
                top.PendingLine = line;
            }
            var diagnosis = Diagnose(deepest!);
            return new MergeResult(new ValidationResult
            {
                Verdict = ConformanceVerdict.DoesNotConform, StepsValidated = deepest!.Depth, Diagnosis = diagnosis, LargestFrontier = largest,
            }, null) { Lines = total, StepsExplored = explored };
        }
        catch (EvaluationException e)
        {
            return new MergeResult(new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, InconclusiveReason = $"evaluating the spec failed: {ConformanceSpec.Describe(e)}" }, null) { Lines = total };
        }
        catch (ConformanceSetupException e)
        {
            return new MergeResult(new ValidationResult { Verdict = ConformanceVerdict.Inconclusive, InconclusiveReason = e.Message }, null) { Lines = total };
        }

        ValidationResult GaveUp(int depth, Failure? failure) => new()
        {
            Verdict = ConformanceVerdict.Inconclusive,
            FrontierBoundHit = true,
            StepsValidated = depth,
            InconclusiveReason = $"the search backed off from more than {4L * validator.MaxFrontier:N0} (position, spec state) pairs without finding an order the spec accepts " +
                                 "(the logs leave too much to the spec); raise the frontier bound or log more" +
                                 (failure is null ? "" : $". The deepest line no order could take so far:{Environment.NewLine}{Diagnose(failure).Describe()}"),
        };

        ValidationResult Bound(int depth, LogLine line) => new()
        {
            Verdict = ConformanceVerdict.Inconclusive,
            FrontierBoundHit = true,
            StepsValidated = depth,
            InconclusiveReason = $"more than {validator.MaxFrontier:N0} spec states are consistent with the logs at {line.Location} " +
                                 "(the logs leave too much to the spec); raise the frontier bound or log more",
        };
    }

    private static void Enqueue(Queue<IReadOnlyList<Value[]>> pending, IReadOnlyList<Value[]> states)
    {
        for (var i = 0; i < states.Count; i += ChunkSize) pending.Enqueue(states.Skip(i).Take(ChunkSize).ToList());
    }

    /// <summary>
    /// The initial states agreeing with every log's Init line (taken at once: they have seen nothing);
    /// a line no initial state agrees with is diagnosed alone, so the diagnosis names its log.
    /// </summary>
    private IReadOnlyList<Value[]>? Initial(IReadOnlyList<NodeLog> logs, int[] cut, out ValidationResult? failure)
    {
        failure = null;
        var inits = new List<LogLine>();
        for (var n = 0; n < logs.Count; n++)
        {
            if (logs[n].Lines.Count == 0 || !logs[n].Lines[0].IsInit) continue;
            inits.Add(logs[n].Lines[0]);
            cut[n] = 1;
        }
        if (inits.Count == 0) return validator.InitialStatesMatching(null);
        foreach (var line in inits)
            if (validator.InitialStatesMatching(line.Steps[0]).Count == 0)
            {
                failure = Rejected(validator.DiagnoseInitial(line.Steps[0]));
                return null;
            }
        var combined = inits[0].Steps[0] with { Observations = inits.SelectMany(static l => l.Steps[0].Observations).ToArray() };
        var states = validator.InitialStatesMatching(combined);
        if (states.Count == 0) failure = Rejected(validator.DiagnoseInitial(combined) with { Explanation = $"Every Init line agrees with some initial state, but no initial state agrees with all {inits.Count} of them at once." });
        return states;

        static ValidationResult Rejected(StepDiagnosis diagnosis) => new() { Verdict = ConformanceVerdict.DoesNotConform, Diagnosis = diagnosis };
    }

    private StepDiagnosis Diagnose(Failure failure)
    {
        IReadOnlyList<Value[]> states = failure.States;
        for (var i = 0; i < failure.Line.Steps.Count; i++)
        {
            var step = failure.Line.Steps[i];
            var next = validator.Successors(states, [step]);
            if (next is { Count: > 0 }) states = next;
            else return validator.Diagnose(failure.Depth, step, states);
        }
        // Every step on its own is possible: the dead end is the states the cut had already failed from.
        return validator.Diagnose(failure.Depth, failure.Line.Steps[^1], states);
    }

    /// <summary>The logs whose next line the clocks allow at <paramref name="cut"/>, by the sum of that line's clock.</summary>
    private static int[] Candidates(IReadOnlyList<NodeLog> logs, int[] cut)
    {
        var result = new List<(long Sum, int Log)>();
        for (var n = 0; n < logs.Count; n++)
        {
            if (cut[n] >= logs[n].Lines.Count) continue;
            var clock = logs[n].Lines[cut[n]].Clock;
            if (!VectorClocks.Enabled(clock, n, cut)) continue;
            result.Add((clock?.Sum(static c => (long)c) ?? cut[n], n));
        }
        result.Sort();
        return result.Select(static r => r.Log).ToArray();
    }

    private sealed class SearchNode(int[] cut, IReadOnlyList<Value[]> states, int[] candidates, LogLine? taken)
    {
        public readonly Queue<IReadOnlyList<Value[]>> Pending = new();
        public int[]? PendingCut;
        public LogLine? PendingLine;
        public readonly int[] Cut = cut;
        public readonly IReadOnlyList<Value[]> States = states;
        public readonly int[] Candidates = candidates;
        public readonly LogLine? Taken = taken;
        public readonly int Depth = cut.Sum();
        public int Next;
    }

    private sealed record Failure(int Depth, LogLine Line, IReadOnlyList<Value[]> States);

    private readonly struct CutKey(int[] cut) : IEquatable<CutKey>
    {
        private readonly int[] _cut = cut;

        public bool Equals(CutKey other) => _cut.AsSpan().SequenceEqual(other._cut);

        public override bool Equals(object? obj) => obj is CutKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var c in _cut) hash.Add(c);
            return hash.ToHashCode();
        }
    }
}
