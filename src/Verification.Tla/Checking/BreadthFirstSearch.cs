using Verification.Tla.Checking.Spilling;
using Verification.Tla.Evaluation;

namespace Verification.Tla.Checking;

/// <summary>Progress figures handed to a reporter while a search runs.</summary>
public readonly record struct SearchProgress(int Depth, long StatesGenerated, long DistinctStates, long StatesLeftOnQueue);

/// <summary>A violation reported while the search goes on (TLC's -continue), with its counterexample.</summary>
public sealed record ContinuedViolation<TState>(CheckOutcome Outcome, int Index, IReadOnlyList<TraceStep<TState>> Trace);

/// <summary>Settings of one breadth-first search.</summary>
public sealed record SearchSettings
{
    public int Workers { get; init; } = 1;

    public bool CheckDeadlock { get; init; } = true;

    /// <summary>
    /// Called (from one search thread at a time) <see cref="FirstProgressAfter"/> after the start
    /// and then every <see cref="ProgressInterval"/>, also in the middle of a level; null for none.
    /// </summary>
    public Action<SearchProgress>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>TLC prints its first progress line once its workers have run for 3 seconds.</summary>
    public TimeSpan FirstProgressAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The time since the search started; injectable so that tests need no wall clock.</summary>
    public Func<TimeSpan>? Clock { get; init; }


    /// <summary>Called once the initial states are computed, with the number of distinct ones.</summary>
    public Action<long>? InitialStatesComputed { get; init; }

    /// <summary>When the queue and the fingerprint set may move to disk, and how a state is written there; null keeps them in memory.</summary>
    public SearchSpilling? Spilling { get; init; }
}

/// <summary>Disk spilling for a search: the policy and the codec of its states (an <see cref="IStateCodec{TState}"/>).</summary>
public sealed record SearchSpilling(SpillPolicy Policy, object StateCodec);

/// <summary>
/// TLC's explicit-state breadth-first search, level by level, with TLC's counting rules: every
/// generated successor counts (also duplicates and those a constraint discards), invariants are
/// checked on every successor not seen before (also those a constraint discards), action
/// properties on every step, a state with no successor at all is a deadlock, and the depth is the
/// deepest level a distinct state was stored at. With one worker the order of exploration is
/// exactly TLC's FIFO order, so counts at a violation agree with TLC's; with several workers a
/// level is shared out in chunks and the distinct-state count of a complete search is the same.
/// </summary>
public sealed class BreadthFirstSearch<TState>
{
    private const int ChunkSize = 64;

    private readonly ITransitionSystem<TState> _system;
    private readonly SearchSettings _settings;
    private readonly IFingerprintSet _seen;
    private readonly StateLog _log = new();
    private readonly object _violationLock = new();
    private readonly StateGraph<TState>? _graph;

    private long _generated;
    private int _reachedDepth;

    // How many new states each expanded state produced (TLC's out-degree statistics, 32 buckets).
    private readonly long[] _outDegrees = new long[OutDegreeBuckets];
    private const int OutDegreeBuckets = 32;

    private readonly object _progressLock = new();
    private Func<TimeSpan> _clock = null!;
    private TimeSpan _nextProgress;

    private volatile bool _stop;
    private Violation? _violation;

    /// <param name="graph">When given, the search records the explored state graph into it (for liveness checking).</param>
    public BreadthFirstSearch(ITransitionSystem<TState> system, SearchSettings settings, StateGraph<TState>? graph = null)
    {
        _system = system;
        _settings = settings;
        _graph = graph;
        if (settings.Spilling is { } spilling)
        {
            _spillFolder = spilling.Policy.NewFolderPath();
            _seen = spilling.Policy.Threshold is null ? new FingerprintSet() : new DiskFingerprintSet(spilling.Policy, _spillFolder);
            var codec = (IStateCodec<TState>)spilling.StateCodec;
            _queueSpill = new StateQueue<Queued>.Spill(spilling.Policy, _spillFolder,
                (writer, queued) => { writer.Write(queued.Id); codec.Write(writer, queued.State); },
                reader => { var id = reader.ReadInt32(); return new Queued(codec.Read(reader), id); });
        }
        else _seen = new FingerprintSet();
    }

