namespace Verification.Systematic.Runtime;

/// <summary>What a monitor (or a refinement mapping) may read of the world: a global, read-only view.</summary>
public interface IWorldView
{
    int NodeCount { get; }

    /// <summary>Steps taken so far in this iteration.</summary>
    long Step { get; }

    /// <summary>
    /// The campaign iteration this run is, counting from 0; -1 for runs that are no iteration of a
    /// campaign (calibration, shrinking, replays). Lets an observer sample iterations by index, so
    /// that what it samples does not depend on the number of workers.
    /// </summary>
    long Iteration => -1;

    bool IsUp(int node);

    /// <summary>True once the node has crashed in this run, even if it restarted since (a node that never crashed is "correct").</summary>
    bool HasCrashed(int node);

    /// <summary>The node's volatile state object, or null while it is down.</summary>
    INode? Node(int node);

    /// <summary>The node's last persisted durable state, or null.</summary>
    object? Durable(int node);

    /// <summary>Messages in flight, in the order they were sent.</summary>
    IReadOnlyList<Envelope> InFlight { get; }

    /// <summary>
    /// Every message sent in this run, in send order, including those lost at once because their
    /// receiver was down: the history a spec whose message set only grows (Lamport's Paxos) maps to.
    /// Within a run the list only grows; a new run gets a new list.
    /// </summary>
    IReadOnlyList<Envelope> Sent => throw new NotSupportedException($"{GetType().Name} keeps no history of sent messages");

    /// <summary>
    /// What the step being observed did (kind, node, message), for observers that draw the run; a
    /// monitor may fail the run before the step's last event (<c>StepCompleted</c>), so every event of
    /// the step can tell. Unknown before the first step.
    /// </summary>
    StepEvent CurrentStep => new(StepKind.Unknown, -1);

    /// <summary>The label of the step being observed (as <c>StepCompleted.StepLabel</c> gives it), or null before the first step.</summary>
    StepLabel? CurrentStepLabel => null;
}
