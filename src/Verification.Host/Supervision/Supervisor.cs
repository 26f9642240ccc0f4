using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Host.Node;
using Verification.Host.Systems;
using Verification.Host.Validation;
using Verification.Host.Wire;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Systematic.Runtime;
using Verification.Tla.Conformance;

namespace Verification.Host.Supervision;

/// <summary>
/// `verify run`: starts one process per node, drives the client workload and the seeded nemesis
/// for the run's duration, stops every process it started (always: also on cancellation and
/// errors), then checks the run: the per-node logs merged and validated against the spec, and for
/// the key-value store the client history's linearizability.
/// </summary>
public sealed class Supervisor
{
    private readonly RunOptions _options;
    private readonly HostedSystem _system;
    private readonly int _nodes;
    private readonly List<NodeProcess> _processes = [];
    private readonly ConcurrentDictionary<int, Operation> _operations = new();
    private readonly ConcurrentDictionary<(int Node, object Payload), Operation> _awaitingDelivery = new();
    private readonly long[] _sentBefore;
    private readonly long[] _sentNow;
    private readonly List<string> _nemesis = [];
    private readonly Lock _lock = new();
    private readonly long _start = Stopwatch.GetTimestamp();

    private sealed class Operation(int id, int node, object payload, long call)
    {
        public int Id => id;
        public int Node => node;
        public object Payload => payload;
        public long Call => call;
        public long Return = Operation<KvInput, string>.Never;
        public string? Output;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(string? output)
        {
            lock (Done)
            {
                if (Return != Operation<KvInput, string>.Never) return;
                Return = Stopwatch.GetTimestamp();
                Output = output;
            }
            Done.TrySetResult();
        }
    }

