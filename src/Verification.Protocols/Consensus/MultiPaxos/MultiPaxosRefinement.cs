using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Consensus.MultiPaxos;

/// <summary>
/// The refinement mapping from a Multi-Paxos world to the variables of specs/consensus/MultiPaxos.tla,
/// with every node a proposer, an acceptor and a replica (MCMultiPaxosConformance.cfg). Node i is
/// model value n(i+1); a client command "c1" is model value c1, the implementation's "noop" is Noop,
/// a missing command is None and a missing vote -1. A crashed node is what the spec's Crash leaves
/// (crash and restart in one step): durable variables from its last persisted state, pPhase "Idle"
/// and no proposals, so the world's restart is a stuttering step. msgs is every message sent
/// (<see cref="IWorldView.Sent"/>); catch-up requests are below the spec, and the Decide messages
/// that answer them were sent before, so catching up is stuttering as the spec says.
/// </summary>
public static class MultiPaxosRefinement
{
    private static readonly ModelValueRegistry Constants = CreateConstants();
    private static readonly ModelValue NoopValue = Constants.Get("Noop");
    private static readonly ModelValue None = Constants.Get("None");
    private static readonly SentMessageSet Msgs = new(Message);

    private static ModelValueRegistry CreateConstants()
    {
        // Registered in the conformance cfg's order, so every model value here has the spec's index
        // and the validator takes the mapped states as they are (values in another order would be
        // re-interned and their sets re-sorted at every step: correct, but slower).
        var registry = new ModelValueRegistry();
        for (var i = 0; i < MultiPaxosSystem.Nodes; i++) registry.Get(SpecNames.Node(i));
        foreach (var command in MultiPaxosSystem.Commands) registry.Get(command);
        registry.Get("Noop");
        registry.Get("None");
        return registry;
    }

