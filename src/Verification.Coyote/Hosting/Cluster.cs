using Microsoft.Coyote.Actors;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Systematic.Strategies;

namespace Verification.Coyote.Hosting;

/// <summary>How one Coyote iteration ends and is judged, in world steps (the explorer's unit).</summary>
/// <param name="StepBound">World steps after which the run ends (the explorer's unfair or fair bound).</param>
/// <param name="LivenessThreshold">World steps a monitor may stay hot in the heal phase of a fair run (the explorer's temperature).</param>
/// <param name="Fair">The Coyote strategy is fair: the temperature check applies.</param>
internal sealed record WorldLimits(int StepBound, int LivenessThreshold, bool Fair);

/// <summary>
/// The state one Coyote iteration shares between its actors: the nodes' objects and durable
/// storage, the messages in flight per link, timers, fault budgets, the step counter and the step
/// labels, and the system's monitors. It is the <see cref="IWorldView"/> the monitors and the
/// refinement mappings read, so they run unchanged. Coyote runs one actor at a time and every
/// world step mutates this state before its actor reaches a scheduling point (effects that need
/// Coyote, sends and timers, are flushed after the step), so each world step is atomic exactly as
/// in the explorer.
/// </summary>
internal sealed class Cluster : IWorldView
{
    private readonly Scenario _scenario;
    private readonly FaultModel _faults;
    private readonly WorldLimits _limits;
    private readonly IActorRuntime _runtime;
    private readonly int _n;

    private readonly INode?[] _nodes;
    private readonly bool[] _up;
    private readonly bool[] _everCrashed;
    private readonly bool[] _restarting;
    private readonly bool[] _crashable;
    private readonly object?[] _durable;
    private readonly int[] _incarnation;
    private readonly Dictionary<string, (long Generation, long Due)>[] _timers;
    private readonly HashSet<long> _timersPosted = [];
    private long _timerGeneration;

    private readonly List<Envelope> _inFlight = [];
    private readonly List<(Envelope Envelope, long Seq)>[] _links;
    private readonly long[] _linkSeq;
    private readonly int[] _linkTurnsOwed;
    private readonly int[] _linkTurnsPending;
    private long _nextEnvelopeId;
    private List<Envelope> _sent = [];

    private readonly ClientRequest[][] _requests;
    private readonly int[] _issued;
    private readonly bool[] _clientParked;
    private readonly HashSet<int> _replied = [];

    private readonly IReadOnlyList<SpecMonitor> _monitors;
    private readonly int[] _temperature;
    private readonly long[] _hotSince;
    private readonly List<MonitorEvent> _pendingEvents = [];
    private bool _coyoteMonitorHot;

    private long _partitionMask;
    private int _crashes, _drops, _duplicates, _partitions;
    private long _step, _now;

    private EventKey _currentKey;
    private Envelope _currentEnvelope;
    private string? _labelAction;
    private object[]? _labelArgs;
    private bool _labelRecorded = true;

    /// <summary>Coyote events sent to this iteration's actors and not yet handled, plus running timers and an active nemesis.</summary>
    private int _pendingWork;

