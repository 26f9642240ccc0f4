using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Systematic.Tests.Systems;

// A register on node 0 and two clients (nodes 1 and 2) that each increment it once. The buggy
// clients read, then write read+1: two increments can interleave and one is lost. The fixed
// clients use compare-and-swap and retry.

public sealed record Read;
public sealed record ReadReply(int Value);
public sealed record Write(int Value);
public sealed record WriteAck;
public sealed record CompareAndSwap(int Expected, int Value);
public sealed record CasReply(bool Swapped);
public sealed record Increment;

public sealed class RegisterServer : INode, IStateHash
{
    public int Value { get; private set; }

    public void OnStart(INodeContext ctx) { }
    public void OnRestart(INodeContext ctx, object? durableState) { }
    public void OnTimer(INodeContext ctx, string timer) { }
    public void OnClientRequest(INodeContext ctx, ClientRequest request) { }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Read:
                ctx.Send(from, new ReadReply(Value));
                break;
            case Write w:
                Value = w.Value;
                ctx.Send(from, new WriteAck());
                break;
            case CompareAndSwap cas:
                var swapped = cas.Expected == Value;
                if (swapped) Value = cas.Value;
                ctx.Send(from, new CasReply(swapped));
                break;
        }
    }

    public ulong StateHash() => (ulong)Value;
}

public sealed class RegisterClient(bool atomic) : INode, IStateHash
{
    private ClientRequest? _pending;
    private int _read;

    public void OnStart(INodeContext ctx) { }
    public void OnRestart(INodeContext ctx, object? durableState) { }
    public void OnTimer(INodeContext ctx, string timer) { }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        _pending = request;
        ctx.Send(0, new Read());
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        // A duplicated reply must not act twice: only the reply the client is waiting for counts.
        if (_pending is null) return;
        switch (message)
        {
            case ReadReply reply:
                _read = reply.Value;
                ctx.Send(0, atomic ? new CompareAndSwap(_read, _read + 1) : new Write(_read + 1));
                break;
            case WriteAck:
            case CasReply { Swapped: true }:
                ctx.Reply(_pending!, "ok");
                _pending = null;
                break;
            case CasReply { Swapped: false }:
                ctx.Send(0, new Read());
                break;
        }
    }

    public ulong StateHash() => (ulong)_read << 1 | (_pending is null ? 0UL : 1UL);
}

/// <summary>Every acknowledged increment is in the register.</summary>
public sealed class NoLostUpdate : SpecMonitor, IStateHash
{
    private int _acknowledged;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Replied:
                _acknowledged++;
                break;
            case StepCompleted when world.Node(0) is RegisterServer server:
                Assert(server.Value >= _acknowledged, $"{_acknowledged} increments were acknowledged but the register holds {server.Value}");
                break;
        }
    }

    public ulong StateHash() => (ulong)_acknowledged;
}

public sealed class RegisterSystem : SystemDefinition
{
    public override string Name => "LostUpdateRegister";
    public override string Family => "example";
    public override IReadOnlyList<BugInfo> Bugs => [new("read-then-write", "clients increment with a read followed by a blind write")];
    public override int DefaultMaxSteps => 100;

    public override Scenario CreateScenario(string? bug) => Create(bug is null);

    public static Scenario Create(bool atomic, FaultModel? faults = null) => new()
    {
        NodeCount = 3,
        CreateNode = id => id == 0 ? new RegisterServer() : new RegisterClient(atomic),
        Workload = [new ClientRequest(1, 1, new Increment()), new ClientRequest(2, 2, new Increment())],
        Faults = faults ?? FaultModel.Reliable,
        CreateMonitors = () => [new NoLostUpdate()],
        RepliesExpected = true,
    };
}
