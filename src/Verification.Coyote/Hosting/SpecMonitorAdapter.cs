using Verification.Systematic.Monitors;
using CoyoteMonitor = Microsoft.Coyote.Specifications.Monitor;

namespace Verification.Coyote.Hosting;

/// <summary>
/// The system's own monitors (the explorer's <see cref="SpecMonitor"/>s) as one Coyote monitor:
/// every world step's events go through them; a violated safety assertion becomes Coyote's
/// assertion failure, and the monitor is in Coyote's hot state while one of them has a liveness
/// obligation pending in the heal phase (cold otherwise), so Coyote's own liveness checks (hot at
/// the end of the execution, temperature under fair schedules) apply to them as well.
/// </summary>
internal sealed class SpecMonitorAdapter : CoyoteMonitor
{
    /// <summary>The events of one world step (or of the boot), for the system's monitors.</summary>
    internal sealed class Observe(Cluster cluster, IReadOnlyList<SpecMonitor> monitors, MonitorEvent[] events) : Event
    {
        public Cluster Cluster { get; } = cluster;
        public IReadOnlyList<SpecMonitor> Monitors { get; } = monitors;
        public MonitorEvent[] Events { get; } = events;
    }

    /// <summary>Whether an obligation is pending (hot) or not (cold).</summary>
    internal sealed class Temperature(bool hot) : Event
    {
        public bool Hot { get; } = hot;
    }

    /// <summary>A bug the run's own end-of-run checks found (liveness at the bound or at quiescence, deadlock).</summary>
    internal sealed class Verdict(string detector, string message) : Event
    {
        public string Detector { get; } = detector;
        public string Message { get; } = message;
    }

    /// <summary>The prefix of every assertion message this monitor fails with: the explorer's detector name in brackets.</summary>
    public static string Format(string detector, string message) => $"[{detector}] {message}";

    [Start]
    [Cold]
    [OnEventDoAction(typeof(Observe), nameof(OnObserve))]
    [OnEventDoAction(typeof(Temperature), nameof(OnTemperature))]
    [OnEventDoAction(typeof(Verdict), nameof(OnVerdict))]
    private sealed class Satisfied : State
    {
    }

    [Hot]
    [OnEventDoAction(typeof(Observe), nameof(OnObserve))]
    [OnEventDoAction(typeof(Temperature), nameof(OnTemperature))]
    [OnEventDoAction(typeof(Verdict), nameof(OnVerdict))]
    private sealed class Pending : State
    {
    }

    private void OnObserve(Event e)
    {
        var observe = (Observe)e;
        foreach (var ev in observe.Events)
        {
            foreach (var monitor in observe.Monitors)
            {
                try
                {
                    monitor.OnEvent(ev, observe.Cluster);
                }
                catch (MonitorViolation violation)
                {
                    Fail(observe.Cluster, violation.Monitor, violation.Violation);
                }
                catch (Exception exception) when (exception is not Microsoft.Coyote.Runtime.AssertionFailureException && !IsCoyoteControl(exception))
                {
                    Fail(observe.Cluster, "exception", $"the scenario threw {exception.GetType().Name}: {exception.Message}");
                }
            }
        }
    }

    // Coyote stops an iteration by throwing through user code; such exceptions are not the system's.
    private static bool IsCoyoteControl(Exception e) => e.GetType().Namespace?.StartsWith("Microsoft.Coyote", StringComparison.Ordinal) == true;

    private void Fail(Cluster cluster, string detector, string message)
    {
        cluster.MonitorFailed(detector, message);
        Assert(false, "{0}", Format(detector, message));
    }

    private void OnTemperature(Event e)
    {
        if (((Temperature)e).Hot) RaiseGotoStateEvent<Pending>();
        else RaiseGotoStateEvent<Satisfied>();
    }

    private void OnVerdict(Event e)
    {
        var verdict = (Verdict)e;
        Assert(false, "{0}", Format(verdict.Detector, verdict.Message));
    }
}
