using System.Globalization;
using System.Text;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Network;
using Verification.Systematic.Strategies;

namespace Verification.Systematic.Runtime;

/// <summary>How a run ended.</summary>
internal enum RunEnd : byte
{
    /// <summary>Nothing enabled and no timer pending: the system went quiet.</summary>
    Quiescent,
    /// <summary>The step bound was reached.</summary>
    StepBound,
    /// <summary>The strategy ended the run (replayed schedule exhausted, or DFS pruned a revisited state).</summary>
    StrategyStopped,
    /// <summary>The campaign's time budget ran out during the run; the run is not judged and not counted.</summary>
    OutOfTime,
    /// <summary>A bug was found.</summary>
    Bug,
}

/// <summary>A bug found during one run.</summary>
internal sealed record RunFailure(string Detector, string Message, long Step);

/// <summary>
/// The deterministic world of one iteration: nodes, messages in flight, logical timers, durable
/// storage, the workload and the faults. Every step executes exactly one enabled event chosen by the
/// strategy. A world is reused across the iterations of one worker (Reset), so the hot loop does
/// not allocate beyond what the nodes themselves allocate.
/// </summary>
internal sealed class World : IWorldView, IScheduleView
{
    private struct PendingTimer
    {
        public string Name;
        public long Due;
    }

    private Scenario _scenario = null!;
    private FaultModel _faults = FaultModel.Reliable;
    private ISchedulingStrategy _strategy = null!;
    private int _nodeCount;
    private INode?[] _nodes = [];
    private bool[] _up = [];
    private bool[] _everCrashed = [];
    private object?[] _durable = [];
    private NodeContext[] _contexts = [];
    private List<PendingTimer>[] _timers = [];
    private ClientRequest[][] _requestsByNode = [];
    private int[] _nextRequest = [];
    private bool[] _crashable = [];
    private bool[] _linkSeen = [];
    private readonly InFlightMessages _network = new();
    private IReadOnlyList<SpecMonitor> _monitors = [];
    private int[] _temperature = [];
    private long[] _hotSince = [];
    private readonly List<MonitorEvent> _pendingEvents = new();
    private readonly List<EventKey> _decisions = new();
    private List<string>? _labels;
    private EnabledEvent[] _enabled = new EnabledEvent[64];
    private int _enabledCount;
    private readonly HashSet<int> _repliedRequests = new();

    private int _crashes, _drops, _duplicates, _partitions;
    private long _now;
    private long _step;

    // The step being executed, kept so its label can be built after the fact (only when needed).
    private EventKey _currentKey;
    private Envelope _currentEnvelope;
    private string? _labelAction;
    private object[]? _labelArgs;
    private int _handlingNode = -1;

    public int NodeCount => _nodeCount;
    public long Step => _step;
    public long Iteration { get; private set; } = -1;
    public long Now => _now;
    public IReadOnlyList<Envelope> InFlight => _network;

    // A fresh list for each run that sent anything, so a reader can tell runs apart by the list's identity.
    private List<Envelope> _sent = [];

    public IReadOnlyList<Envelope> Sent => _sent;
    internal InFlightMessages Network => _network;
    internal FaultModel Faults => _faults;

    bool IScheduleView.Reordering => _faults.Reordering;
    internal IReadOnlyList<SpecMonitor> Monitors => _monitors;

    /// <summary>The decisions taken so far (events and integer choices), in order.</summary>
    public List<EventKey> Decisions => _decisions;

    /// <summary>Step labels, when the world was reset with label recording on.</summary>
    public List<string>? Labels => _labels;

    public bool IsUp(int node) => _up[node];
    public bool HasCrashed(int node) => _everCrashed[node];
    public INode? Node(int node) => _nodes[node];
    public object? Durable(int node) => _durable[node];