    public Cluster(Scenario scenario, IActorRuntime runtime, WorldLimits limits, long iteration)
    {
        _scenario = scenario;
        _faults = scenario.Faults ?? FaultModel.Reliable;
        _limits = limits;
        _runtime = runtime;
        Iteration = iteration;
        _n = scenario.NodeCount;
        if (_n < 1 || _n > 62) throw new ArgumentException($"a scenario needs 1 to 62 nodes (NodeCount = {_n})");
        _nodes = new INode?[_n];
        _up = new bool[_n];
        _everCrashed = new bool[_n];
        _restarting = new bool[_n];
        _crashable = new bool[_n];
        _durable = new object?[_n];
        _incarnation = new int[_n];
        _timers = new Dictionary<string, (long, long)>[_n];
        _links = new List<(Envelope, long)>[_n * _n];
        _linkSeq = new long[_n * _n];
        _linkTurnsOwed = new int[_n * _n];
        _linkTurnsPending = new int[_n * _n];
        _issued = new int[_n];
        _clientParked = new bool[_n];
        for (var i = 0; i < _n; i++)
        {
            _up[i] = true;
            _crashable[i] = _faults.CrashableNodes is null || _faults.CrashableNodes.Contains(i);
            _timers[i] = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        }
        for (var l = 0; l < _links.Length; l++) _links[l] = [];
        var byNode = new List<ClientRequest>[_n];
        for (var i = 0; i < _n; i++) byNode[i] = [];
        foreach (var request in scenario.Workload)
        {
            if ((uint)request.Node >= (uint)_n) throw new ArgumentException($"workload request #{request.Id} targets n{request.Node + 1}, but the scenario has {_n} nodes (n1..n{_n})");
            byNode[request.Node].Add(request);
        }
        _requests = byNode.Select(list => list.OrderBy(r => r.Id).ToArray()).ToArray();
        _monitors = scenario.CreateMonitors();
        _temperature = new int[_monitors.Count];
        _hotSince = new long[_monitors.Count];
        NodeActors = new ActorId[_n];
        ClientActors = new ActorId[_n];
        LinkActors = new ActorId[_n * _n];
    }

    public ActorId[] NodeActors { get; }
    public ActorId[] ClientActors { get; }
    public ActorId[] LinkActors { get; }
    public ActorId? Nemesis { get; set; }

    /// <summary>The nemesis waits for a restart to complete before it can inject again.</summary>
    public bool NemesisWaiting { get; set; }

    public Scenario Scenario => _scenario;
    public FaultModel Faults => _faults;

    /// <summary>The step labels of the run so far (the readable trace).</summary>
    public List<string> Labels { get; } = [];

    /// <summary>The bug this run's own checks reported (monitor, liveness, deadlock), before Coyote stops the run.</summary>
    public (string Detector, string Message, long Step)? Failure { get; private set; }

    /// <summary>The node whose handler threw, or -1.</summary>
    public int FailingNode { get; private set; } = -1;

    /// <summary>The run has ended (world step bound or quiescence): actors ignore what is still queued.</summary>
    public bool Ended { get; private set; }

    public bool EndedQuiescent { get; private set; }

    // ---- IWorldView ----

    public int NodeCount => _n;
    public long Step => _step;
    public long Now => _now;
    public long Iteration { get; }
    public bool IsUp(int node) => _up[node];
    public bool HasCrashed(int node) => _everCrashed[node];
    public INode? Node(int node) => _nodes[node];
    public object? Durable(int node) => _durable[node];
    public IReadOnlyList<Envelope> InFlight => _inFlight;
    public IReadOnlyList<Envelope> Sent => _sent;
    public StepEvent CurrentStep => _step == 0 ? new StepEvent(StepKind.Unknown, -1) : CurrentLabel.Event;
    public StepLabel? CurrentStepLabel => _step == 0 ? null : CurrentLabel;

    private StepLabel CurrentLabel => new(_currentKey, _currentEnvelope, _labelAction, _labelArgs, _n);

    public int Incarnation(int node) => _incarnation[node];

    public bool FaultsOpen => _faults.FaultsUntilStep is not { } until || _step < until;

    private bool InHealPhaseOrNone => _faults.FaultsUntilStep is not { } until || _step > until;

    // ---- boot ----

    /// <summary>Boots every node (not a step: the initial state is the state after every OnStart), before any actor exists.</summary>
    public void Boot()
    {
        for (var i = 0; i < _n; i++)
        {
            _nodes[i] = _scenario.CreateNode(i) ?? throw new InvalidOperationException($"the scenario's node factory returned null for n{i + 1}");
            RunHandler(i, static (node, ctx, _) => node.OnStart(ctx), 0);
        }
        if (_monitors.Count > 0) _pendingEvents.Add(RunStarted.Instance);
        Dispatch();
        for (var m = 0; m < _monitors.Count; m++) _hotSince[m] = _monitors[m].IsHot ? 0 : -1;
    }

