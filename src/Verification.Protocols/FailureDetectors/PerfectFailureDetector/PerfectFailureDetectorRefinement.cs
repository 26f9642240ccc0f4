using Verification.Protocols.FailureDetectors.Common;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.FailureDetectors.PerfectFailureDetector;

/// <summary>
/// The refinement mapping from a PerfectFailureDetector world to the variables of
/// specs/failure-detectors/PerfectFailureDetector.tla: alive, suspected, network and crashed; the
/// timers are left to the spec (MCPerfectFailureDetectorConformance.cfg runs no Tick: see there).
/// </summary>
public static class PerfectFailureDetectorRefinement
{
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var abstraction = new HeartbeatAbstraction(world);
        return new OrderedDictionary<string, Value>
        {
            ["alive"] = abstraction.Alive(),
            ["suspected"] = abstraction.Suspected(),
            ["network"] = abstraction.Network(),
            ["crashed"] = abstraction.Crashed(),
        };
    }
}