    public void Reset(Scenario scenario, ISchedulingStrategy strategy, bool recordLabels, long iteration = -1)
    {
        Iteration = iteration;
        _scenario = scenario;
        _faults = scenario.Faults ?? FaultModel.Reliable;
        _strategy = strategy;
        var n = scenario.NodeCount;
        if (n < 1) throw new ArgumentException($"a scenario needs at least one node (NodeCount = {n})");
        if (n > 62) throw new ArgumentException($"at most 62 nodes are supported (NodeCount = {n})");
        if (n != _nodeCount || _nodes.Length != n)
        {
            _nodeCount = n;
            _nodes = new INode?[n];
            _up = new bool[n];
            _everCrashed = new bool[n];
            _durable = new object?[n];
            _contexts = new NodeContext[n];
            _timers = new List<PendingTimer>[n];
            _nextRequest = new int[n];
            _crashable = new bool[n];
            _linkSeen = new bool[n * n];
            for (var i = 0; i < n; i++)
            {
                _contexts[i] = new NodeContext(this, i);
                _timers[i] = new List<PendingTimer>();
            }
        }
        else
        {
            Array.Clear(_nodes);
            Array.Clear(_everCrashed);
            Array.Clear(_durable);
            Array.Clear(_nextRequest);
            for (var i = 0; i < n; i++) _timers[i].Clear();
        }
        for (var i = 0; i < n; i++)
        {
            _up[i] = true;
            _crashable[i] = _faults.CrashableNodes is null || _faults.CrashableNodes.Contains(i);
        }
        _requestsByNode = GroupWorkload(scenario.Workload, n);
        _network.Reset(n);
        if (_sent.Count > 0) _sent = new List<Envelope>(_sent.Capacity);
        _pendingEvents.Clear();
        _decisions.Clear();
        _repliedRequests.Clear();
        _labels = recordLabels ? new List<string>() : null;
        _crashes = _drops = _duplicates = _partitions = 0;
        _now = 0;
        _step = 0;
        _labelAction = null;
        _labelArgs = null;
        _handlingNode = -1;
        FailingNode = -1;
        _monitors = scenario.CreateMonitors();
        if (_temperature.Length != _monitors.Count)
        {
            _temperature = new int[_monitors.Count];
            _hotSince = new long[_monitors.Count];
        }
        else Array.Clear(_temperature);
    }

    // A worker runs the same scenario every iteration: group its workload once.
    private ClientRequest[][] _groupedWorkload = [];
    private IReadOnlyList<ClientRequest>? _groupedFrom;

    private ClientRequest[][] GroupWorkload(IReadOnlyList<ClientRequest> workload, int n)
    {
        if (ReferenceEquals(workload, _groupedFrom) && _groupedWorkload.Length == n) return _groupedWorkload;
        var lists = new List<ClientRequest>[n];
        for (var i = 0; i < n; i++) lists[i] = new List<ClientRequest>();
        foreach (var request in workload)
        {
            if ((uint)request.Node >= (uint)n)
                throw new ArgumentException($"workload request #{request.Id} targets n{request.Node + 1}, but the scenario has {n} nodes (n1..n{n})");
            lists[request.Node].Add(request);
        }
        var grouped = new ClientRequest[n][];
        for (var i = 0; i < n; i++)
        {
            lists[i].Sort(static (a, b) => a.Id.CompareTo(b.Id));
            grouped[i] = lists[i].ToArray();
        }
        _groupedFrom = workload;
        _groupedWorkload = grouped;
        return grouped;
    }

    /// <summary>Boots every node (not a step: the initial state is the state after all OnStart calls).</summary>
    public void Start()
    {
        for (var i = 0; i < _nodeCount; i++)
        {
            var node = _scenario.CreateNode(i) ?? throw new InvalidOperationException($"the scenario's node factory returned null for n{i + 1}");
            _nodes[i] = node;
            RunHandler(i, static (node, ctx, _) => node.OnStart(ctx), 0);
        }
        if (_monitors.Count > 0) _pendingEvents.Add(RunStarted.Instance);
        DispatchPending();
        for (var m = 0; m < _monitors.Count; m++) _hotSince[m] = _monitors[m].IsHot ? 0 : -1;
    }

    /// <summary>True once the scenario's faults have stopped (its heal phase), or when it has no heal phase at all.</summary>
    private bool InHealPhaseOrNone => _faults.FaultsUntilStep is not { } until || _step > until;

    private bool FaultsOpen => _faults.FaultsUntilStep is not { } until || _step < until;

    /// <summary>
    /// Fills the enabled-event buffer in a deterministic order (messages in send order, then timers,
    /// requests and faults by node). When nothing is enabled but a timer is pending, logical time
    /// jumps to the earliest deadline. Returns the number of enabled events (0 = quiescent).
    /// </summary>
    public int ComputeEnabled()
    {
        var count = CollectEnabled();
        if (count == 0 && AdvanceClockToNextTimer()) count = CollectEnabled();
        _enabledCount = count;
        return count;
    }

    public ReadOnlySpan<EnabledEvent> Enabled => new(_enabled, 0, _enabledCount);

