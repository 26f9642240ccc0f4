namespace Verification.Systematic.Runtime;

/// <summary>
/// Everything a node may do to the world. The world turns each call into an effect that the
/// strategy later schedules (a send becomes an in-flight message, a timer becomes a pending
/// event), so a handler never observes the consequence of its own effects.
/// </summary>
public interface INodeContext
{
    /// <summary>This node's id, in 0..NodeCount-1.</summary>
    int Self { get; }

    int NodeCount { get; }

    /// <summary>Puts a message in flight to <paramref name="to"/> (may be Self). Messages must be immutable values (records).</summary>
    void Send(int to, object message);

    /// <summary>
    /// Arms (or re-arms) the logical timer <paramref name="name"/>. It becomes an enabled event once
    /// <paramref name="delay"/> logical ticks have passed; the world's clock advances one tick per
    /// step and jumps forward when nothing else is enabled. Precisely: armed during step s (or in
    /// OnStart, s = 0) with delay d, the timer is enabled from step s + d + 1 on, so delay 0 means
    /// "at the next step" and a larger delay lets that many other steps happen first.
    /// </summary>
    void SetTimer(string name, int delay = 0);

    void CancelTimer(string name);

    bool IsTimerSet(string name);

    /// <summary>Hands a value to the application (a broadcast delivery, a decided value, an applied command). Monitors observe it.</summary>
    void Deliver(object value);

    /// <summary>Answers a client request of this node. Monitors observe it.</summary>
    void Reply(ClientRequest request, object response);

    /// <summary>Replaces this node's durable state (an immutable value); it survives crashes and is handed to OnRestart.</summary>
    void Persist(object durableState);

    /// <summary>A nondeterministic choice in [0, count) made by the strategy (recorded and replayed).</summary>
    int Choose(int count);

    /// <summary>Sends an observation to the monitors only (Coyote's Monitor&lt;T&gt;(e)); it does not affect the world.</summary>
    void Notify(object observation);

    /// <summary>
    /// Names the TLA+ action this step performs, with its parameters as values, the acting node
    /// first, e.g. Label("HandleVoteRequest", LabelValue.OfNode(Self), LabelValue.OfNode(m.From), m.Term).
    /// Each argument becomes a <see cref="LabelValue"/> (<see cref="LabelValue.From"/>). Without it
    /// the step keeps the world's label (Deliver / Timer / Request ...). Used by traces and conformance.
    /// </summary>
    void Label(string action, params object[] args);
}