    public bool HasRequests(int node) => _requests[node].Length > 0;

    // ---- pending work (quiescence) ----

    public void WorkAdded(int count = 1) => _pendingWork += count;

    /// <summary>
    /// One unit of pending work is done. When none is left, nothing can move but timers: logical
    /// time jumps to the earliest deadline (as in the explorer) and the due timers fire; with no
    /// timer pending either, the run ended quiescent.
    /// </summary>
    public void WorkDone()
    {
        _pendingWork--;
        if (_pendingWork > 0 || Ended) return;
        var earliest = long.MaxValue;
        for (var node = 0; node < _n; node++)
            if (_up[node])
                foreach (var (_, (_, due)) in _timers[node]) earliest = Math.Min(earliest, due);
        if (earliest == long.MaxValue)
        {
            EndRun(quiescent: true);
            return;
        }
        if (earliest > _now) _now = earliest;
        PostDueTimers();
    }

    /// <summary>Sends a Coyote event to one of this iteration's actors, counted as pending work.</summary>
    public void Post(ActorId target, Microsoft.Coyote.Actors.Event e)
    {
        _pendingWork++;
        _runtime.SendEvent(target, e);
    }

    /// <summary>After a step, what it set in motion: link turns for new, duplicated or unblocked messages, and timers now due.</summary>
    public void Flush()
    {
        if (Ended) return;
        FlushLinks();
        PostDueTimers();
    }

    /// <summary>
    /// A timer that is due becomes an event in its node's inbox: when the node takes it, among the
    /// node's other events and the other actors' turns, is Coyote's choice (the explorer's: a due
    /// timer is an enabled event). Coyote's own mock timers fire at any of their turns whatever the
    /// delay, which would turn every election timeout into a storm; the delay is the node's contract.
    /// </summary>
    private void PostDueTimers()
    {
        // Collected first: a post is a scheduling point, after which other actors may have changed the timers.
        var due = new List<(int Node, NodeTimerElapsed Event)>();
        for (var node = 0; node < _n; node++)
        {
            if (!_up[node]) continue;
            foreach (var (name, (generation, deadline)) in _timers[node])
                if (deadline <= _now && _timersPosted.Add(generation)) due.Add((node, new NodeTimerElapsed(name, generation, _incarnation[node])));
        }
        foreach (var (node, elapsed) in due) Post(NodeActors[node], elapsed);
    }

    private void FlushLinks()
    {
        for (var l = 0; l < _linkTurnsOwed.Length; l++)
        {
            var owed = _linkTurnsOwed[l];
            if (owed == 0) continue;
            _linkTurnsOwed[l] = 0;
            _linkTurnsPending[l] += owed;
            for (var k = 0; k < owed; k++) Post(LinkActors[l], LinkTurn.Instance);
        }
    }

    // ---- steps ----

    private void BeginStep(in EventKey key, Envelope envelope = default)
    {
        _labelAction = null;
        _labelArgs = null;
        _currentEnvelope = envelope;
        _currentKey = key;
        _step++;
        _now++;
        _labelRecorded = false;
    }

    /// <summary>Records the label of the step (also when its handler threw: the trace ends with the failing step).</summary>
    private void RecordLabel()
    {
        if (_labelRecorded) return;
        _labelRecorded = true;
        Labels.Add(CurrentLabel.Format());
    }

    private void CompleteStep()
    {
        RecordLabel();
        if (_monitors.Count > 0)
        {
            _pendingEvents.Add(new StepCompleted(_step, CurrentLabel));
            Dispatch();
            UpdateTemperatures();
        }
        if (_step >= _limits.StepBound && !Ended) EndRun(quiescent: false);
    }

    private void RunHandler<T>(int node, Action<INode, INodeContext, T> handler, T argument)
    {
        try
        {
            handler(_nodes[node]!, new BufferedContext(this, node), argument);
        }
        catch (Exception) when (RecordFailingNode(node))
        {
            throw;
        }
    }

