using System.Text.Json.Nodes;
using Microsoft.Coyote.Specifications;
using Verification.Host.Node;
using Verification.Host.Storage;
using Verification.Host.Systems;
using Verification.Host.Transport;
using Verification.Host.Wire;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// Node hosts of one system in one process, unchanged except for their seams: an
/// <see cref="InMemoryNetwork"/>, an <see cref="InMemoryDisk"/> per node that outlives its lives,
/// and the <see cref="ControlledTimeProvider"/>. Each life is watched by a <see cref="LifeProbe"/>.
/// Every task here and in the host is Coyote's to schedule (both assemblies are rewritten).
/// </summary>
internal sealed class HostCluster
{
    private readonly HostedSystem _system;
    private readonly int _nodes;
    private readonly string? _hostBug;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _specActions;
    private readonly InMemoryNetwork _network;
    private readonly InMemoryDisk[] _disks;
    private readonly Life?[] _lives;
    private readonly TimeProvider _time = new ControlledTimeProvider();

    private sealed record Life(NodeHost Host, ITransport Endpoint, LifeProbe Probe, CancellationTokenSource Cancel, Task Running);

    public HostCluster(string system, int nodes, string? hostBug, IReadOnlyDictionary<string, IReadOnlyList<string>>? specActions)
    {
        _system = HostedSystem.Find(system) ?? throw new ArgumentException($"no hosted system {system}");
        _nodes = nodes;
        _hostBug = hostBug;
        _specActions = specActions;
        _network = new InMemoryNetwork(nodes);
        _disks = [.. Enumerable.Range(0, nodes).Select(_ => new InMemoryDisk())];
        _lives = new Life?[nodes];
    }

    /// <summary>Whether a restart asserts that no acknowledgement was lost (off: leave it to the spec conformance of the logs).</summary>
    public bool CheckAcknowledgements { get; init; } = true;

    /// <summary>Starts a life of the node: a first boot, or a recovery from its disk.</summary>
    public void Start(int node)
    {
        var settings = new NodeSettings(_system.Name, null, node, _nodes, Directory: ".", TickMilliseconds: 1, Seed: 1, HostBug: _hostBug);
        var probe = new LifeProbe(settings.Name, node);
        var endpoint = probe.Watch(_network.Transport(node));
        var host = new NodeHost(settings, _system, endpoint, static _ => { }, _specActions, probe.Watch(_disks[node].Open()), _time);
        var cancel = new CancellationTokenSource();
        _lives[node] = new Life(host, endpoint, probe, cancel, Task.Run(() => host.RunAsync(cancel.Token)));
    }

    public void Request(int node, int id) =>
        _lives[node]?.Host.Post(new JsonObject { ["t"] = "request", ["id"] = id, ["payload"] = PayloadCodec.Encode(_system.Operation!(id, new Random(id))) });

    /// <summary>Cuts the node's links to the given peers (none: a reconnect).</summary>
    public void Links(int node, params int[] cut) =>
        _lives[node]?.Host.Post(new JsonObject { ["t"] = "links", ["cut"] = new JsonArray([.. cut.Select(c => (JsonNode?)c)]) });

    /// <summary>
    /// Kills the node as kill -9 would (its disk keeps only what was durable, its endpoint drops what
    /// it still sends), waits for its tasks to wind down, and starts it again from its disk. Frames
    /// already in its inbox wait for the new life, which must refuse those sent to the old one.
    /// </summary>
    public async Task CrashAndRestartAsync(int node)
    {
        if (_lives[node] is not { } life) return;
        life.Probe.Crash();
        _disks[node].Crash();
        await life.Endpoint.DisposeAsync();
        life.Cancel.Cancel();
        await life.Running;
        life.Cancel.Dispose();
        var recovered = RecoveredEvent(node);
        Specification.Assert(!CheckAcknowledgements || recovered >= life.Probe.LastSentEvent,
            $"lost acknowledgement: {life.Probe.Node} sent frames of its event {life.Probe.LastSentEvent} but restarts from event {recovered}: the crash lost a step its peers saw");
        Start(node);
    }

    /// <summary>The node's own clock entry a recovery starts from: the log's last line, or the durable record's line if the crash lost it from the log.</summary>
    private long RecoveredEvent(int node)
    {
        var disk = _disks[node];
        var logged = disk.Log is [.., var last] ? FileNodeStore.ClockOf(last)[node] : 0;
        var durable = disk.Durable is { Line: not null, Clock: var clock } ? clock[node] : 0;
        return Math.Max(logged, durable);
    }

    /// <summary>Stops the node the way the supervisor does (a stop command) and waits for its host to end.</summary>
    public async Task StopAsync(int node)
    {
        if (_lives[node] is not { } life) return;
        life.Host.Post(new JsonObject { ["t"] = "stop" });
        await life.Running;
        await life.Endpoint.DisposeAsync();
        life.Cancel.Dispose();
    }

    /// <summary>Each node's log, as the host wrote it across its lives.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Logs => [.. _disks.Select(d => d.Log)];
}
