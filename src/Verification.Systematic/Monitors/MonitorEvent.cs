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

/// <summary>
/// Every node has booted (OnStart ran): the world is in its initial state, before the first step.
/// Sent once per run, after the events of the nodes' OnStart handlers.
/// </summary>
public sealed record RunStarted : MonitorEvent
{
    public static RunStarted Instance { get; } = new();
}

/// <summary>The last event of every step; <see cref="StepLabel"/> is the step's label as data, <see cref="Label"/> its text.</summary>
/// <remarks>
/// The explorer creates the label text only when a monitor reads it: formatting a label for every
/// step would cost more than the step itself.
/// </remarks>
public sealed record StepCompleted : MonitorEvent
{
    private string? _label;

    public StepCompleted(long step, StepLabel label)
    {
        Step = step;
        StepLabel = label;
    }

    public long Step { get; init; }

    /// <summary>What the step was: the node's action and its arguments, and the world's event.</summary>
    public StepLabel StepLabel { get; }

    /// <summary>The label's text (<see cref="Runtime.StepLabel.Format"/>), for printing.</summary>
    public string Label => _label ??= StepLabel.Format();

    public void Deconstruct(out long Step, out string Label)
    {
        Step = this.Step;
        Label = this.Label;
    }

    public bool Equals(StepCompleted? other) => other is not null && Step == other.Step && Label == other.Label;

    public override int GetHashCode() => HashCode.Combine(Step, Label);

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Step = ").Append(Step).Append(", Label = ").Append(Label);
        return true;
    }
}

/// <summary>The run is over (step bound reached or nothing enabled): last chance for end-of-run checks.</summary>
public sealed record RunEnded(long Steps, bool Quiescent) : MonitorEvent;
