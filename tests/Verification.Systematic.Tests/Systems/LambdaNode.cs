using Verification.Systematic.Runtime;

namespace Verification.Systematic.Tests.Systems;

/// <summary>A node assembled from delegates, for tests of the world's semantics.</summary>
public sealed class LambdaNode : INode
{
    public Action<INodeContext>? Start { get; init; }
    public Action<INodeContext, object?>? Restart { get; init; }
    public Action<INodeContext, int, object>? Message { get; init; }
    public Action<INodeContext, string>? Timer { get; init; }
    public Action<INodeContext, ClientRequest>? Request { get; init; }

    /// <summary>Free-form state a test may inspect through IWorldView.Node.</summary>
    public List<object> Log { get; } = new();

    public void OnStart(INodeContext ctx) => Start?.Invoke(ctx);
    public void OnRestart(INodeContext ctx, object? durableState) => Restart?.Invoke(ctx, durableState);
    public void OnMessage(INodeContext ctx, int from, object message) => Message?.Invoke(ctx, from, message);
    public void OnTimer(INodeContext ctx, string timer) => Timer?.Invoke(ctx, timer);
    public void OnClientRequest(INodeContext ctx, ClientRequest request) => Request?.Invoke(ctx, request);
}

/// <summary>A monitor assembled from a delegate.</summary>
public sealed class LambdaMonitor(string name, Action<LambdaMonitor, Verification.Systematic.Monitors.MonitorEvent, IWorldView> onEvent) : Verification.Systematic.Monitors.SpecMonitor
{
    public override string Name => name;
    public override void OnEvent(Verification.Systematic.Monitors.MonitorEvent e, IWorldView world) => onEvent(this, e, world);
    public void Check(bool condition, string message) => Assert(condition, message);
    public void SetHot(string reason) => Hot(reason);
    public void SetCold() => Cold();
}
