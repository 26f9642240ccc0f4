using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Host.Concurrency;
using Verification.Host.Storage;
using Verification.Host.Systems;
using Verification.Host.Transport;
using Verification.Host.Wire;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Host.Node;

/// <summary>
/// Runs one sans-I/O node for real: one event at a time (a frame, a timer on the real clock, a
/// client request), each handler's effects collected and made visible only after the step is
/// durable: the node's persisted state (with the step's log line) written and fsynced, then the
/// log line appended and flushed, then the sends, replies and deliveries. The vector clock counts
/// logged events; frames carry it. Partitions and message loss, as the supervisor sets them, are
/// applied here, above the transport. Three seams let the same host run in one process under
/// Coyote's scheduler: the transport, the store (<see cref="INodeStore"/>: the durable write is an
/// awaited point) and the clock (<see cref="TimeProvider"/>: timers).
/// </summary>
public sealed class NodeHost
{
    private readonly NodeSettings _settings;
    private readonly HostedSystem _system;
    private readonly ITransport _transport;
    private readonly Action<JsonObject> _report;
    private readonly IRefinementMapping _mapping;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _actions;
    private readonly Mailbox<HostEvent> _events = new();
    private readonly Dictionary<string, (long Generation, ITimer Timer)> _timers = new(StringComparer.Ordinal);
    private readonly long[] _clock;
    private readonly Random _random;
    private readonly INodeStore _store;
    private readonly TimeProvider _time;
    private readonly HostBug _hostBug;

    private INode _node = null!;

    // This node's entries as its log last wrote them.
    private readonly Dictionary<string, Value> _lastLogged = new(StringComparer.Ordinal);
    private object? _durable;
    private long _timerGeneration;
    private long _steps;
    private long _sent;
    private long _droppedByNemesis;
    private long _refused;
    private long _restartFloor;
    private HashSet<int> _cut = [];
    private double _loss;
    private long _lastStats;

    private abstract record HostEvent;
    private sealed record FrameArrived(Frame Frame) : HostEvent;
    private sealed record TimerFired(string Name, long Generation) : HostEvent;
    private sealed record Command(JsonObject Body) : HostEvent;

    public NodeHost(NodeSettings settings, HostedSystem system, ITransport transport, Action<JsonObject> report,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? specActions, INodeStore? store = null, TimeProvider? time = null)
    {
        _settings = settings;
        _system = system;
        _transport = transport;
        _report = report;
        _mapping = system.Mapping;
        _actions = specActions;
        _clock = new long[settings.Nodes];
        _store = store ?? new FileNodeStore(settings.LogPath, settings.DurablePath);
        _time = time ?? TimeProvider.System;
        _hostBug = HostBugs.Parse(settings.HostBug);
        // Seeded by the run, the node and the life (a restart draws differently), the same in every process.
        _random = new Random(unchecked((settings.Seed * 7919) + (settings.Node * 104729) + (int)(_store.RecoveredClock?.ElementAtOrDefault(settings.Node) ?? 0)));
    }

    /// <summary>Spec actions and their parameters, as the supervisor wrote them next to the logs (null when absent: every labelled step is logged).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? ReadSpecActions(string directory)
    {
        var path = Path.Combine(directory, SpecActionsFile);
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(path))!
            .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    public const string SpecActionsFile = "spec-actions.json";

    /// <summary>The spec's actions and their parameters, which the nodes read from <see cref="SpecActionsFile"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SpecActions(Verification.Tla.Conformance.ConformanceSpec spec) =>
        spec.ActionNames.ToDictionary(a => a, a => (IReadOnlyList<string>)spec.Action(a)!.Parameters.ToArray(), StringComparer.Ordinal);

    /// <summary>Supervisor commands (JSON objects): request, links, stop.</summary>
    public void Post(JsonObject command) => _events.Post(new Command(command));