    public Supervisor(RunOptions options)
    {
        _options = options;
        _system = HostedSystem.Find(options.System)
            ?? throw new ArgumentException(HostedSystem.NotHosted.FirstOrDefault(n => string.Equals(n, options.System, StringComparison.OrdinalIgnoreCase)) is { } known
                ? $"{known} does not run as real processes yet (its mapping, conformance model or workload has not been made to work outside the explorer: `verify test {known}` explores it); systems that do: {string.Join(", ", HostedSystem.All.Select(s => s.Name))}"
                : $"unknown system '{options.System}' (systems: {string.Join(", ", HostedSystem.All.Select(s => s.Name))})");
        _nodes = options.Nodes ?? _system.DefaultNodes;
        if (_nodes != _system.DefaultNodes && !_system.AnySize)
            throw new ArgumentException($"{_system.Name} runs with {_system.DefaultNodes} nodes only");
        if (_system.ConformanceConfig(_nodes) is null) throw new ArgumentException($"{_system.Name} has no conformance model for {_nodes} nodes");
        if (options.Bug is not null && !_system.Definition.Bugs.Any(b => string.Equals(b.Name, options.Bug, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"unknown bug '{options.Bug}' for {_system.Name} (bugs: {string.Join(", ", _system.Definition.Bugs.Select(b => b.Name))})");
        HostBugs.Parse(options.HostBug);
        _sentBefore = new long[_nodes];
        _sentNow = new long[_nodes];
    }

    public int Nodes => _nodes;

    private string SpecPath => Path.Combine(_options.RepositoryRoot, _system.Definition.Spec!);

    private string ModelPath => Path.Combine(_options.RepositoryRoot, _system.ConformanceConfig(_nodes)!);

    private double Seconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    private void Note(string what)
    {
        var line = $"[{Seconds,6:0.00}s] {what}";
        lock (_lock) _nemesis.Add(line);
        _options.Progress?.WriteLine(line);
    }

    public async Task<RunResult> RunAsync(CancellationToken cancel)
    {
        var outDir = Path.GetFullPath(_options.OutDirectory);
        Directory.CreateDirectory(outDir);
        foreach (var old in Directory.EnumerateFiles(outDir, "n*.*")) File.Delete(old);
        var actionSpec = ConformanceSpec.Load(SpecPath, ModelPath);
        await File.WriteAllTextAsync(Path.Combine(outDir, NodeHost.SpecActionsFile), JsonSerializer.Serialize(NodeHost.SpecActions(actionSpec)), cancel);

        var clock = Stopwatch.StartNew();
        var errors = new ConcurrentQueue<string>();
        try
        {
            for (var i = 0; i < _nodes; i++)
            {
                var settings = new NodeSettings(_system.Name, _options.Bug, i, _nodes, outDir, _options.TickMilliseconds, _options.Seed, _options.HostBug);
                _processes.Add(new NodeProcess(i, _options.Launcher, settings.ToArguments(), OnMessage, line =>
                {
                    errors.Enqueue(line);
                    _options.Progress?.WriteLine(line);
                }));
            }
            await Task.WhenAll(_processes.Select(p => p.StartAsync(cancel)));
            SendPeers();
            Note($"{_nodes} nodes up on 127.0.0.1 ports {string.Join(", ", _processes.Select(p => p.Port))}");

            using var workloadStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            workloadStop.CancelAfter(_options.Duration);
            var random = new Random(_options.Seed);
            // A one-shot workload (the explorer scenario's requests) is over in milliseconds: faults that start
            // later have nothing left to disturb, so for it the first fault is in place before the requests go out.
            var oneShot = _system.Operation is null;
            var firstFault = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = oneShot
                ? [FixedWorkload(firstFault.Task, workloadStop.Token)]
                : Enumerable.Range(0, _options.Clients).Select(c => Client(new Random(random.Next()), workloadStop.Token)).ToList();
            var nemesis = Nemesis(new Random(random.Next()), oneShot ? TimeSpan.Zero : _options.Duration * 0.1, firstFault, workloadStop.Token, cancel);
            await Task.WhenAll([.. clients, nemesis]);
            cancel.ThrowIfCancellationRequested();
            Heal();
            // Let the last answers arrive before the nodes stop.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
        }
        finally
        {
            await StopAll();
        }
        var elapsed = clock.Elapsed;

        var payloads = _operations.Values.OrderBy(o => o.Id).Select(o => o.Payload).ToList();
        var sized = Path.Combine(outDir, "conformance.cfg");
        await File.WriteAllTextAsync(sized, _system.SizeModel(await File.ReadAllTextAsync(ModelPath, CancellationToken.None), payloads), CancellationToken.None);
        var spec = ConformanceSpec.Load(SpecPath, sized);
        var validation = LogMerger.Validate(outDir, _nodes, _system, spec);

        LinearizabilityResult? linearizability = null;
        if (_system.Linearizable)
        {
            var history = _operations.Values.OrderBy(o => o.Call).Select(o => o.Return == Operation<KvInput, string>.Never
                ? Operation<KvInput, string>.Pending(o.Id, (KvInput)o.Payload, o.Call)
                : new Operation<KvInput, string>(o.Id, (KvInput)o.Payload, o.Output, o.Call, o.Return)).ToList();
            linearizability = LinearizabilityChecker.Check(KvModel.Instance, history);
        }

        var completed = _operations.Values.Where(o => o.Return != Operation<KvInput, string>.Never).ToList();
        var latencies = completed.Select(o => Stopwatch.GetElapsedTime(o.Call, o.Return).TotalMilliseconds).Order().ToArray();
        var messages = Enumerable.Range(0, _nodes).Sum(i => _sentBefore[i] + _sentNow[i]);
        return new RunResult
        {
            System = _system.Name,
            Nodes = _nodes,
            Elapsed = elapsed,
            Operations = _operations.Count,
            Completed = completed.Count,
            OperationsPerSecond = completed.Count / Math.Max(_options.Duration.TotalSeconds, 1e-3),
            P50Milliseconds = Percentile(latencies, 0.50),
            P95Milliseconds = Percentile(latencies, 0.95),
            P99Milliseconds = Percentile(latencies, 0.99),
            Messages = messages,
            MessagesPerOperation = completed.Count == 0 ? 0 : (double)messages / completed.Count,
            Nemesis = [.. _nemesis],
            Linearizability = linearizability,
            Validation = validation,
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private void OnMessage(int node, JsonObject message)
    {
        switch ((string?)message["t"])
        {
            case "reply":
                if (_operations.TryGetValue((int)message["id"]!, out var op))
                    op.Complete(PayloadCodec.Decode(message["response"]) is { } response ? Convert.ToString(response, CultureInfo.InvariantCulture) : null);
                break;
            case "deliver":
                if (PayloadCodec.Decode(message["value"]) is { } value && _system.DeliveredPayload(value) is { } payload
                    && _awaitingDelivery.TryRemove((node, payload), out var delivered))
                    delivered.Complete(null);
                break;
            case "stats":
                _sentNow[node] = (long?)message["sent"] ?? 0;
                break;
        }
    }

    private void SendPeers()
    {
        var ports = new JsonArray([.. _processes.Select(p => (JsonNode?)p.Port)]);
        foreach (var process in _processes) process.Send(new JsonObject { ["t"] = "peers", ["ports"] = ports.DeepClone() });
    }

    private bool Issue(Operation op)
    {
        _operations[op.Id] = op;
        _awaitingDelivery[(op.Node, op.Payload)] = op;
        var sent = _processes[op.Node].Send(new JsonObject { ["t"] = "request", ["id"] = op.Id, ["payload"] = PayloadCodec.Encode(op.Payload) });
        if (!sent)
        {
            // The node is down: the request never reached it, so it is no operation of the history.
            _operations.TryRemove(op.Id, out _);
            _awaitingDelivery.TryRemove((op.Node, op.Payload), out _);
        }
        return sent;
    }

    private int _nextOperation;

    /// <summary>One client: an operation at a time, at a node it picks, until the workload ends; an unanswered one stays pending.</summary>
    private async Task Client(Random random, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Interlocked.Increment(ref _nextOperation);
                var op = new Operation(id, random.Next(_nodes), _system.Operation!(id, random), Stopwatch.GetTimestamp());
                if (!Issue(op))
                {
                    await Task.Delay(50, stop);
                    continue;
                }
                await op.Done.Task.WaitAsync(TimeSpan.FromSeconds(2), stop).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The explorer scenario's requests, each to its node, all at once (competing proposers race for real).</summary>
    private async Task FixedWorkload(Task firstFault, CancellationToken stop)
    {
        try
        {
            await firstFault.WaitAsync(stop);
            foreach (var request in _system.Definition.CreateScenario(_options.Bug).Workload)
            {
                var op = new Operation(request.Id, request.Node, request.Payload, Stopwatch.GetTimestamp());
                while (!Issue(op) && !stop.IsCancellationRequested) await Task.Delay(50, stop);
            }
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Faults from the seed, one at a time, from <paramref name="start"/> to 75% of the run; the network heals
    /// before the end. <paramref name="firstFault"/> completes once the first fault is in place (at once without faults).
    /// </summary>
    private async Task Nemesis(Random random, TimeSpan start, TaskCompletionSource firstFault, CancellationToken stop, CancellationToken abort)
    {
        var kinds = Enum.GetValues<FaultKinds>().Where(k => k != FaultKinds.None && _options.Faults.HasFlag(k)).ToArray();
        if (kinds.Length == 0)
        {
            firstFault.TrySetResult();
            return;
        }
        var end = _options.Duration * 0.75;
        var since = Stopwatch.StartNew();
        try
        {
            await Task.Delay(start, stop);
            while (since.Elapsed < end)
            {
                var kind = kinds[random.Next(kinds.Length)];
                var victim = random.Next(_nodes);
                var hold = TimeSpan.FromMilliseconds(300 + random.Next(700));
                switch (kind)
                {
                    case FaultKinds.Crash:
                        Note($"kill -9 n{victim + 1}");
                        _sentBefore[victim] += _sentNow[victim];
                        _sentNow[victim] = 0;
                        _processes[victim].Kill();
                        firstFault.TrySetResult();
                        try
                        {
                            await Task.Delay(hold, stop);
                        }
                        finally
                        {
                            // Even when the run ends meanwhile: every node's log must end alive, its crash recovered.
                            await _processes[victim].StartAsync(abort);
                            SendPeers();
                            Note($"restarted n{victim + 1} (port {_processes[victim].Port})");
                        }
                        break;
                    case FaultKinds.Partition:
                        Note($"partition {{n{victim + 1}}} | rest");
                        for (var i = 0; i < _nodes; i++)
                            _processes[i].Send(Links(i == victim ? Enumerable.Range(0, _nodes).Where(j => j != i) : [victim], 0));
                        firstFault.TrySetResult();
                        await Task.Delay(hold, stop);
                        Heal();
                        Note("healed");
                        break;
                    case FaultKinds.Loss:
                        var loss = 0.1 + random.NextDouble() * 0.3;
                        Note($"loss {loss:0.00} on every link");
                        foreach (var process in _processes) process.Send(Links([], loss));
                        firstFault.TrySetResult();
                        await Task.Delay(hold, stop);
                        Heal();
                        Note("no loss");
                        break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 + random.Next(600)), stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            firstFault.TrySetResult();
        }
    }

    private static JsonObject Links(IEnumerable<int> cut, double loss) =>
        new() { ["t"] = "links", ["cut"] = new JsonArray([.. cut.Select(c => (JsonNode?)c)]), ["loss"] = loss };

    private void Heal()
    {
        foreach (var process in _processes) process.Send(Links([], 0));
    }

    private async Task StopAll()
    {
        // A node killed but not yet restarted stays down; every live one is asked to stop, then killed.
        await Task.WhenAll(_processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(3))));
    }

    /// <summary>Kills every process at once (Ctrl-C, the host process exiting).</summary>
    public void KillAll()
    {
        foreach (var process in _processes) process.Kill();
    }
}
