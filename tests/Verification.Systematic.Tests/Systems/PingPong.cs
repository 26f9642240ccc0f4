using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Tests.Systems;

// Node 0 sends three numbered pings to node 1, which must hand them to its application in order.
// The buggy ponger delivers each ping as it arrives, which is only right on FIFO links; the fixed
// one holds early pings back until the gap is filled.

public sealed record Ping(int Seq);
public sealed record Pong(int Seq);

public sealed class Pinger(int count) : INode, IStateHash
{
    private int _pongs;

    public void OnStart(INodeContext ctx)
    {
        for (var seq = 1; seq <= count; seq++) ctx.Send(1, new Ping(seq));
    }

    public void OnRestart(INodeContext ctx, object? durableState) { }
    public void OnTimer(INodeContext ctx, string timer) { }
    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is Pong) _pongs++;
    }

    public ulong StateHash() => (ulong)_pongs;
}

public sealed class Ponger(bool reorderBuffer) : INode, IStateHash
{
    private int _next = 1;
    private readonly SortedSet<int> _early = new();

    public void OnStart(INodeContext ctx) { }
    public void OnRestart(INodeContext ctx, object? durableState) { }
    public void OnTimer(INodeContext ctx, string timer) { }
    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is not Ping ping) return;
        ctx.Send(from, new Pong(ping.Seq));
        if (!reorderBuffer)
        {
            ctx.Deliver(ping.Seq);
            return;
        }
        _early.Add(ping.Seq);
        while (_early.Remove(_next)) ctx.Deliver(_next++);
    }

    public ulong StateHash()
    {
        var h = (ulong)_next;
        foreach (var seq in _early) h = h * 31 + (ulong)seq;
        return h;
    }
}

/// <summary>Pings reach the application in the order they were sent.</summary>
public sealed class InOrderDelivery : SpecMonitor, IStateHash
{
    private int _last;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Delivered { Value: int seq }) return;
        Assert(seq == _last + 1, $"ping {seq} was delivered while ping {_last + 1} was due");
        _last = seq;
    }

    public ulong StateHash() => (ulong)_last;
}

public sealed class PingPongSystem : SystemDefinition
{
    public override string Name => "PingPong";
    public override string Family => "example";
    public override IReadOnlyList<BugInfo> Bugs => [new("no-reorder-buffer", "the ponger delivers pings in arrival order")];
    public override int DefaultMaxSteps => 100;

    public override Scenario CreateScenario(string? bug) => Create(reorderBuffer: bug is null, reordering: true);

    public static Scenario Create(bool reorderBuffer, bool reordering, int pings = 3) => new()
    {
        NodeCount = 2,
        CreateNode = id => id == 0 ? new Pinger(pings) : new Ponger(reorderBuffer),
        Faults = new FaultModel { Reordering = reordering },
        CreateMonitors = () => [new InOrderDelivery()],
    };
}