    // Disk spilling (see SearchSettings.Spilling): the run's folder, removed at the end, and its queues.
    private readonly string? _spillFolder;
    private readonly StateQueue<Queued>.Spill? _queueSpill;
    private readonly List<StateQueue<Queued>> _queues = [];

    private StateQueue<Queued> NewQueue()
    {
        var queue = new StateQueue<Queued>(_queueSpill);
        if (_queueSpill is not null) lock (_queues) _queues.Add(queue);
        return queue;
    }

    private readonly record struct Queued(TState State, int Id);

    private sealed record Violation(
        CheckOutcome Outcome, int Index, int ParentId, TState? Last, int LastAction, bool HasLast,
        EvaluationException? Error, bool InInitialStates);

    /// <summary>
    /// TLC's -continue: invariant and action-property violations are handed to this callback (with
    /// their trace) and the search goes on; null stops at the first violation.
    /// </summary>
    public Action<ContinuedViolation<TState>>? ContinueAfterViolation { get; init; }

    public SearchResult<TState> Run()
    {
        if (_spillFolder is null) return Search();
        try
        {
            return Search();
        }
        finally
        {
            foreach (var queue in _queues) queue.Dispose();
            (_seen as IDisposable)?.Dispose();
            if (Directory.Exists(_spillFolder)) Directory.Delete(_spillFolder, recursive: true);
        }
    }