    private bool RecordFailingNode(int node)
    {
        FailingNode = node;
        RecordLabel();
        return false;
    }

    /// <summary>Delivery of a message the network handed to its receiver (a world step), unless the receiver crashed since.</summary>
    public bool Deliver(MessageArrived arrived)
    {
        var env = arrived.Envelope;
        if (Ended || !_up[env.To] || _incarnation[env.To] != arrived.Incarnation) return false;
        RemoveInFlight(env.Id);
        BeginStep(new EventKey(EventKind.Deliver, env.To, env.From, arrived.LinkSeq, null), env);
        RunHandler(env.To, static (node, ctx, env) => node.OnMessage(ctx, env.From, env.Message), env);
        CompleteStep();
        return true;
    }

    /// <summary>A due timer reached its node: it fires (a step) unless it was cancelled, re-armed or lost in a crash since.</summary>
    public bool TimerElapsed(int node, int incarnation, string name, long generation)
    {
        _timersPosted.Remove(generation);
        if (Ended || !_up[node] || _incarnation[node] != incarnation) return false;
        if (!_timers[node].TryGetValue(name, out var timer) || timer.Generation != generation) return false;
        _timers[node].Remove(name);
        BeginStep(new EventKey(EventKind.Timer, node, -1, 0, name));
        RunHandler(node, static (node, ctx, name) => node.OnTimer(ctx, name), name);
        CompleteStep();
        return true;
    }

    /// <summary>The next request of the node's client, or null when its workload is done.</summary>
    public ClientRequest? NextRequest(int node) => _issued[node] < _requests[node].Length ? _requests[node][_issued[node]] : null;

    /// <summary>The node handles a client request (a world step); false when it is down or restarted since it was issued.</summary>
    public bool Request(int node, RequestArrived arrived)
    {
        if (Ended || !_up[node] || _incarnation[node] != arrived.Incarnation) return false;
        _issued[node]++;
        BeginStep(new EventKey(EventKind.Request, node, -1, arrived.Request.Id, null));
        if (_monitors.Count > 0) _pendingEvents.Add(new RequestIssued(arrived.Request));
        RunHandler(node, static (node, ctx, request) => node.OnClientRequest(ctx, request), arrived.Request);
        CompleteStep();
        return true;
    }

    public void ParkClient(int node) => _clientParked[node] = true;

    /// <summary>A restarted node's client, if it waited for the node, continues.</summary>
    public bool UnparkClient(int node)
    {
        if (!_clientParked[node]) return false;
        _clientParked[node] = false;
        return true;
    }

    /// <summary>Restart of a crashed node from its durable state (a world step).</summary>
    public void Restart(int node)
    {
        _restarting[node] = false;
        if (Ended) return;
        _nodes[node] = _scenario.CreateNode(node) ?? throw new InvalidOperationException($"the scenario's node factory returned null for n{node + 1}");
        _up[node] = true;
        BeginStep(new EventKey(EventKind.Restart, node, -1, 0, null));
        if (_monitors.Count > 0) _pendingEvents.Add(new NodeRestarted(node));
        RunHandler(node, static (node, ctx, durable) => node.OnRestart(ctx, durable), _durable[node]);
        CompleteStep();
    }

    // ---- the network, as link actors see it ----

    public int LinkFrom(int link) => link / _n;
    public int LinkTo(int link) => link % _n;
    public int LinkCount(int link) => _links[link].Count;

    public bool IsBlocked(int link)
    {
        var sideA = _partitionMask;
        if (sideA == 0) return false;
        return (((sideA >> LinkFrom(link)) ^ (sideA >> LinkTo(link))) & 1) != 0;
    }

    /// <summary>In the heal phase a partition ends before any message moves (as in the explorer).</summary>
    public bool AwaitingHeal => !FaultsOpen && _partitionMask != 0;

    public bool CanDrop => FaultsOpen && _drops < _faults.MaxDrops;
    public bool CanDuplicate => FaultsOpen && _duplicates < _faults.MaxDuplicates;
    public bool Reordering => _faults.Reordering;