    /// <summary>
    /// maxBal, maxVBal, maxVal, pBal, pPhase, pProposals, decided, applied, submitted and msgs, in the
    /// spec's order. Per-slot functions have the domain 1..MaxSlot of the conformance model
    /// (<see cref="MultiPaxosSystem.ConformanceSlots"/>), widened to any higher slot the run used, so
    /// that a run outgrowing the model fails conformance at the step that used the slot.
    /// </summary>
    public static IReadOnlyDictionary<string, Value> AbstractState(IWorldView world)
    {
        var n = world.NodeCount;
        var live = new MultiPaxosNode?[n];
        var stored = new MultiPaxosDurableState?[n];
        for (var i = 0; i < n; i++)
        {
            live[i] = world.IsUp(i) ? world.Node(i) as MultiPaxosNode : null;
            stored[i] = world.Durable(i) as MultiPaxosDurableState;
        }
        var msgs = Msgs.Of(world);

        ImmutableSortedDictionary<int, (int Bal, string Val)> Votes(int i) => live[i]?.Votes ?? stored[i]?.Votes ?? EmptyVotes;
        ImmutableSortedDictionary<int, string> Decided(int i) => live[i]?.Decided ?? stored[i]?.Decided ?? EmptyCommands;
        ImmutableSortedDictionary<int, string> Proposals(int i) => live[i]?.PProposals ?? EmptyCommands;
        IEnumerable<string> Submitted(int i) => live[i]?.Submitted ?? stored[i]?.Submitted ?? [];

        var slots = MultiPaxosSystem.ConformanceSlots;
        for (var i = 0; i < n; i++)
            slots = Math.Max(slots, Math.Max(LastSlot(Votes(i)), Math.Max(LastSlot(Decided(i)), LastSlot(Proposals(i)))));

        return new OrderedDictionary<string, Value>
        {
            ["maxBal"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.MaxBal ?? stored[i]?.MaxBal ?? -1)),
            ["maxVBal"] = SpecValues.PerNode(n, i => Cached(VoteBallots, Votes(i), slots,
                votes => PerSlot(slots, s => IntValue.Of(votes.TryGetValue(s, out var vote) ? vote.Bal : -1)))),
            ["maxVal"] = SpecValues.PerNode(n, i => Cached(VoteValues, Votes(i), slots,
                votes => PerSlot(slots, s => votes.TryGetValue(s, out var vote) ? Command(vote.Val) : None))),
            ["pBal"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.PBal ?? stored[i]?.PBal ?? -1)),
            ["pPhase"] = SpecValues.PerNode(n, i => StringValue.Of((live[i]?.PPhase ?? MultiPaxosNode.Phase.Idle).ToString())),
            ["pProposals"] = SpecValues.PerNode(n, i => Cached(CommandLogs, Proposals(i), slots, log => Commands(slots, log))),
            ["decided"] = SpecValues.PerNode(n, i => Cached(CommandLogs, Decided(i), slots, log => Commands(slots, log))),
            ["applied"] = SpecValues.PerNode(n, i => IntValue.Of(live[i]?.Applied ?? stored[i]?.Applied ?? 0)),
            ["submitted"] = FiniteSetValue.Of(Enumerable.Range(0, n).SelectMany(Submitted).Select(Command)),
            ["msgs"] = msgs,
        };
    }

    private static readonly ImmutableSortedDictionary<int, (int Bal, string Val)> EmptyVotes = ImmutableSortedDictionary<int, (int Bal, string Val)>.Empty;
    private static readonly ImmutableSortedDictionary<int, string> EmptyCommands = ImmutableSortedDictionary<int, string>.Empty;

    // The world is mapped after every step and most steps change no node's votes or logs: their
    // spec values are kept with the (immutable) collections they were computed from.
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<int, (int Bal, string Val)>, Tuple<int, Value>> VoteBallots = [];
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<int, (int Bal, string Val)>, Tuple<int, Value>> VoteValues = [];
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<int, string>, Tuple<int, Value>> CommandLogs = [];

    private static Value Cached<TKey>(ConditionalWeakTable<TKey, Tuple<int, Value>> cache, TKey key, int slots, Func<TKey, Value> compute)
        where TKey : class
    {
        if (cache.TryGetValue(key, out var hit) && hit.Item1 == slots) return hit.Item2;
        var value = compute(key);
        cache.AddOrUpdate(key, Tuple.Create(slots, value));
        return value;
    }

    private static int LastSlot<T>(ImmutableSortedDictionary<int, T> bySlot) => bySlot.IsEmpty ? 0 : bySlot.Keys.Last();

    private static Value Command(string command) => command == MultiPaxosNode.Noop ? NoopValue : Constants.Get(command);

    /// <summary>[s \in 1..slots |-> value(s)].</summary>
    private static FunctionValue PerSlot(int slots, Func<int, Value> value) =>
        FunctionValue.FromPairs(Enumerable.Range(1, slots).Select(s => new KeyValuePair<Value, Value>(IntValue.Of(s), value(s))));

    private static FunctionValue Commands(int slots, ImmutableSortedDictionary<int, string> commands) =>
        PerSlot(slots, s => commands.TryGetValue(s, out var command) ? Command(command) : None);

    private static Value Type(string type) => StringValue.Of(type);

    /// <summary>The spec's record of a protocol message, or null for catch-up traffic, which the spec does not model.</summary>
    private static Value? Message(object message) => message switch
    {
        Prepare m => FunctionValue.Record(("type", Type("Prepare")), ("bal", IntValue.Of(m.Bal))),
        Promise m => FunctionValue.Record(("type", Type("Promise")), ("acc", SpecValues.Node(m.Acc)), ("bal", IntValue.Of(m.Bal)),
            ("mbal", PerSlot(PromiseSlots(m), s => IntValue.Of(m.Votes.FirstOrDefault(v => v.Slot == s)?.MBal ?? -1))),
            ("mval", PerSlot(PromiseSlots(m), s => m.Votes.FirstOrDefault(v => v.Slot == s) is { } vote ? Command(vote.MVal) : None))),
        Accept m => FunctionValue.Record(("type", Type("Accept")), ("bal", IntValue.Of(m.Bal)), ("slot", IntValue.Of(m.Slot)), ("val", Command(m.Val))),
        Accepted m => FunctionValue.Record(("type", Type("Accepted")), ("acc", SpecValues.Node(m.Acc)), ("bal", IntValue.Of(m.Bal)),
            ("slot", IntValue.Of(m.Slot)), ("val", Command(m.Val))),
        Decide m => FunctionValue.Record(("type", Type("Decide")), ("slot", IntValue.Of(m.Slot)), ("val", Command(m.Val))),
        _ => null,
    };

    private static int PromiseSlots(Promise m) => Math.Max(MultiPaxosSystem.ConformanceSlots, m.Votes.Select(v => v.Slot).DefaultIfEmpty().Max());
}