    private int CollectEnabled()
    {
        _enabledCount = 0;
        var faultsOpen = FaultsOpen;
        if (!faultsOpen && _network.IsPartitioned)
        {
            // Heal phase: the partition ends before anything else happens.
            Add(new EventKey(EventKind.Heal, -1, -1, 0, null), -1);
            return _enabledCount;
        }

        var n = _nodeCount;
        if (_faults.Reordering)
        {
            for (var i = 0; i < _network.Count; i++)
            {
                ref readonly var flight = ref _network[i];
                var env = flight.Envelope;
                if (_up[env.To] && !_network.IsBlocked(env.From, env.To))
                    Add(new EventKey(EventKind.Deliver, env.To, env.From, flight.LinkSeq, null), i);
            }
        }
        else
        {
            // FIFO links: only the oldest message of each link may be delivered.
            var seen = _linkSeen;
            for (var i = 0; i < _network.Count; i++)
            {
                ref readonly var flight = ref _network[i];
                var env = flight.Envelope;
                var link = env.From * n + env.To;
                if (seen[link]) continue;
                seen[link] = true;
                if (_up[env.To] && !_network.IsBlocked(env.From, env.To))
                    Add(new EventKey(EventKind.Deliver, env.To, env.From, flight.LinkSeq, null), i);
            }
            for (var i = 0; i < _network.Count; i++)
            {
                ref readonly var flight = ref _network[i];
                seen[flight.Envelope.From * n + flight.Envelope.To] = false;
            }
        }

        for (var node = 0; node < n; node++)
        {
            if (!_up[node]) continue;
            var timers = _timers[node];
            for (var t = 0; t < timers.Count; t++)
                if (timers[t].Due <= _now) Add(new EventKey(EventKind.Timer, node, -1, 0, timers[t].Name), t);
        }

        for (var node = 0; node < n; node++)
        {
            var next = _nextRequest[node];
            var requests = _requestsByNode[node];
            if (_up[node] && next < requests.Length)
                Add(new EventKey(EventKind.Request, node, -1, requests[next].Id, null), next);
        }

        if (faultsOpen)
        {
            if (_crashes < _faults.MaxCrashes)
                for (var node = 0; node < n; node++)
                    if (_up[node] && _crashable[node]) Add(new EventKey(EventKind.Crash, node, -1, 0, null), -1);
            if (_drops < _faults.MaxDrops)
                for (var i = 0; i < _network.Count; i++)
                {
                    ref readonly var flight = ref _network[i];
                    Add(new EventKey(EventKind.Drop, flight.Envelope.To, flight.Envelope.From, flight.LinkSeq, null), i);
                }
            if (_duplicates < _faults.MaxDuplicates)
                for (var i = 0; i < _network.Count; i++)
                {
                    ref readonly var flight = ref _network[i];
                    Add(new EventKey(EventKind.Duplicate, flight.Envelope.To, flight.Envelope.From, flight.LinkSeq, null), i);
                }
            if (!_network.IsPartitioned && _partitions < _faults.MaxPartitions && n >= 2)
                Add(new EventKey(EventKind.Partition, -1, -1, 0, null), -1);
        }
        if (_network.IsPartitioned) Add(new EventKey(EventKind.Heal, -1, -1, 0, null), -1);

        if (_faults.CrashRecovery)
            for (var node = 0; node < n; node++)
                if (!_up[node]) Add(new EventKey(EventKind.Restart, node, -1, 0, null), -1);

        return _enabledCount;
    }

    private void Add(in EventKey key, int slot)
    {
        if (_enabledCount == _enabled.Length) Array.Resize(ref _enabled, _enabled.Length * 2);
        ref var e = ref _enabled[_enabledCount++];
        e.Key = key;
        e.Slot = slot;
    }

    private bool AdvanceClockToNextTimer()
    {
        var earliest = long.MaxValue;
        for (var node = 0; node < _nodeCount; node++)
        {
            if (!_up[node]) continue;
            var timers = _timers[node];
            for (var t = 0; t < timers.Count; t++)
                if (timers[t].Due < earliest) earliest = timers[t].Due;
        }
        if (earliest == long.MaxValue || earliest <= _now) return false;
        _now = earliest;
        return true;
    }