    /// <summary>A link turn was taken (its event handled).</summary>
    public void LinkTurnTaken(int link) => _linkTurnsPending[link]--;

    /// <summary>Hands message <paramref name="index"/> of the link to its receiver; the step is the receiver's handling.</summary>
    public MessageArrived HandOver(int link, int index)
    {
        var (env, seq) = _links[link][index];
        _links[link].RemoveAt(index);
        return new MessageArrived(env, seq, _incarnation[env.To]);
    }

    /// <summary>The network loses message <paramref name="index"/> of the link (a fault step).</summary>
    public void Drop(int link, int index)
    {
        var (env, seq) = _links[link][index];
        _links[link].RemoveAt(index);
        RemoveInFlight(env.Id);
        _drops++;
        BeginStep(new EventKey(EventKind.Drop, env.To, env.From, seq, null), env);
        CompleteStep();
    }

    /// <summary>The network duplicates message <paramref name="index"/> of the link (a fault step): the copy is a new message on the link.</summary>
    public void Duplicate(int link, int index)
    {
        var (env, seq) = _links[link][index];
        _duplicates++;
        BeginStep(new EventKey(EventKind.Duplicate, env.To, env.From, seq, null), env);
        Enqueue(env.From, env.To, env.Message);
        // The turn spent on copying is owed back to the original, besides the copy's own turn.
        _linkTurnsOwed[link]++;
        CompleteStep();
    }

    private void Enqueue(int from, int to, object message)
    {
        var env = new Envelope(_nextEnvelopeId++, from, to, message);
        _inFlight.Add(env);
        var link = from * _n + to;
        _links[link].Add((env, _linkSeq[link]++));
        _linkTurnsOwed[link]++;
    }

    private void RemoveInFlight(long id)
    {
        for (var i = 0; i < _inFlight.Count; i++)
        {
            if (_inFlight[i].Id != id) continue;
            _inFlight.RemoveAt(i);
            return;
        }
    }

    // ---- the nemesis's faults ----

    /// <summary>The faults possible now, as the explorer enables them; empty when none.</summary>
    public void PossibleFaults(List<Fault> into)
    {
        into.Clear();
        if (Ended) return;
        var open = FaultsOpen;
        if (!open && _partitionMask != 0)
        {
            into.Add(new Fault(FaultKind.Heal, -1));
            return;
        }
        if (open && _crashes < _faults.MaxCrashes)
            for (var node = 0; node < _n; node++)
                if (_up[node] && _crashable[node]) into.Add(new Fault(FaultKind.Crash, node));
        if (open && _partitionMask == 0 && _partitions < _faults.MaxPartitions && _n >= 2) into.Add(new Fault(FaultKind.Partition, -1));
        if (_partitionMask != 0) into.Add(new Fault(FaultKind.Heal, -1));
        if (_faults.CrashRecovery)
            for (var node = 0; node < _n; node++)
                if (!_up[node] && !_restarting[node]) into.Add(new Fault(FaultKind.Restart, node));
    }

    /// <summary>A restart already on its way to a node may later make a crash possible again.</summary>
    public bool AnyRestarting => _restarting.Any(r => r);

    /// <summary>Crash of a node (a fault step): its object, timers and incoming messages are gone; its durable state stays.</summary>
    public void Crash(int node)
    {
        _crashes++;
        BeginStep(new EventKey(EventKind.Crash, node, -1, 0, null));
        _up[node] = false;
        _everCrashed[node] = true;
        _nodes[node] = null;
        _incarnation[node]++;
        _timers[node].Clear();
        for (var from = 0; from < _n; from++)
        {
            foreach (var (env, _) in _links[from * _n + node]) RemoveInFlight(env.Id);
            _links[from * _n + node].Clear();
        }
        // Messages already handed to the node's inbox are lost too (their incarnation is stale).
        _inFlight.RemoveAll(env => env.To == node);
        if (_monitors.Count > 0) _pendingEvents.Add(new NodeCrashed(node));
        CompleteStep();
    }

