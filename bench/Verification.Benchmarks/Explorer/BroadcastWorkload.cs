using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Benchmarks.Explorer;

// A protocol-sized workload for the explorer's throughput: eager reliable broadcast among five
// nodes (every node relays a message the first time it sees it), ten broadcasts, a gossip timer
// per node that re-announces what it has until it has everything, one crash (crash-stop) and two drops in the
// fault phase, and safety monitors that look at every delivery and every step.

public sealed record Rumor(int Origin, int Seq);
public sealed record Announce(int From, int Count);

public sealed class BroadcastNode : INode, IStateHash
{
    private const int Total = 10;
    private readonly HashSet<(int, int)> _delivered = new();
    private ulong _hash;

    public int DeliveredCount => _delivered.Count;

    public void OnStart(INodeContext ctx) => ctx.SetTimer("gossip", 5);
    public void OnRestart(INodeContext ctx, object? durableState) => OnStart(ctx);

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        var rumor = new Rumor(ctx.Self, request.Id);
        ctx.Label("Broadcast", ctx.Self, request.Id);
        Receive(ctx, rumor);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Rumor rumor:
                ctx.Label("Receive", ctx.Self, from, rumor.Origin, rumor.Seq);
                Receive(ctx, rumor);
                break;
            case Announce:
                ctx.Label("HearAnnounce", ctx.Self, from);
                break;
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        ctx.Label("Gossip", ctx.Self);
        for (var peer = 0; peer < ctx.NodeCount; peer++)
            if (peer != ctx.Self) ctx.Send(peer, new Announce(ctx.Self, _delivered.Count));
        if (_delivered.Count < Total) ctx.SetTimer("gossip", 5);
    }

    private void Receive(INodeContext ctx, Rumor rumor)
    {
        if (!_delivered.Add((rumor.Origin, rumor.Seq))) return;
        _hash += (ulong)(rumor.Origin * 1_000 + rumor.Seq) * 0x9E3779B97F4A7C15UL;
        ctx.Deliver(rumor);
        for (var peer = 0; peer < ctx.NodeCount; peer++)
            if (peer != ctx.Self) ctx.Send(peer, rumor);
    }

    public ulong StateHash() => _hash;
}

/// <summary>No node delivers a rumor twice, and only broadcast rumors are delivered.</summary>
public sealed class NoDuplicateDelivery : SpecMonitor
{
    private readonly HashSet<(int Node, Rumor Rumor)> _seen = new();
    private readonly HashSet<int> _issued = new();

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued issued:
                _issued.Add(issued.Request.Id);
                break;
            case Delivered { Value: Rumor rumor } delivered:
                Assert(_issued.Contains(rumor.Seq), $"n{delivered.Node} delivered {rumor}, which nobody broadcast");
                Assert(_seen.Add((delivered.Node, rumor)), $"n{delivered.Node} delivered {rumor} twice");
                break;
        }
    }
}

/// <summary>A global check after every step, as protocol monitors do: no node is ahead of the broadcasts issued.</summary>
public sealed class DeliveriesBounded : SpecMonitor
{
    private int _issued;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is RequestIssued) _issued++;
        if (e is not StepCompleted) return;
        for (var node = 0; node < world.NodeCount; node++)
            if (world.Node(node) is BroadcastNode live)
                Assert(live.DeliveredCount <= _issued, $"n{node} delivered {live.DeliveredCount} rumors but only {_issued} were broadcast");
    }
}

public sealed class BroadcastWorkloadSystem : SystemDefinition
{
    public override string Name => "BenchEagerBroadcast";
    public override string Family => "example";
    public override int DefaultMaxSteps => 1_000;

    public override Scenario CreateScenario(string? bug) => new()
    {
        NodeCount = 5,
        CreateNode = _ => new BroadcastNode(),
        Workload = Enumerable.Range(1, 10).Select(id => new ClientRequest(id, id % 5, "broadcast")).ToArray(),
        Faults = new FaultModel { MaxCrashes = 1, MaxDrops = 2, FaultsUntilStep = 200 },
        CreateMonitors = () => [new NoDuplicateDelivery(), new DeliveriesBounded()],
    };
}
