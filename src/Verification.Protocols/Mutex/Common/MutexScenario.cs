using Verification.Protocols.SpecInvariants;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.Common;

/// <summary>The scenario the mutual exclusion systems share.</summary>
public static class MutexScenario
{
    public const int Nodes = 3;

    /// <summary>Requests per node (the conformance models' MaxRequests).</summary>
    public const int RequestsPerNode = 2;

    /// <summary>
    /// Three nodes, each asked twice by its client for the critical section (client i asks node
    /// i % 3; a node's second request waits for its first to be served), no crashes; the monitors
    /// of mutual exclusion, request order and no starvation, then the spec's invariants.
    /// </summary>
    public static Scenario For(ProtocolSystem system, Func<int, INode> createNode, bool reordering) => new()
    {
        NodeCount = Nodes,
        CreateNode = createNode,
        Workload = [.. Enumerable.Range(0, Nodes * RequestsPerNode).Select(id => new ClientRequest(id, id % Nodes, "enter"))],
        Faults = new FaultModel { Reordering = reordering },
        CreateMonitors = SpecInvariantCheck.With(system, () =>
        [
            new MutualExclusionMonitor(),
            new RequestOrderMonitor(),
            new NoStarvationMonitor(),
        ]),
    };
}