    /// <summary>The nemesis asked the node's actor to restart it.</summary>
    public void RestartRequested(int node) => _restarting[node] = true;

    /// <summary>A partition (a fault step): <paramref name="split"/> in [0, SplitCount) picks side A as the explorer does.</summary>
    public void Partition(int split)
    {
        _partitions++;
        var mask = Partitions.MaskOf(split);
        BeginStep(new EventKey(EventKind.Partition, -1, -1, mask, null));
        _partitionMask = mask;
        CompleteStep();
    }

    public int PartitionSplits => (int)Math.Min(int.MaxValue, Partitions.SplitCount(_n));

    /// <summary>The partition heals (a step); every link gets a turn per message it holds beyond those already owed.</summary>
    public void Heal()
    {
        BeginStep(new EventKey(EventKind.Heal, -1, -1, 0, null));
        _partitionMask = 0;
        for (var l = 0; l < _links.Length; l++)
        {
            var missing = _links[l].Count - _linkTurnsPending[l] - _linkTurnsOwed[l];
            if (missing > 0) _linkTurnsOwed[l] += missing;
        }
        CompleteStep();
    }

    // ---- monitors ----

    private void Dispatch()
    {
        if (_pendingEvents.Count == 0) return;
        var events = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        _runtime.Monitor<SpecMonitorAdapter>(new SpecMonitorAdapter.Observe(this, _monitors, events));
        SetCoyoteTemperature();
    }

    /// <summary>The Coyote monitor is hot while one of the system's monitors is, once faults are over (the explorer's heal phase).</summary>
    private void SetCoyoteTemperature()
    {
        var hot = !Ended && InHealPhaseOrNone && _monitors.Any(m => m.IsHot);
        if (hot == _coyoteMonitorHot) return;
        _coyoteMonitorHot = hot;
        _runtime.Monitor<SpecMonitorAdapter>(new SpecMonitorAdapter.Temperature(hot));
    }

    /// <summary>The explorer's temperature, in world steps: a fair run fails when a monitor stays hot too long in the heal phase.</summary>
    private void UpdateTemperatures()
    {
        for (var m = 0; m < _monitors.Count; m++)
        {
            var monitor = _monitors[m];
            if (monitor.IsHot)
            {
                if (_hotSince[m] < 0) _hotSince[m] = _step;
                if (!InHealPhaseOrNone) continue;
                if (++_temperature[m] > _limits.LivenessThreshold && _limits.Fair)
                    Fail($"liveness:{monitor.Name}",
                        $"{monitor.Name} stayed hot for more than {_limits.LivenessThreshold} consecutive steps of a fair schedule (hot since step {_hotSince[m]}): {monitor.HotReason ?? "(no reason given)"}");
            }
            else
            {
                _temperature[m] = 0;
                _hotSince[m] = -1;
            }
        }
    }

    /// <summary>Reports a bug through the Coyote monitor (Coyote records it and stops the iteration).</summary>
    public void Fail(string detector, string message)
    {
        Failure ??= (detector, message, _step);
        _runtime.Monitor<SpecMonitorAdapter>(new SpecMonitorAdapter.Verdict(detector, message));
    }

    internal void MonitorFailed(string detector, string message) => Failure ??= (detector, message, _step);

