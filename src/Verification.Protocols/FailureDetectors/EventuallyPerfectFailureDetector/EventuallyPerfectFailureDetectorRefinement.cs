using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.FailureDetectors.EventuallyPerfectFailureDetector;

/// <summary>
/// The refinement mapping from an EventuallyPerfectFailureDetector world to the variables of
/// specs/failure-detectors/EventuallyPerfectFailureDetector.tla: period, alive, suspected, network
/// and crashed; the timers and gst are left to the spec (MCEventuallyPerfectFailureDetectorConformance.cfg
/// runs neither Tick nor GST: the explorer's runs are checked as asynchronous ones, see there).
/// </summary>
public static class EventuallyPerfectFailureDetectorRefinement
{
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var abstraction = new HeartbeatAbstraction(world);
        return new OrderedDictionary<string, Value>
        {
            ["period"] = abstraction.Period(),
            ["alive"] = abstraction.Alive(),
            ["suspected"] = abstraction.Suspected(),
            ["network"] = abstraction.Network(),
            ["crashed"] = abstraction.Crashed(),
        };
    }
}
