using Microsoft.Coyote.Actors;

namespace Verification.Coyote.Hosting;

/// <summary>An actor of the cluster with an index of its own (a node, a link, a client), both given by its Setup event.</summary>
internal abstract class ClusterMember : Actor
{
    protected Cluster _cluster = null!;
    protected int Index { get; private set; }

    protected override Task OnInitializeAsync(Event initialEvent)
    {
        var setup = (Setup)initialEvent;
        _cluster = setup.Cluster;
        Index = setup.Index;
        return Task.CompletedTask;
    }
}

/// <summary>
/// One protocol node as a Coyote actor, wrapping the same sans-I/O node object the explorer runs:
/// each handled event is one world step (a delivery, a due timer, a client request, a restart),
/// and the node's sends and due timers become Coyote events once the step is done.
/// </summary>
[OnEventDoAction(typeof(MessageArrived), nameof(OnMessageArrived))]
[OnEventDoAction(typeof(RequestArrived), nameof(OnRequestArrived))]
[OnEventDoAction(typeof(NodeTimerElapsed), nameof(OnTimerElapsed))]
[OnEventDoAction(typeof(RestartNode), nameof(OnRestart))]
internal sealed class NodeActor : ClusterMember
{
    private int _self => Index;

    private void OnMessageArrived(Event e)
    {
        _cluster.Deliver((MessageArrived)e);
        AfterStep();
    }

    private void OnRequestArrived(Event e)
    {
        var taken = _cluster.Request(_self, (RequestArrived)e);
        _cluster.Post(_cluster.ClientActors[_self], new RequestTaken(taken));
        AfterStep();
    }

    private void OnTimerElapsed(Event e)
    {
        var elapsed = (NodeTimerElapsed)e;
        _cluster.TimerElapsed(_self, elapsed.Incarnation, elapsed.Name, elapsed.Generation);
        AfterStep();
    }

    private void OnRestart(Event e)
    {
        _cluster.Restart(_self);
        if (_cluster.UnparkClient(_self)) _cluster.Post(_cluster.ClientActors[_self], ClientTurn.Instance);
        if (_cluster.NemesisWaiting && _cluster.Nemesis is { } nemesis)
        {
            // The nemesis's own pending work (its turns) did not end while it waited: the wake is not counted again.
            _cluster.NemesisWaiting = false;
            SendEvent(nemesis, WakeNemesis.Instance);
        }
        AfterStep();
    }

    /// <summary>The step's effects that need Coyote (link turns, due timers), then the event's pending work is done.</summary>
    private void AfterStep()
    {
        _cluster.Flush();
        _cluster.WorkDone();
    }
}

/// <summary>
/// One directed link of the network (from, to) as a Coyote actor. It holds the link's messages; at
/// each turn it delivers, drops or duplicates one of them (a controlled choice), so Coyote's
/// scheduling of link actors orders messages across links and the choice of message orders them
/// within a link (Coyote inboxes alone are FIFO: without these actors nothing would reorder).
/// </summary>
[OnEventDoAction(typeof(LinkTurn), nameof(OnTurn))]
internal sealed class LinkActor : ClusterMember
{
    private int _link => Index;

    private void OnTurn()
    {
        _cluster.LinkTurnTaken(_link);
        var count = _cluster.LinkCount(_link);
        if (!_cluster.Ended && count > 0)
        {
            var canDeliver = !_cluster.IsBlocked(_link) && !_cluster.AwaitingHeal;
            var canDrop = _cluster.CanDrop;
            var canDuplicate = _cluster.CanDuplicate;
            var options = (canDeliver ? 1 : 0) + (canDrop ? 1 : 0) + (canDuplicate ? 1 : 0);
            // Blocked by a partition with no fault left to inject (options == 0): the heal gives the turn back.
            if (options > 0)
            {
                var action = options == 1 ? 0 : RandomInteger(options);
                if (!canDeliver) action++;
                if (action == 1 && !canDrop) action++;
                // FIFO links deliver their oldest message; any message may be lost or copied.
                var index = count == 1 || (action == 0 && !_cluster.Reordering) ? 0 : RandomInteger(count);
                switch (action)
                {
                    case 0:
                        var arrived = _cluster.HandOver(_link, index);
                        _cluster.Post(_cluster.NodeActors[_cluster.LinkTo(_link)], arrived);
                        break;
                    case 1:
                        _cluster.Drop(_link, index);
                        break;
                    default:
                        _cluster.Duplicate(_link, index);
                        break;
                }
                _cluster.Flush();
            }
        }
        _cluster.WorkDone();
    }
}