    /// <summary>
    /// Executes enabled event <paramref name="index"/> as one step, then lets the monitors observe it.
    /// Exceptions from nodes and monitors propagate to the caller, which turns them into bugs.
    /// </summary>
    public void Execute(int index)
    {
        var chosen = _enabled[index];
        var key = chosen.Key;
        _labelAction = null;
        _labelArgs = null;
        _currentEnvelope = default;
        if (key.Kind == EventKind.Partition) key = key with { Seq = _strategy.NextPartition(_nodeCount) };
        _currentKey = key;
        _decisions.Add(key);
        // The step counts (and the clock ticks) from the moment it starts, so a handler sees its own
        // step number and a timer armed with delay d fires after d further steps.
        _step++;
        _now++;

        switch (key.Kind)
        {
            case EventKind.Deliver:
            {
                var env = _network.RemoveAt(chosen.Slot);
                _currentEnvelope = env;
                RunHandler(env.To, static (node, ctx, env) => node.OnMessage(ctx, env.From, env.Message), env);
                break;
            }
            case EventKind.Timer:
                _timers[key.Node].RemoveAt(chosen.Slot);
                RunHandler(key.Node, static (node, ctx, name) => node.OnTimer(ctx, name), key.Name!);
                break;
            case EventKind.Request:
            {
                var request = _requestsByNode[key.Node][chosen.Slot];
                _nextRequest[key.Node]++;
                if (_monitors.Count > 0) _pendingEvents.Add(new RequestIssued(request));
                RunHandler(key.Node, static (node, ctx, request) => node.OnClientRequest(ctx, request), request);
                break;
            }
            case EventKind.Crash:
                _crashes++;
                _up[key.Node] = false;
                _everCrashed[key.Node] = true;
                _nodes[key.Node] = null;
                _timers[key.Node].Clear();
                _network.RemoveAddressedTo(key.Node);
                if (_monitors.Count > 0) _pendingEvents.Add(new NodeCrashed(key.Node));
                break;
            case EventKind.Restart:
            {
                var fresh = _scenario.CreateNode(key.Node) ?? throw new InvalidOperationException($"the scenario's node factory returned null for n{key.Node + 1}");
                _nodes[key.Node] = fresh;
                _up[key.Node] = true;
                if (_monitors.Count > 0) _pendingEvents.Add(new NodeRestarted(key.Node));
                RunHandler(key.Node, static (node, ctx, durable) => node.OnRestart(ctx, durable), _durable[key.Node]);
                break;
            }
            case EventKind.Drop:
                _drops++;
                _currentEnvelope = _network.RemoveAt(chosen.Slot);
                break;
            case EventKind.Duplicate:
            {
                _duplicates++;
                var env = _network[chosen.Slot].Envelope;
                _currentEnvelope = env;
                _network.Add(env.From, env.To, env.Message);
                break;
            }
            case EventKind.Partition:
                _partitions++;
                _network.Partition(key.Seq);
                break;
            case EventKind.Heal:
                _network.Heal();
                break;
            default:
                throw new InvalidOperationException($"not a step: {key.Kind}");
        }

        _labels?.Add(BuildLabel());
        if (_monitors.Count > 0)
        {
            _pendingEvents.Add(new StepCompleted(_step, CurrentLabel));
            DispatchPending();
        }
    }

    private void RunHandler<T>(int node, Action<INode, INodeContext, T> handler, T argument)
    {
        _handlingNode = node;
        try
        {
            handler(_nodes[node]!, _contexts[node], argument);
        }
        catch (Exception) when (RecordFailingNode(node))
        {
            throw;
        }
        finally
        {
            _handlingNode = -1;
        }
    }

    /// <summary>The node whose handler threw, or -1.</summary>
    public int FailingNode { get; private set; } = -1;

    private bool RecordFailingNode(int node)
    {
        FailingNode = node;
        return false;
    }

    /// <summary>When a step failed before its label was recorded, records it now (traces end with the failing step).</summary>
    public void CompleteLabelAfterFailure()
    {
        if (_labels is not null && _labels.Count < _step) _labels.Add(_step == 0 ? "Start" : BuildLabel());
    }

    private void DispatchPending()
    {
        if (_pendingEvents.Count == 0) return;
        var monitors = _monitors;
        // Index loop: a monitor's OnEvent must not see events appended during dispatch, and there are none.
        for (var e = 0; e < _pendingEvents.Count; e++)
        {
            var ev = _pendingEvents[e];
            for (var m = 0; m < monitors.Count; m++) monitors[m].OnEvent(ev, this);
        }
        _pendingEvents.Clear();
    }

