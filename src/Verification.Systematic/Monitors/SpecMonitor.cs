using Verification.Systematic.Runtime;

namespace Verification.Systematic.Monitors;

/// <summary>
/// A specification as code, as in Coyote: a monitor observes every event of an execution and
/// asserts a global property. Safety: <see cref="Assert"/> fails the run at the first bad step.
/// Liveness: the monitor is <see cref="Hot"/> while an obligation is pending and <see cref="Cold"/>
/// once it is met; ending a run hot, or staying hot past the temperature threshold under a fair
/// schedule, is a liveness bug. A fresh monitor is created for every iteration.
/// </summary>
public abstract class SpecMonitor
{
    public virtual string Name => GetType().Name;

    /// <summary>True while a liveness obligation is pending.</summary>
    public bool IsHot { get; private set; }

    /// <summary>What the monitor is waiting for while hot (reported with a liveness bug).</summary>
    public string? HotReason { get; private set; }

    /// <summary>Called for every event, after the world has applied the step that produced it.</summary>
    public abstract void OnEvent(MonitorEvent e, IWorldView world);

    protected void Assert(bool condition, string message)
    {
        if (!condition) throw new MonitorViolation(Name, message);
    }

    protected void Hot(string reason)
    {
        IsHot = true;
        HotReason = reason;
    }

    protected void Cold()
    {
        IsHot = false;
        HotReason = null;
    }
}

/// <summary>Raised by <see cref="SpecMonitor.Assert"/>; the engine turns it into a bug report.</summary>
public sealed class MonitorViolation(string monitor, string message) : Exception($"{monitor}: {message}")
{
    public string Monitor { get; } = monitor;
    public string Violation { get; } = message;
}
