using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.Common;

/// <summary>
/// What the mutual exclusion nodes share: clients and the critical section. A client request asks
/// for the critical section (the spec's Request(p), which the algorithm implements); a client that
/// asks while its node wants or holds it waits for the node's exit, which arms the
/// <see cref="RequestTimer"/>. Entering and leaving are spec actions of their own (Enter(p),
/// Exit(p)), so each is a timer's step: the algorithm arms <see cref="EnterTimer"/> when its
/// condition to enter holds, and entering answers the client and arms <see cref="ExitTimer"/>.
/// </summary>
public abstract class MutexNode : INode, IStateHash
{
    public const string EnterTimer = "enter";
    public const string ExitTimer = "exit";
    public const string RequestTimer = "request";

    /// <summary>How long a node stays in the critical section, in logical ticks: long enough for requests to arrive meanwhile.</summary>
    public const int CriticalSectionTicks = 3;

    /// <summary>The clients waiting to enter, the one being served first.</summary>
    private readonly Queue<ClientRequest> waiting = new();

    public MutexState State { get; private set; }

    /// <summary>The timestamp of the node's current (or last) request.</summary>
    public abstract int RequestTime { get; }

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("the mutual exclusion algorithms assume nodes that do not crash");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        waiting.Enqueue(request);
        if (State == MutexState.Idle && waiting.Count == 1) StartRequest(ctx);
    }

    public abstract void OnMessage(INodeContext ctx, int from, object message);

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case EnterTimer when State == MutexState.Wanting && MayEnter(ctx): Enter(ctx); break;
            case ExitTimer: Exit(ctx); break;
            case RequestTimer: StartRequest(ctx); break;
        }
    }

    /// <summary>The algorithm's Request(p): label the step, stamp and send the request.</summary>
    protected abstract void Request(INodeContext ctx);

    /// <summary>The algorithm's condition to enter, checked again when the enter timer fires.</summary>
    protected abstract bool MayEnter(INodeContext ctx);

    /// <summary>The algorithm's part of Exit(p), after the step is labelled: answer or release.</summary>
    protected abstract void Release(INodeContext ctx);

    private protected abstract void HashAlgorithmState(ref StateHasher hasher);

    private void StartRequest(INodeContext ctx)
    {
        State = MutexState.Wanting;
        Request(ctx);
    }

    private void Enter(INodeContext ctx)
    {
        ctx.Label("Enter", LabelValue.OfNode(ctx.Self));
        State = MutexState.Critical;
        ctx.Notify(new EnteredCriticalSection(ctx.Self, RequestTime));
        ctx.Reply(waiting.Dequeue(), "entered");
        ctx.SetTimer(ExitTimer, CriticalSectionTicks);
    }

    private void Exit(INodeContext ctx)
    {
        ctx.Label("Exit", LabelValue.OfNode(ctx.Self));
        State = MutexState.Idle;
        ctx.Notify(new LeftCriticalSection(ctx.Self));
        Release(ctx);
        if (waiting.Count > 0) ctx.SetTimer(RequestTimer);
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add((int)State);
        hash.Add(waiting.Count);
        foreach (var request in waiting) hash.Add(request.Id);
        HashAlgorithmState(ref hash);
        return hash.Value;
    }
}