    /// <summary>
    /// Updates the liveness temperatures after a step (Coyote: +1 per step spent hot, reset on
    /// cooling down) and remembers since when each monitor is hot. Returns the index of a monitor
    /// past <paramref name="threshold"/>, or -1.
    /// </summary>
    public int UpdateTemperatures(int threshold)
    {
        var monitors = _monitors;
        var over = -1;
        for (var m = 0; m < monitors.Count; m++)
        {
            if (monitors[m].IsHot)
            {
                if (_hotSince[m] < 0) _hotSince[m] = _step;
                // While faults may still strike, staying hot proves nothing (the faults may be what
                // keeps the obligation pending): temperature only rises in the heal phase (VOPR).
                if (!InHealPhaseOrNone) continue;
                if (++_temperature[m] > threshold && over < 0) over = m;
            }
            else
            {
                _temperature[m] = 0;
                _hotSince[m] = -1;
            }
        }
        return over;
    }

    /// <summary>The step at which monitor <paramref name="m"/> last turned hot (0 = hot from the start), or -1 while cold.</summary>
    public long HotSince(int m) => _hotSince[m];

    public void EndRun(bool quiescent)
    {
        if (_monitors.Count == 0) return;
        _pendingEvents.Add(new RunEnded(_step, quiescent));
        DispatchPending();
    }

    /// <summary>Issued requests of nodes that never crashed and that got no reply (for the deadlock check).</summary>
    public List<int> UnansweredRequests()
    {
        var result = new List<int>();
        for (var node = 0; node < _nodeCount; node++)
        {
            if (_everCrashed[node]) continue;
            var requests = _requestsByNode[node];
            for (var r = 0; r < _nextRequest[node]; r++)
                if (!_repliedRequests.Contains(requests[r].Id)) result.Add(requests[r].Id);
        }
        return result;
    }

    /// <summary>What the label of the step just executed is made of; formatting waits until someone reads it.</summary>
    private StepLabel CurrentLabel => new(_currentKey, _currentEnvelope, _labelAction, _labelArgs, _nodeCount);

    public StepEvent CurrentStep => _step == 0 ? new StepEvent(StepKind.Unknown, -1) : CurrentLabel.Event;

    public StepLabel? CurrentStepLabel => _step == 0 ? null : CurrentLabel;

    /// <summary>The label of the step just executed: the node's own (ctx.Label) or the world's.</summary>
    public string BuildLabel() => CurrentLabel.Format();

    /// <summary>
    /// A canonical hash of the world for DFS pruning, or null when some live node cannot summarize
    /// its state (<see cref="IStateHash"/>). Messages count as a multiset when the network may
    /// reorder them and as per-link sequences otherwise; timers by their remaining delay.
    /// </summary>
    public ulong? StateHash()
    {
        ulong h = 0xCBF29CE484222325UL;
        for (var node = 0; node < _nodeCount; node++)
        {
            ulong nodeHash;
            if (_nodes[node] is { } live)
            {
                if (live is not IStateHash hashable) return null;
                nodeHash = hashable.StateHash();
            }
            else nodeHash = 0xDEAD;
            h = Strategies.Prng.Mix(h, nodeHash);
            h = Strategies.Prng.Mix(h, Hash64(_durable[node]));
            h = Strategies.Prng.Mix(h, (ulong)_nextRequest[node] << 1 | (_up[node] ? 1UL : 0UL));
            ulong timerSum = 0;
            foreach (var timer in _timers[node])
                timerSum += Strategies.Prng.Mix((ulong)StringComparer.Ordinal.GetHashCode(timer.Name), (ulong)Math.Max(0, timer.Due - _now));
            h = Strategies.Prng.Mix(h, timerSum);
        }
        ulong messages = 0;
        for (var i = 0; i < _network.Count; i++)
        {
            ref readonly var flight = ref _network[i];
            var env = flight.Envelope;
            var position = _faults.Reordering ? 0UL : (ulong)PositionOnLink(i);
            messages += Strategies.Prng.Mix((ulong)(env.From * 64 + env.To) << 32 ^ position, Hash64(env.Message));
        }
        h = Strategies.Prng.Mix(h, messages);
        h = Strategies.Prng.Mix(h, (ulong)_network.PartitionMask);
        h = Strategies.Prng.Mix(h, (ulong)(_crashes | _drops << 8 | _duplicates << 16 | _partitions << 24));
        // A monitor's temperature is part of the state: the same world with an obligation pending or met
        // must not be merged, or a liveness violation could hide behind a pruned run.
        foreach (var monitor in _monitors)
        {
            h = Strategies.Prng.Mix(h, monitor.IsHot ? 1UL : 2UL);
            if (monitor is IStateHash hashable) h = Strategies.Prng.Mix(h, hashable.StateHash());
        }
        return h;
    }

