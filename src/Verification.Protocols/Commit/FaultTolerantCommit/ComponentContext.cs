using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Commit.FaultTolerantCommit;

/// <summary>
/// The context a node hands to a broadcast node it uses as a component (the total order
/// broadcast under the commit protocol): sends and timers go to the world as they are; what the
/// component delivers goes to its host, not to the application; its step labels, which name the
/// broadcast spec's actions, are dropped: the host labels the step in its own spec's terms. The
/// component's replies answer requests no client issued (the host's own broadcasts), so they go nowhere.
/// </summary>
/// <param name="sent">Told of every message the component sends (a host that labels its step by what was sent).</param>
internal sealed class ComponentContext(INodeContext world, Action<Delivery> deliver, Action<object>? sent = null) : INodeContext
{
    public int Self => world.Self;

    public int NodeCount => world.NodeCount;

    public void Send(int to, object message)
    {
        sent?.Invoke(message);
        world.Send(to, message);
    }

    public void SetTimer(string name, int delay = 0) => world.SetTimer(name, delay);

    public void CancelTimer(string name) => world.CancelTimer(name);

    public bool IsTimerSet(string name) => world.IsTimerSet(name);

    public void Deliver(object value) => deliver((Delivery)value);

    public void Reply(ClientRequest request, object response)
    {
    }

    public void Persist(object durableState) =>
        throw new NotSupportedException("the broadcast component keeps no durable state of its own: its host logs what it needs");

    public int Choose(int count) => world.Choose(count);

    public void Notify(object observation) => world.Notify(observation);

    // The host labels the step: the component's labels name the broadcast spec's actions.
    public void Label(string action, params object[] args)
    {
    }
}