    /// <summary>Boots (or recovers) the node and runs it until a stop command or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        // Not a linked source: disposing one waits for the parent's cancellation callback, which a
        // systematic scheduler may have paused on the cancelling task.
        using var stopPump = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            while (await _transport.ReceiveAsync(stopPump.Token) is { } frame)
                _events.Post(new FrameArrived(frame));
        }, CancellationToken.None);
        if (!_booted) await BootAsync();
        while (await _events.ReceiveAsync(cancel) is { } e)
        {
            if (e is Command { Body: var body } && (string?)body["t"] == "stop") break;
            await HandleAsync(e);
            if (_time.GetElapsedTime(_lastStats).TotalMilliseconds >= 200) ReportStats();
        }
        _events.Complete();
        foreach (var (_, timer) in _timers.Values) await timer.DisposeAsync();
        _timers.Clear();
        ReportStats();
        _store.Dispose();
        stopPump.Cancel();
        await pump;
    }

    private void ReportStats()
    {
        _lastStats = _time.GetTimestamp();
        _report(new JsonObject { ["t"] = "stats", ["steps"] = _steps, ["sent"] = _sent, ["dropped"] = _droppedByNemesis, ["refused"] = _refused });
    }

    private bool _booted;

    /// <summary>
    /// Starts the node (OnStart, its Init line) or recovers it (OnRestart, its restart line) before
    /// anything else reaches it; the node process does this before it tells the supervisor its port,
    /// so a node that is up has always logged its first line.
    /// </summary>
    public async Task BootAsync()
    {
        _booted = true;
        var factory = _system.Nodes(_settings.Nodes, _settings.Bug);
        _node = factory(_settings.Node);
        if (_store.RecoveredClock is { } last)
        {
            // A restart: the clock goes on from the log's last line (or from the persisted step whose line the crash lost).
            var stored = _store.ReadDurable();
            if (stored is { Line: { } pending, Clock: var pendingClock } && pendingClock[_settings.Node] > last[_settings.Node])
            {
                _store.AppendLog(pending);
                last = pendingClock;
            }
            Array.Copy(last, _clock, Math.Min(_clock.Length, last.Length));
            _restartFloor = _clock[_settings.Node];
            _durable = stored?.Durable;
            await StepAsync(null, ctx => _node.OnRestart(ctx, _durable), restart: true);
        }
        else
        {
            _store.DeleteDurable();
            await StepAsync(null, ctx => _node.OnStart(ctx), init: true);
        }
    }

    private async ValueTask HandleAsync(HostEvent e)
    {
        switch (e)
        {
            case FrameArrived { Frame: var frame }:
                // A partitioned link delivers nothing; a restarted node refuses what was sent to its
                // previous life (the sender had not seen its last event), as the spec's crash loses it.
                if (_cut.Contains(frame.From)) { _droppedByNemesis++; return; }
                if (frame.Clock.Count > _settings.Node && frame.Clock[_settings.Node] < _restartFloor) { _refused++; return; }
                for (var i = 0; i < _clock.Length && i < frame.Clock.Count; i++) _clock[i] = Math.Max(_clock[i], frame.Clock[i]);
                var envelope = new Envelope(0, frame.From, _settings.Node, frame.Message);
                await StepAsync(envelope, ctx => _node.OnMessage(ctx, frame.From, frame.Message));
                break;
            case TimerFired { Name: var name, Generation: var generation }:
                if (!_timers.TryGetValue(name, out var armed) || armed.Generation != generation) return;
                _timers.Remove(name);
                armed.Timer.Dispose();
                await StepAsync(null, ctx => _node.OnTimer(ctx, name));
                break;
            case Command { Body: var body }:
                switch ((string?)body["t"])
                {
                    case "request":
                        var request = new ClientRequest((int)body["id"]!, _settings.Node, PayloadCodec.Decode(body["payload"])!);
                        await StepAsync(null, ctx => _node.OnClientRequest(ctx, request));
                        break;
                    case "links":
                        _cut = [.. (body["cut"] as JsonArray ?? []).Select(n => (int)n!)];
                        _loss = (double?)body["loss"] ?? 0;
                        break;
                }
                break;
        }
    }

    /// <summary>One step: the handler, then its effects in the order that keeps the log and the durable state ahead of what others can see.</summary>
    private async ValueTask StepAsync(Envelope? handled, Action<INodeContext> handler, bool init = false, bool restart = false)
    {
        var ctx = new StepContext(this);
        handler(ctx);
        _steps++;
        if (ctx.Persisted) _durable = ctx.Durable;
        var action = ctx.Action;
        if (restart && action is null) action = RestartAction();
        if (init) action = "Init";
        string? line = null;
        if (action is not null && (init || _actions is null || _actions.ContainsKey(action)))
        {
            _clock[_settings.Node] = init ? 1 : _clock[_settings.Node] + 1;
            line = LogLine(action, ctx, handled);
        }
        var clock = (long[])_clock.Clone();
        // The seeded host bug publishes first and makes durable after: a crash in between loses a step others saw.
        if (_hostBug == HostBug.AckBeforeFsync) Publish(ctx, clock);
        if (ctx.Persisted || init) await _store.WriteDurableAsync(new DurableRecord(_durable, clock, line));
        if (line is not null) _store.AppendLog(line);
        if (_hostBug != HostBug.AckBeforeFsync) Publish(ctx, clock);
    }

    /// <summary>The step's effects, visible to others: frames, replies, deliveries.</summary>
    private void Publish(StepContext ctx, long[] clock)
    {
        foreach (var (to, message) in ctx.Sends)
        {
            _sent++;
            if (to == _settings.Node) { _events.Post(new FrameArrived(new Frame(to, to, clock, message))); continue; }
            if (_cut.Contains(to) || (_loss > 0 && _random.NextDouble() < _loss)) { _droppedByNemesis++; continue; }
            _transport.Send(new Frame(_settings.Node, to, clock, message));
        }
        foreach (var (request, response) in ctx.Replies)
            _report(new JsonObject { ["t"] = "reply", ["id"] = request.Id, ["response"] = PayloadCodec.Encode(response) });
        foreach (var value in ctx.Deliveries)
            _report(new JsonObject { ["t"] = "deliver", ["value"] = PayloadCodec.Encode(value) });
    }

    /// <summary>The spec's action for a restart the node did not label: Restart, else Crash (a spec whose crash is crash and recovery in one step).</summary>
    private string RestartAction() =>
        _actions is null || _actions.ContainsKey("Restart") ? "Restart" : _actions.ContainsKey("Crash") ? "Crash" : "Restart";

    private string LogLine(string action, StepContext ctx, Envelope? handled)
    {
        var self = _settings.Node;
        var state = _mapping.AbstractState(new LocalView(self, _settings.Nodes, _node, _durable, [], _steps));
        var me = SpecValuesOf(self);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("node", _settings.Name);
            json.WriteStartObject("clock");
            for (var i = 0; i < _clock.Length; i++) json.WriteNumber(NodeSettings.NodeName(i), _clock[i]);
            json.WriteEndObject();
            json.WriteString("event", action);
            Value? received = handled is { } envelope ? SingleMessage(envelope) : null;
            var parameters = _actions?.GetValueOrDefault(action);
            if (!string.Equals(action, "Init", StringComparison.Ordinal) && parameters is { Count: > 0 })
            {
                var named = new List<(string, Value)> { (parameters[0], me) };
                if (parameters.Count == 2 && received is not null) named.Add((parameters[1], received));
                if (named.Count == parameters.Count)
                {
                    json.WriteStartObject("args");
                    foreach (var (name, value) in named)
                    {
                        json.WritePropertyName(name);
                        ItfWriter.WriteValue(json, value);
                    }
                    json.WriteEndObject();
                }
            }
            // The first line of a life (Init, a restart) has every entry; the others only those the
            // step changed: the node's entries change only in its own logged steps, so a missing one
            // is unchanged (and to a reader that does not know that, merely unknown: still sound).
            var whole = action == "Init" || _lastLogged.Count == 0;
            json.WriteStartObject("state");
            foreach (var (variable, value) in state)
            {
                if (EntryAt(value, me) is not { } entry) continue;
                if (!whole && _lastLogged.TryGetValue(variable, out var last) && last.Equals(entry)) continue;
                _lastLogged[variable] = entry;
                json.WritePropertyName(variable);
                ItfWriter.WriteValue(json, entry);
            }
            json.WriteEndObject();
            if (ctx.StepLabel is { } label)
            {
                json.WriteString("mbt::label", label.Format());
                // The label's arguments as data, so that the merger need not read them back from the text.
                json.WriteStartArray("mbt::args");
                foreach (var argument in _mapping.Arguments(label))
                {
                    if (argument is null) json.WriteNullValue();
                    else ItfWriter.WriteValue(json, argument);
                }
                json.WriteEndArray();
            }
            if (received is not null)
            {
                json.WritePropertyName("mbt::received");
                ItfWriter.WriteValue(json, received);
            }
            if (ctx.Sends.Count > 0 && SentMessages(ctx.Sends) is { Count: > 0 } sent)
            {
                json.WriteStartArray("mbt::sent");
                foreach (var value in sent) ItfWriter.WriteValue(json, value);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Value SpecValuesOf(int node) => SpecValues.Node(node);

    /// <summary>The entry at this node of a function of nodes, or null for any other variable.</summary>
    private Value? EntryAt(Value value, Value me)
    {
        if (value is not FunctionValue { IsTuple: false } function || function.Count != _settings.Nodes) return null;
        foreach (var key in function.DomainElements)
            if (key is not ModelValue { Name: ['n', ..] }) return null;
        return function.TryApply(me, out var entry) ? entry : null;
    }

    /// <summary>The network variable's value with only the given messages in flight (and sent): their spec records.</summary>
    private IReadOnlyList<Value> NetworkValues(IReadOnlyList<Envelope> envelopes)
    {
        var state = _mapping.AbstractState(new LocalView(_settings.Node, _settings.Nodes, _node, _durable, envelopes, _steps));
        return state.TryGetValue("msgs", out var msgs) && msgs is SetValue { IsFinite: true } set ? [.. set.Enumerate()] : [];
    }

    private Value? SingleMessage(Envelope envelope) => NetworkValues([envelope]) is [var only] ? only : null;

    private IReadOnlyList<Value> SentMessages(List<(int To, object Message)> sends) =>
        NetworkValues([.. sends.Select((s, i) => new Envelope(i, _settings.Node, s.To, s.Message))]);

    private void ArmTimer(string name, int delay)
    {
        if (_timers.Remove(name, out var old)) old.Timer.Dispose();
        var generation = ++_timerGeneration;
        var due = TimeSpan.FromMilliseconds(Math.Max(1, delay) * (double)_settings.TickMilliseconds);
        var fired = new TimerFired(name, generation);
        // The seeded host bug runs the timer's step on the timer's own task, beside the event loop's step.
        TimerCallback callback = _hostBug == HostBug.UnsynchronizedDispatch
            ? _ => _ = HandleAsync(fired).AsTask()
            : _ => _events.Post(fired);
        _timers[name] = (generation, _time.CreateTimer(callback, null, due, Timeout.InfiniteTimeSpan));
    }

    private void CancelTimer(string name)
    {
        if (_timers.Remove(name, out var old)) old.Timer.Dispose();
    }

    /// <summary>The effects of one handler, held back until the step is durable.</summary>
    private sealed class StepContext(NodeHost host) : INodeContext
    {
        public List<(int To, object Message)> Sends { get; } = [];
        public List<(ClientRequest Request, object Response)> Replies { get; } = [];
        public List<object> Deliveries { get; } = [];
        public bool Persisted { get; private set; }
        public object? Durable { get; private set; }
        public string? Action { get; private set; }
        public StepLabel? StepLabel { get; private set; }

        public int Self => host._settings.Node;

        public int NodeCount => host._settings.Nodes;

        public void Send(int to, object message) => Sends.Add((to, message));

        // Timers are the node's own business: arming one now shows nothing to others.
        public void SetTimer(string name, int delay = 0) => host.ArmTimer(name, delay);

        public void CancelTimer(string name) => host.CancelTimer(name);

        public bool IsTimerSet(string name) => host._timers.ContainsKey(name);

        public void Deliver(object value) => Deliveries.Add(value);

        public void Reply(ClientRequest request, object response) => Replies.Add((request, response));

        public void Persist(object durableState)
        {
            Persisted = true;
            Durable = durableState;
        }

        public int Choose(int count) => host._random.Next(count);

        public void Notify(object observation)
        {
        }

        public void Label(string action, params object[] args)
        {
            Action = action;
            StepLabel = Systematic.Runtime.StepLabel.Of(action, args);
        }
    }
}
