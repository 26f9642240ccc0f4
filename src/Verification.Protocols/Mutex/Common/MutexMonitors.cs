using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.Common;

/// <summary>The spec's state[p], shared by the mutual exclusion specs.</summary>
public enum MutexState
{
    Idle,
    Wanting,
    Critical,
}

/// <summary>Told to the monitors when a node enters the critical section with its request's timestamp.</summary>
public sealed record EnteredCriticalSection(int Node, int RequestTime);

/// <summary>Told to the monitors when a node leaves the critical section.</summary>
public sealed record LeftCriticalSection(int Node);

/// <summary>Mutual exclusion: a node enters the critical section only while no other node is in it.</summary>
public sealed class MutualExclusionMonitor : SpecMonitor
{
    private (int Node, long Since)? inside;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: EnteredCriticalSection entered }:
                Assert(inside is null,
                    $"{SpecNames.Node(entered.Node)} entered the critical section while {SpecNames.Node(inside?.Node ?? -1)} was in it (since step {inside?.Since})");
                inside = (entered.Node, world.Step);
                break;
            case Observed { Observation: LeftCriticalSection left } when inside?.Node == left.Node:
                inside = null;
                break;
        }
    }
}

/// <summary>
/// First come, first served: nodes enter the critical section in the order of their requests'
/// &lt;&lt;timestamp, node id&gt;&gt;. Ricart and Agrawala's and Lamport's algorithms guarantee it (a
/// later request either carries a higher timestamp, or was made while the earlier one was pending,
/// and then waits for it); a state invariant cannot say it, since it relates entries at different times.
/// </summary>
public sealed class RequestOrderMonitor : SpecMonitor
{
    private LamportTimestamp? last;

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        if (e is not Observed { Observation: EnteredCriticalSection entered }) return;
        var request = new LamportTimestamp(entered.RequestTime, entered.Node);
        Assert(last is not { } previous || previous < request,
            $"{SpecNames.Node(entered.Node)} entered with request {request} after a request {last} entered: entries out of timestamp order");
        last = request;
    }
}

/// <summary>No starvation (liveness, the spec's NoStarvation): hot while a client's request for the critical section has not been granted.</summary>
public sealed class NoStarvationMonitor : SpecMonitor
{
    private readonly SortedDictionary<int, (ClientRequest Request, long Issued)> waiting = [];

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued issued:
                waiting[issued.Request.Id] = (issued.Request, world.Step);
                break;
            case Replied replied:
                waiting.Remove(replied.Request.Id);
                break;
            default:
                return;
        }
        if (waiting.Count == 0)
        {
            Cold();
            return;
        }
        var (request, since) = waiting.Values.First();
        Hot($"{SpecNames.Node(request.Node)}'s client asked for the critical section at step {since} and has not entered");
    }
}
