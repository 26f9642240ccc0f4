using Verification.Systematic.Runtime;

namespace Verification.Systematic.Monitors;

/// <summary>What monitors observe. Every step ends with <see cref="StepCompleted"/>, so a monitor can check global state after each step.</summary>
public abstract record MonitorEvent;

/// <summary>The workload issued a client request to a node (before the node handled it).</summary>
public sealed record RequestIssued(ClientRequest Request) : MonitorEvent;

/// <summary>A node delivered a value to its application (INodeContext.Deliver).</summary>
public sealed record Delivered(int Node, object Value) : MonitorEvent;

/// <summary>A node answered a client request (INodeContext.Reply).</summary>
public sealed record Replied(int Node, ClientRequest Request, object Response) : MonitorEvent;

/// <summary>A node sent an observation to the monitors (INodeContext.Notify).</summary>
public sealed record Observed(int Node, object Observation) : MonitorEvent;

public sealed record NodeCrashed(int Node) : MonitorEvent;

public sealed record NodeRestarted(int Node) : MonitorEvent;

/// <summary>The last event of every step; <paramref name="Label"/> is the step's label.</summary>
public sealed record StepCompleted(long Step, string Label) : MonitorEvent;

/// <summary>The run is over (step bound reached or nothing enabled): last chance for end-of-run checks.</summary>
public sealed record RunEnded(long Steps, bool Quiescent) : MonitorEvent;
