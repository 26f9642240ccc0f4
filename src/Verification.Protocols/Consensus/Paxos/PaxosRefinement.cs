using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Consensus.Paxos;

/// <summary>
/// The refinement mapping from a Paxos world to the variables of specs/consensus/Paxos.tla, with
/// every node a proposer, an acceptor and a learner (MCPaxosConformance.cfg). Node i is model value
/// n(i+1); a client's value "v1" is model value v1; null is None. A crashed node is what the spec's
/// Crash leaves (Crash is crash and restart in one step): its durable variables come from its last
/// persisted state and pPhase is "Idle", so the world's restart is a stuttering step. msgs is the
/// set of every message sent (<see cref="IWorldView.Sent"/>, including those lost at once), which
/// is why loss, duplication and retransmission are stuttering steps too.
/// </summary>
public static class PaxosRefinement
{
    private static readonly ModelValueRegistry Constants = CreateConstants();
    private static readonly ModelValue None = Constants.Get("None");
    private static readonly SentMessageSet Msgs = new(Message);

    private static ModelValueRegistry CreateConstants()
    {
        // Registered in the conformance cfg's order, so every model value here has the spec's index
        // and the validator takes the mapped states as they are (values in another order would be
        // re-interned and their sets re-sorted at every step: correct, but slower).
        var registry = new ModelValueRegistry();
        for (var i = 0; i < PaxosSystem.Nodes; i++) registry.Get(SpecNames.Node(i));
        foreach (var value in PaxosSystem.Values) registry.Get(value);
        registry.Get("None");
        return registry;
    }

    /// <summary>maxBal, maxVBal, maxVal, pBal, pVal, pPhase, learned and msgs, in the spec's order.</summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var live = new PaxosNode?[n];
        var stored = new PaxosDurableState?[n];
        for (var i = 0; i < n; i++)
        {
            live[i] = world.IsUp(i) ? world.Node(i) as PaxosNode : null;
            stored[i] = world.Durable(i) as PaxosDurableState;
        }

        return new OrderedDictionary<string, Value>
        {
            ["maxBal"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.MaxBal ?? stored[i]?.MaxBal ?? -1)),
            ["maxVBal"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.MaxVBal ?? stored[i]?.MaxVBal ?? -1)),
            ["maxVal"] = SpecValues.PerNode(n, i => ValueOrNone(live[i] is { } node ? node.MaxVal : stored[i]?.MaxVal)),
            ["pBal"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.PBal ?? stored[i]?.PBal ?? -1)),
            ["pVal"] = SpecValues.PerNode(n, i => ValueOrNone(live[i] is { } node ? node.PVal : stored[i]?.PVal)),
            ["pPhase"] = SpecValues.PerNode(n, i => StringValue.Of((live[i]?.PPhase ?? PaxosNode.Phase.Idle).ToString())),
            ["learned"] = SpecValues.PerNode(n, i => ValueOrNone(live[i] is { } node ? node.Learned : stored[i]?.Learned)),
            ["msgs"] = Msgs.Of(world),
        };
    }

    private static Value ValueOrNone(string? value) => value is null ? None : Constants.Get(value);

    private static Value Type(string type) => StringValue.Of(type);

    /// <summary>The spec's record of a protocol message (the destination is not part of it: the spec broadcasts).</summary>
    private static Value? Message(object message) => message switch
    {
        Prepare m => FunctionValue.Record(("type", Type("Prepare")), ("bal", IntValue.Of(m.Bal))),
        Promise m => FunctionValue.Record(("type", Type("Promise")), ("acc", SpecValues.Node(m.Acc)), ("bal", IntValue.Of(m.Bal)),
            ("mbal", IntValue.Of(m.MBal)), ("mval", ValueOrNone(m.MVal))),
        Accept m => FunctionValue.Record(("type", Type("Accept")), ("bal", IntValue.Of(m.Bal)), ("val", ValueOrNone(m.Val))),
        Accepted m => FunctionValue.Record(("type", Type("Accepted")), ("acc", SpecValues.Node(m.Acc)), ("bal", IntValue.Of(m.Bal)), ("val", ValueOrNone(m.Val))),
        Decide m => FunctionValue.Record(("type", Type("Decide")), ("bal", IntValue.Of(m.Bal)), ("val", ValueOrNone(m.Val))),
        _ => null,
    };
}