    /// <summary>A durable state's or message's 64-bit hash (<see cref="IStateHash"/>), else its 32-bit <see cref="object.GetHashCode"/>.</summary>
    private static ulong Hash64(object? value) => value switch
    {
        null => 0,
        IStateHash hashable => hashable.StateHash(),
        _ => (ulong)(uint)value.GetHashCode(),
    };

    private int PositionOnLink(int slot)
    {
        var env = _network[slot].Envelope;
        var position = 0;
        for (var i = 0; i < slot; i++)
        {
            var other = _network[i].Envelope;
            if (other.From == env.From && other.To == env.To) position++;
        }
        return position;
    }

    // ---- effects requested by nodes through their context ----

    private void CheckHandling(int self)
    {
        if (_handlingNode != self)
            throw new InvalidOperationException($"node n{self + 1} used its context outside of one of its own handlers");
    }

    private void Send(int self, int to, object message)
    {
        CheckHandling(self);
        if ((uint)to >= (uint)_nodeCount) throw new ArgumentOutOfRangeException(nameof(to), to, $"n{self + 1} sent to node index {to}, outside 0..{_nodeCount - 1}");
        ArgumentNullException.ThrowIfNull(message);
        // A crashed node's connections are gone: a message to it is lost.
        _sent.Add(_up[to] ? _network.Add(self, to, message) : _network.Lost(self, to, message));
    }

    private void SetTimer(int self, string name, int delay)
    {
        CheckHandling(self);
        ArgumentNullException.ThrowIfNull(name);
        if (delay < 0) throw new ArgumentOutOfRangeException(nameof(delay), delay, "timer delay must be non-negative");
        var timers = _timers[self];
        var due = _now + delay;
        for (var t = 0; t < timers.Count; t++)
        {
            if (timers[t].Name != name) continue;
            timers[t] = new PendingTimer { Name = name, Due = due };
            return;
        }
        timers.Add(new PendingTimer { Name = name, Due = due });
    }

    private void CancelTimer(int self, string name)
    {
        CheckHandling(self);
        var timers = _timers[self];
        for (var t = 0; t < timers.Count; t++)
        {
            if (timers[t].Name != name) continue;
            timers.RemoveAt(t);
            return;
        }
    }

    private bool IsTimerSet(int self, string name)
    {
        var timers = _timers[self];
        for (var t = 0; t < timers.Count; t++)
            if (timers[t].Name == name) return true;
        return false;
    }

    private int Choose(int self, int count)
    {
        CheckHandling(self);
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Choose needs at least one option");
        var value = count == 1 ? 0 : _strategy.NextInteger(count);
        if ((uint)value >= (uint)count) throw new InvalidOperationException($"the schedule chose {value} where only 0..{count - 1} are possible");
        if (count > 1) _decisions.Add(EventKey.Choice(value));
        return value;
    }

    private sealed class NodeContext(World world, int self) : INodeContext
    {
        public int Self => self;
        public int NodeCount => world._nodeCount;
        public void Send(int to, object message) => world.Send(self, to, message);
        public void SetTimer(string name, int delay = 0) => world.SetTimer(self, name, delay);
        public void CancelTimer(string name) => world.CancelTimer(self, name);
        public bool IsTimerSet(string name) => world.IsTimerSet(self, name);
        public void Deliver(object value)
        {
            world.CheckHandling(self);
            if (world._monitors.Count > 0) world._pendingEvents.Add(new Delivered(self, value));
        }

        public void Reply(ClientRequest request, object response)
        {
            world.CheckHandling(self);
            world._repliedRequests.Add(request.Id);
            if (world._monitors.Count > 0) world._pendingEvents.Add(new Replied(self, request, response));
        }

        public void Persist(object durableState)
        {
            world.CheckHandling(self);
            world._durable[self] = durableState;
        }

        public int Choose(int count) => world.Choose(self, count);
        public void Notify(object observation)
        {
            world.CheckHandling(self);
            if (world._monitors.Count > 0) world._pendingEvents.Add(new Observed(self, observation));
        }

        public void Label(string action, params object[] args)
        {
            world.CheckHandling(self);
            world._labelAction = action;
            world._labelArgs = args;
        }
    }
}