/// <summary>
/// The client of one node: issues the node's requests of the scenario's workload one at a time, in
/// id order, each when Coyote schedules it; a request that reaches a crashed node is issued again
/// after the node restarts (the explorer issues requests to live nodes only).
/// </summary>
[OnEventDoAction(typeof(ClientTurn), nameof(OnTurn))]
[OnEventDoAction(typeof(RequestTaken), nameof(OnTaken))]
internal sealed class ClientActor : ClusterMember
{
    private int _node => Index;

    private void OnTurn()
    {
        IssueNext();
        _cluster.WorkDone();
    }

    private void OnTaken(Event e)
    {
        if (!_cluster.Ended) IssueNext();
        _cluster.WorkDone();
    }

    private void IssueNext()
    {
        if (_cluster.Ended || _cluster.NextRequest(_node) is not { } request) return;
        if (!_cluster.IsUp(_node))
        {
            _cluster.ParkClient(_node);
            return;
        }
        _cluster.Post(_cluster.NodeActors[_node], new RequestArrived(request, _cluster.Incarnation(_node)));
    }
}

/// <summary>
/// The fault injector: while a fault is possible under the scenario's FaultModel (crash, restart,
/// partition, heal; drops and duplicates belong to the links) it stays enabled, like a Coyote
/// timer (a state machine with a default-event handler, as Coyote's mock timer is), and each time
/// Coyote schedules it injects one fault chosen by a controlled choice.
/// </summary>
internal sealed class NemesisActor : StateMachine
{
    private Cluster _cluster = null!;
    private readonly List<Fault> _possible = [];

    [Start]
    [OnEntry(nameof(OnSetup))]
    [OnEventDoAction(typeof(DefaultEvent), nameof(OnTick))]
    private sealed class Injecting : State
    {
    }

    /// <summary>No fault possible until a restart on its way completes (the node's actor wakes the nemesis then): no busy waiting, which an unfair strategy would run forever.</summary>
    [OnEventGotoState(typeof(WakeNemesis), typeof(Injecting))]
    private sealed class Waiting : State
    {
    }

    private void OnSetup(Event initialEvent)
    {
        if (initialEvent is Setup setup) _cluster = setup.Cluster;
    }

    private void OnTick()
    {
        _cluster.PossibleFaults(_possible);
        if (_possible.Count == 0)
        {
            if (!_cluster.Ended && _cluster.AnyRestarting)
            {
                _cluster.NemesisWaiting = true;
                RaiseGotoStateEvent<Waiting>();
                return;
            }
            RaiseHaltEvent();
            _cluster.WorkDone();
            return;
        }
        var fault = _possible[_possible.Count == 1 ? 0 : RandomInteger(_possible.Count)];
        switch (fault.Kind)
        {
            case FaultKind.Crash:
                _cluster.Crash(fault.Node);
                break;
            case FaultKind.Restart:
                _cluster.RestartRequested(fault.Node);
                _cluster.Post(_cluster.NodeActors[fault.Node], RestartNode.Instance);
                break;
            case FaultKind.Partition:
                _cluster.Partition(_cluster.PartitionSplits == 1 ? 0 : RandomInteger(_cluster.PartitionSplits));
                break;
            case FaultKind.Heal:
                _cluster.Heal();
                break;
        }
        _cluster.Flush();
    }
}