    /// <summary>
    /// The end of the run, judged as the explorer judges it: at quiescence a hot monitor is a
    /// liveness bug and an unanswered request of a node that never crashed a deadlock; at the step
    /// bound a hot monitor is a bug only once the run got past its fault phase.
    /// </summary>
    private void EndRun(bool quiescent)
    {
        Ended = true;
        EndedQuiescent = quiescent;
        if (_monitors.Count > 0)
        {
            _pendingEvents.Add(new RunEnded(_step, quiescent));
            Dispatch();
        }
        var healedFor = _faults.FaultsUntilStep is { } healFrom ? _step - healFrom : 0;
        if (quiescent || healedFor > 0)
        {
            for (var m = 0; m < _monitors.Count; m++)
            {
                var monitor = _monitors[m];
                if (!monitor.IsHot) continue;
                var why = quiescent
                    ? "the system went quiet (nothing enabled, no timer pending)"
                    : $"the step bound was reached {healedFor} steps into the heal phase (no faults after step {_faults.FaultsUntilStep})";
                var since = _hotSince[m] >= 0 ? _hotSince[m] : _step;
                Fail($"liveness:{monitor.Name}", $"{monitor.Name} is still hot when {why}; hot since step {since}: {monitor.HotReason ?? "(no reason given)"}");
            }
        }
        if (quiescent && _scenario.RepliesExpected)
        {
            var unanswered = new List<int>();
            for (var node = 0; node < _n; node++)
            {
                if (_everCrashed[node]) continue;
                for (var r = 0; r < _issued[node]; r++)
                    if (!_replied.Contains(_requests[node][r].Id)) unanswered.Add(_requests[node][r].Id);
            }
            if (unanswered.Count > 0)
                Fail("deadlock", $"the system went quiet with {unanswered.Count} client request(s) never answered: {string.Join(", ", unanswered.Take(10).Select(id => $"#{id}"))}{(unanswered.Count > 10 ? ", ..." : "")}");
        }
        // Judged: the Coyote monitor must not report the run again at the end of the execution.
        SetCoyoteTemperature();
    }

    // ---- effects of a node's handler, buffered until its step is complete ----

    private sealed class BufferedContext(Cluster cluster, int self) : INodeContext
    {
        public int Self => self;
        public int NodeCount => cluster._n;

        public void Send(int to, object message)
        {
            if ((uint)to >= (uint)cluster._n) throw new ArgumentOutOfRangeException(nameof(to), to, $"n{self + 1} sent to node index {to}, outside 0..{cluster._n - 1}");
            ArgumentNullException.ThrowIfNull(message);
            if (cluster._up[to])
            {
                cluster.Enqueue(self, to, message);
                cluster.RecordSent(cluster._inFlight[^1]);
            }
            else
            {
                // A crashed node's connections are gone: the message is lost.
                cluster.RecordSent(new Envelope(cluster._nextEnvelopeId++, self, to, message));
            }
        }

        public void SetTimer(string name, int delay = 0)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (delay < 0) throw new ArgumentOutOfRangeException(nameof(delay), delay, "timer delay must be non-negative");
            var generation = ++cluster._timerGeneration;
            cluster._timers[self][name] = (generation, cluster._now + delay);
        }

        public void CancelTimer(string name) => cluster._timers[self].Remove(name);

        public bool IsTimerSet(string name) => cluster._timers[self].ContainsKey(name);

        public void Deliver(object value)
        {
            if (cluster._monitors.Count > 0) cluster._pendingEvents.Add(new Delivered(self, value));
        }

        public void Reply(ClientRequest request, object response)
        {
            cluster._replied.Add(request.Id);
            if (cluster._monitors.Count > 0) cluster._pendingEvents.Add(new Replied(self, request, response));
        }

        public void Persist(object durableState) => cluster._durable[self] = durableState;

        public int Choose(int count)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Choose needs at least one option");
            return count == 1 ? 0 : cluster._runtime.RandomInteger(count);
        }

        public void Notify(object observation)
        {
            if (cluster._monitors.Count > 0) cluster._pendingEvents.Add(new Observed(self, observation));
        }

        public void Label(string action, params object[] args)
        {
            cluster._labelAction = action;
            cluster._labelArgs = args;
        }
    }

    private void RecordSent(Envelope env)
    {
        // A fresh list per run that sent anything (readers tell runs apart by identity), as the explorer's.
        _sent.Add(env);
    }
}

internal enum FaultKind : byte
{
    Crash,
    Restart,
    Partition,
    Heal,
}

internal readonly record struct Fault(FaultKind Kind, int Node);