    private SearchResult<TState> Search()
    {
        if (_settings.Clock is { } clock) _clock = clock;
        else
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            _clock = () => watch.Elapsed;
        }
        _nextProgress = _settings.FirstProgressAfter;
        var explorer = _system.CreateExplorer();
        var level = NewQueue();
        var initial = new InitialSink(this, explorer, level);
        (explorer as ILevelAwareExplorer)?.AtLevel(0);
        try
        {
            explorer.InitialStates(initial);
        }
        catch (EvaluationException e)
        {
            return Finish(explorer, new Violation(OutcomeOf(e, CheckOutcome.EvaluationError), -1, StateLog.NoParent,
                default, -1, false, e, true), level, 0);
        }
        if (level.Count > 0) _reachedDepth = 1;
        _initialStates = _log.Count;
        if (!_stop) _settings.InitialStatesComputed?.Invoke(_log.Count);
        var levelNumber = 1;
        using var workers = _settings.Workers <= 1 ? null : new WorkerPool(_settings.Workers);
        while (!_stop && level.Count > 0)
        {
            var next = NewQueue();
            if (workers is null) ExploreLevelSequentially(explorer, level, next, levelNumber);
            else ExploreLevelInParallel(workers, level, next, levelNumber);
            if (_stop) return Finish(explorer, _violation!, next, _remainingInLevel);
            level.Dispose();
            level = next;
            levelNumber++;
        }
        return Finish(explorer, _violation, level, 0);
    }

    /// <summary>
    /// The worker threads of a parallel search, started once and kept for every level: what a
    /// thread keeps between states (its explorer's frames, the symmetry images it has computed)
    /// then lasts the whole search instead of one level.
    /// </summary>
    private sealed class WorkerPool : IDisposable
    {
        private readonly Thread[] _threads;
        private readonly SemaphoreSlim[] _start;
        private readonly CountdownEvent _done;
        private Action<int>? _level;
        private volatile bool _closing;

        public WorkerPool(int workers)
        {
            _threads = new Thread[workers];
            _start = new SemaphoreSlim[workers];
            _done = new CountdownEvent(workers);
            for (var w = 0; w < workers; w++)
            {
                var index = w;
                _start[w] = new SemaphoreSlim(0);
                _threads[w] = new Thread(() => Serve(index), EvaluationStack.Size) { IsBackground = true, Name = $"checker worker {w}" };
                _threads[w].Start();
            }
        }

        public int Count => _threads.Length;

        /// <summary>Runs <paramref name="level"/> on every worker (given its index) and returns when all are done.</summary>
        public void Run(Action<int> level)
        {
            _level = level;
            _done.Reset();
            foreach (var start in _start) start.Release();
            _done.Wait();
        }

        private void Serve(int index)
        {
            while (true)
            {
                _start[index].Wait();
                if (_closing) return;
                try
                {
                    _level!(index);
                }
                finally
                {
                    _done.Signal();
                }
            }
        }

        public void Dispose()
        {
            _closing = true;
            foreach (var start in _start) start.Release();
            foreach (var thread in _threads) thread.Join();
            foreach (var start in _start) start.Dispose();
            _done.Dispose();
        }
    }

    // Callers ask every 16 expansions, so that a long level still reports progress on time.
    private const int ProgressCheckMask = 15;

    private void MaybeReportProgress(long statesLeftOnQueue)
    {
        if (_settings.Progress is not { } report) return;
        if (!Monitor.TryEnter(_progressLock)) return;
        try
        {
            var now = _clock();
            if (now < _nextProgress) return;
            // The next report is one interval after this one (TLC waits a full interval between reports).
            _nextProgress = now + _settings.ProgressInterval;
            report(new SearchProgress(Math.Max(1, Volatile.Read(ref _reachedDepth)), Volatile.Read(ref _generated), _log.Count, statesLeftOnQueue));
        }
        finally
        {
            Monitor.Exit(_progressLock);
        }
    }

    private long _remainingInLevel;
    private long _initialStates;

    private void ExploreLevelSequentially(IStateExplorer<TState> explorer, StateQueue<Queued> level, StateQueue<Queued> next, int levelNumber)
    {
        var sink = new SuccessorSink(this, explorer, next, levelNumber + 1);
        var levelAware = explorer as ILevelAwareExplorer;
        levelAware?.AtLevel(levelNumber);
        try
        {
            for (var i = 0; i < level.Count; i++)
            {
                // TLC's queue holds the rest of this level and what this level has added so far.
                levelAware?.AtCounters(new Library.SearchCounters(level.Count - i - 1 + next.Count, _generated, _log.Count, _initialStates, _reachedDepth));
                Expand(explorer, sink, level[i]);
                if (_stop)
                {
                    _remainingInLevel = level.Count - i - 1;
                    return;
                }
                if ((i & ProgressCheckMask) == ProgressCheckMask) MaybeReportProgress(level.Count - i - 1 + next.Count);
            }
        }
        finally
        {
            sink.Flush();
        }
    }

    // Each worker's explorer, made on its first level and kept for the others.
    private IStateExplorer<TState>?[] _workerExplorers = [];

    private void ExploreLevelInParallel(WorkerPool workers, StateQueue<Queued> level, StateQueue<Queued> next, int levelNumber)
    {
        var cursor = 0;
        var processed = 0;
        var outputs = new StateQueue<Queued>[workers.Count];
        for (var w = 0; w < outputs.Length; w++) outputs[w] = NewQueue();
        if (_workerExplorers.Length != workers.Count) _workerExplorers = new IStateExplorer<TState>?[workers.Count];
        Exception? crash = null;
        workers.Run(w =>
        {
            var mine = outputs[w];
            SuccessorSink? sink = null;
            try
            {
                var explorer = _workerExplorers[w] ??= _system.CreateExplorer();
                sink = new SuccessorSink(this, explorer, mine, levelNumber + 1);
                (explorer as ILevelAwareExplorer)?.AtLevel(levelNumber);
                while (!_stop)
                {
                    var start = Interlocked.Add(ref cursor, ChunkSize) - ChunkSize;
                    if (start >= level.Count) break;
                    var end = Math.Min(start + ChunkSize, level.Count);
                    var expanded = 0;
                    for (var i = start; i < end && !_stop; i++)
                    {
                        Expand(explorer, sink, level[i]);
                        expanded++;
                    }
                    // Shared counters are updated once a chunk, not once a state: workers writing
                    // the same cache line on every state slow each other down.
                    var done = Interlocked.Add(ref processed, expanded);
                    sink.Flush();
                    // Other workers append to their lists meanwhile: the queue size is an estimate, as in TLC.
                    MaybeReportProgress(level.Count - done + outputs.Sum(static o => (long)o.Count));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref crash, e, null);
                _stop = true;
            }
            finally
            {
                sink?.Flush();
            }
        });
        if (crash is not null) throw new AggregateException("a checker worker failed", crash);
        foreach (var output in outputs)
        {
            next.AddRange(output);
            output.Dispose();
        }
        _remainingInLevel = Math.Max(0, level.Count - Volatile.Read(ref processed));
    }

    private void Expand(IStateExplorer<TState> explorer, SuccessorSink sink, Queued queued)
    {
        sink.Begin(queued);
        try
        {
            explorer.Successors(queued.State, sink);
        }
        catch (EvaluationException e)
        {
            Report(new Violation(OutcomeOf(e, CheckOutcome.EvaluationError), -1, queued.Id, default, -1, false, e, false));
            return;
        }
        finally
        {
            _graph?.SetSuccessors(queued.Id, sink.Edges);
        }
        var stoppedBefore = _stop;
        if (!sink.HadSuccessor && _settings.CheckDeadlock && !_stop)
            Report(new Violation(CheckOutcome.Deadlock, -1, queued.Id, default, -1, false, null, false));
        // As in TLC, a completed expansion counts (a deadlocked state too); an interrupted one does not.
        if (stoppedBefore) return;
        sink.OutDegrees[Math.Min(OutDegreeBuckets - 1, sink.NewSuccessors)]++;
    }

    /// <summary>
    /// Under -continue: hands the violation and its trace to the callback and returns true (the
    /// search goes on); otherwise false. The trace is recomputed by an explorer of its own, since
    /// the caller's explorer is in the middle of an enumeration.
    /// </summary>
    private bool Continued(CheckOutcome outcome, int index, int parentId, TState to, int action, bool initial)
    {
        if (ContinueAfterViolation is not { } report) return false;
        lock (_violationLock)
        {
            var trace = RebuildTrace(_system.CreateExplorer(), new Violation(outcome, index, parentId, to, action, true, null, initial));
            report(new ContinuedViolation<TState>(outcome, index, trace));
        }
        return true;
    }

    private static CheckOutcome OutcomeOf(EvaluationException e, CheckOutcome otherwise) =>
        e.Failure == EvaluationFailure.AssertionFailed ? CheckOutcome.AssertionFailed : otherwise;

    private void Report(Violation violation)
    {
        lock (_violationLock)
        {
            if (_violation is not null) return;
            _violation = violation;
            _stop = true;
        }
    }

    /// <summary>
    /// Checks a state that is new or outside the constraints (the caller knows which), and the
    /// step that led to it. Returns false when a violation stopped the search.
    /// </summary>
    private bool CheckStep(IStateExplorer<TState> explorer, int parentId, TState? from, TState to, int action, bool isNew, bool initial)
    {
        if (isNew)
        {
            for (var i = 0; i < _system.InvariantNames.Count; i++)
            {
                bool holds;
                try
                {
                    holds = explorer.Invariant(i, to);
                }
                catch (EvaluationException e)
                {
                    Report(new Violation(OutcomeOf(e, CheckOutcome.InvariantEvaluationError), i, parentId, to, action, true, e, initial));
                    return false;
                }
                if (!holds)
                {
                    // TLC -continue reports the first violated invariant of a state and checks no more of them.
                    if (Continued(CheckOutcome.InvariantViolated, i, parentId, to, action, initial)) break;
                    Report(new Violation(CheckOutcome.InvariantViolated, i, parentId, to, action, true, null, initial));
                    return false;
                }
            }
            if (initial)
            {
                for (var i = 0; i < _system.InitialPropertyNames.Count; i++)
                {
                    bool holds;
                        try
                    {
                        holds = explorer.InitialProperty(i, to);
                    }
                    catch (EvaluationException e)
                    {
                        Report(new Violation(OutcomeOf(e, CheckOutcome.PropertyEvaluationError), i, parentId, to, action, true, e, initial));
                        return false;
                    }
                    if (!holds)
                    {
                        Report(new Violation(CheckOutcome.PropertyViolated, i, parentId, to, action, true, null, initial));
                        return false;
                    }
                }
            }
        }
        if (!initial)
        {
            for (var i = 0; i < _system.ActionPropertyNames.Count; i++)
            {
                bool holds;
                try
                {
                    holds = explorer.ActionProperty(i, from!, to);
                }
                catch (EvaluationException e)
                {
                    Report(new Violation(OutcomeOf(e, CheckOutcome.PropertyEvaluationError), i, parentId, to, action, true, e, false));
                    return false;
                }
                if (!holds)
                {
                    if (Continued(CheckOutcome.ActionPropertyViolated, i, parentId, to, action, false)) break;
                    Report(new Violation(CheckOutcome.ActionPropertyViolated, i, parentId, to, action, true, null, false));
                    return false;
                }
            }
        }
        return !_stop;
    }

    private void NoteDepth(int depth)
    {
        int seen;
        while ((seen = Volatile.Read(ref _reachedDepth)) < depth)
            if (Interlocked.CompareExchange(ref _reachedDepth, depth, seen) == seen) break;
    }

    private sealed class InitialSink(BreadthFirstSearch<TState> search, IStateExplorer<TState> explorer, StateQueue<Queued> level)
        : IStateSink<TState>
    {
        public bool Accept(TState state, int action)
        {
            search._generated++;
            var isNew = true;
            var fingerprint = 0UL;
            var inModel = explorer.SatisfiesStateConstraints(state);
            if (inModel)
            {
                fingerprint = explorer.Fingerprint(state);
                isNew = search._seen.Add(fingerprint);
            }
            var id = inModel && isNew ? search._log.Append(StateLog.NoParent, fingerprint) : StateLog.NoParent;
            if (id != StateLog.NoParent) search._graph?.AddState(id, state, initial: true);
            // As in TLC, a state joins the queue only after its checks passed.
            if (!search.CheckStep(explorer, StateLog.NoParent, default, state, -1, isNew, initial: true)) return false;
            if (inModel && isNew) level.Add(new Queued(state, id));
            return true;
        }
    }

    private sealed class SuccessorSink(BreadthFirstSearch<TState> search, IStateExplorer<TState> explorer, StateQueue<Queued> next, int childLevel)
        : IStateSink<TState>
    {
        private Queued _from;
        public bool HadSuccessor;
        public int NewSuccessors;
        // The successors of this expansion, for the state graph when one is recorded.
        public readonly List<StateGraph<TState>.Edge> Edges = [];

        // This worker's share of the generated-state count and out-degree statistics, added to the
        // search's totals by Flush (once a chunk and at the end of a level), not on every state.
        public readonly long[] OutDegrees = new long[OutDegreeBuckets];
        private long _generated;

        public void Flush()
        {
            if (_generated != 0)
            {
                Interlocked.Add(ref search._generated, _generated);
                _generated = 0;
            }
            for (var i = 0; i < OutDegrees.Length; i++)
            {
                if (OutDegrees[i] == 0) continue;
                Interlocked.Add(ref search._outDegrees[i], OutDegrees[i]);
                OutDegrees[i] = 0;
            }
        }

        public void Begin(Queued from)
        {
            _from = from;
            HadSuccessor = false;
            NewSuccessors = 0;
            Edges.Clear();
        }

        public void CountGenerated(int count)
        {
            if (search._settings.Workers <= 1) search._generated += count;
            else _generated += count;
        }

        public bool Accept(TState state, int action)
        {
            if (search._settings.Workers <= 1) search._generated++;
            else _generated++;
            HadSuccessor = true;
            var isNew = true;
            var id = StateLog.NoParent;
            if (explorer.SatisfiesStateConstraints(state) && explorer.SatisfiesActionConstraints(_from.State, state))
            {
                var fingerprint = explorer.Fingerprint(state);
                isNew = search._seen.Add(fingerprint);
                if (isNew)
                {
                    NewSuccessors++;
                    id = search._log.Append(_from.Id, fingerprint);
                    search.NoteDepth(childLevel);
                    search._graph?.AddState(id, state, initial: false);
                }
                if (search._graph is not null) Edges.Add(new StateGraph<TState>.Edge(fingerprint, action));
            }
            // As in TLC, a state joins the queue only after its checks passed.
            if (!search.CheckStep(explorer, _from.Id, _from.State, state, action, isNew, initial: false)) return false;
            if (id != StateLog.NoParent) next.Add(new Queued(state, id));
            return true;
        }
    }

    private SearchResult<TState> Finish(IStateExplorer<TState> explorer, Violation? violation, StateQueue<Queued> queue, long remaining)
    {
        _graph?.Complete(_log.FingerprintOf);
        if (violation is null)
        {
            return new SearchResult<TState>
            {
                Outcome = CheckOutcome.Success,
                StatesGenerated = _generated,
                DistinctStates = _log.Count,
                // TLC 2.19 reports depth 1 even when there was no initial state (a constant-only model).
                Depth = Math.Max(1, _reachedDepth),
                OutDegrees = _outDegrees,
                FingerprintSetBytes = _seen.AllocatedBytes,
            };
        }
        var trace = RebuildTrace(explorer, violation);
        var errorInSuccessors = violation.Outcome is CheckOutcome.EvaluationError or CheckOutcome.AssertionFailed && !violation.HasLast;
        return new SearchResult<TState>
        {
            Outcome = violation.Outcome,
            ViolatedIndex = violation.Index,
            StatesGenerated = _generated,
            DistinctStates = _log.Count,
            StatesLeftOnQueue = queue.Count + remaining,
            Depth = errorInSuccessors ? null : _reachedDepth,
            Trace = trace,
            Error = violation.Error,
            OutDegrees = _outDegrees,
            FailedBeforeSearch = violation.InInitialStates && !violation.HasLast,
            FingerprintSetBytes = _seen.AllocatedBytes,
        };
    }

    /// <summary>
    /// Re-runs the spec along the stored chain of fingerprints to recover the states of the
    /// counterexample and the action of each step (TLC rebuilds its traces the same way).
    /// </summary>
    private List<TraceStep<TState>> RebuildTrace(IStateExplorer<TState> explorer, Violation violation)
    {
        var trace = new List<TraceStep<TState>>();
        if (violation.ParentId != StateLog.NoParent)
        {
            var path = _log.PathTo(violation.ParentId);
            var finder = new FingerprintFinder(explorer);
            finder.Target = _log.FingerprintOf(path[0]);
            // Each step is recomputed at the level it was found at: a VIEW or constraint may read
            // TLCGet("level"), so the fingerprints depend on it.
            var levels = explorer as ILevelAwareExplorer;
            levels?.AtLevel(0);
            explorer.InitialStates(finder);
            if (!finder.Found) throw new InvalidOperationException("the initial state of the counterexample could not be recomputed");
            trace.Add(new TraceStep<TState>(finder.State!, -1));
            for (var i = 1; i < path.Count; i++)
            {
                finder.Reset(_log.FingerprintOf(path[i]), trace[^1].State);
                levels?.AtLevel(i);
                explorer.Successors(trace[^1].State, finder);
                if (!finder.Found) throw new InvalidOperationException("a state of the counterexample could not be recomputed");
                trace.Add(new TraceStep<TState>(finder.State!, finder.Action));
            }
        }
        if (violation.HasLast) trace.Add(new TraceStep<TState>(violation.Last!, violation.LastAction));
        return trace;
    }

    private sealed class FingerprintFinder(IStateExplorer<TState> explorer) : IStateSink<TState>
    {
        private TState? _from;
        private bool _hasFrom;
        public ulong Target;
        public bool Found;
        public TState? State;
        public int Action;

        public void Reset(ulong target, TState from)
        {
            Target = target;
            _from = from;
            _hasFrom = true;
            Found = false;
        }

        public bool Accept(TState state, int action)
        {
            if (explorer.Fingerprint(state) != Target) return true;
            if (_hasFrom && !explorer.SatisfiesActionConstraints(_from!, state)) return true;
            Found = true;
            State = state;
            Action = action;
            return false;
        }
    }
}
