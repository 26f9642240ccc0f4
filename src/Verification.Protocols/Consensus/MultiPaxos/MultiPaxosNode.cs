using Verification.Protocols.Broadcast.Common;
using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.MultiPaxos;

/// <summary>The seeded mistakes a <see cref="MultiPaxosNode"/> can be built with.</summary>
public enum MultiPaxosBug
{
    None,

    /// <summary>A new leader trusts its own log instead of the promises: slots it did not see are proposed afresh.</summary>
    SkipRecovery,

    /// <summary>A replica applies a decided slot as soon as it learns it, without waiting for the lower slots.</summary>
    ApplyOutOfOrder,
}

/// <summary>
/// A Multi-Paxos node (proposer that may lead, acceptor, replica), as in
/// specs/consensus/MultiPaxos.tla. Phase 1 runs once per leadership for all slots; phase 2 runs
/// per slot; replicas apply decided slots in order and catch up on the slots they missed.
/// </summary>
public sealed class MultiPaxosNode(MultiPaxosBug bug = MultiPaxosBug.None) : INode
{
    /// <summary>The command that fills a hole in the log (the spec's Noop).</summary>
    public const string Noop = "noop";

    /// <summary>
    /// While this node has client commands that are not applied yet, this timer makes it run
    /// phase 1 (again): it has no leader that serves it, or its leadership was overtaken.
    /// </summary>
    public const string ElectTimer = "elect";

    /// <summary>A leader proposes its pending commands one per step (Phase2a).</summary>
    public const string ProposeTimer = "propose";

    /// <summary>A replica with unapplied client commands asks the others for decided slots.</summary>
    public const string CatchUpTimer = "catch-up";

    public const int ElectDelay = 40;
    public const int CatchUpDelay = 15;

    public enum Phase { Idle, Prepare, Lead }

    // Acceptor (durable).
    public int MaxBal { get; private set; } = -1;
    public ImmutableSortedDictionary<int, (int Bal, string Val)> Votes { get; private set; } = ImmutableSortedDictionary<int, (int, string)>.Empty;

    // Proposer: PBal durable, the rest volatile.
    public int PBal { get; private set; } = -1;
    public Phase PPhase { get; private set; } = Phase.Idle;
    /// <summary>Immutable, like the other per-slot state, so the refinement mapping can reuse its spec value while it is unchanged.</summary>
    private ImmutableSortedDictionary<int, string> pProposals = ImmutableSortedDictionary<int, string>.Empty;
    private readonly SortedDictionary<int, Promise> pPromises = [];
    private readonly Dictionary<int, SortedSet<int>> pVotes = [];

    // Replica (durable).
    public ImmutableSortedDictionary<int, string> Decided { get; private set; } = ImmutableSortedDictionary<int, string>.Empty;
    public int Applied { get; private set; }

    /// <summary>
    /// History variable for the refinement mapping (the spec's submitted, restricted to this node):
    /// the commands clients handed to this node. The protocol never reads it; it is kept with the
    /// durable state only because the spec's history survives a crash, while the pending requests
    /// that carry the same commands do not.
    /// </summary>
    public ImmutableSortedSet<string> Submitted { get; private set; } = ImmutableSortedSet<string>.Empty;

    /// <summary>Client requests whose command is not applied yet (volatile: a crash drops the connection).</summary>
    private readonly List<ClientRequest> pending = [];
    private int attempts;

    public ImmutableSortedDictionary<int, string> PProposals => pProposals;

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState)
    {
        if (durableState is not MultiPaxosDurableState d) return;
        (MaxBal, Votes, PBal, Decided, Applied, Submitted) = (d.MaxBal, d.Votes, d.PBal, d.Decided, d.Applied, d.Submitted);
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not string command) return;
        ctx.Label("Submit", command);
        Submitted = Submitted.Add(command);
        Persist(ctx);
        pending.Add(request);
        if (PPhase == Phase.Lead) ctx.SetTimer(ProposeTimer, 0);
        if (!ctx.IsTimerSet(ElectTimer)) ctx.SetTimer(ElectTimer, PPhase == Phase.Lead ? ElectDelayFor(ctx) : 0);
        if (!ctx.IsTimerSet(CatchUpTimer)) ctx.SetTimer(CatchUpTimer, CatchUpDelay);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case ElectTimer when pending.Count > 0:
                Phase1a(ctx);
                attempts++;
                ctx.SetTimer(ElectTimer, ElectDelayFor(ctx));
                break;
            case ProposeTimer when PPhase == Phase.Lead:
                Phase2a(ctx);
                break;
            case CatchUpTimer when pending.Count > 0:
                // Stuttering step: the Decide messages it brings back are already in the spec's msgs.
                for (var node = 0; node < ctx.NodeCount; node++)
                    if (node != ctx.Self) ctx.Send(node, new CatchUp(Applied + 1));
                ctx.SetTimer(CatchUpTimer, CatchUpDelay);
                break;
        }
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Prepare m: Phase1b(ctx, from, m); break;
            case Promise m: ReceivePromise(ctx, m); break;
            case Accept m: Phase2b(ctx, from, m); break;
            case Accepted m: ReceiveAccepted(ctx, m); break;
            case Decide m: Learn(ctx, m); break;
            case CatchUp m: ServeCatchUp(ctx, from, m); break;
        }
    }

    private void Phase1a(INodeContext ctx)
    {
        // Node i owns ballots i, i + N, i + 2N, ...: unique per proposer.
        var floor = Math.Max(PBal, MaxBal);
        var n = ctx.NodeCount;
        var ballot = (floor < 0 ? 0 : floor / n + 1) * n + ctx.Self;
        if (ballot <= floor) ballot += n;
        ctx.Label("Phase1a", LabelValue.OfNode(ctx.Self), ballot);
        PBal = ballot;
        PPhase = Phase.Prepare;
        pProposals = pProposals.Clear();
        pPromises.Clear();
        pVotes.Clear();
        ctx.CancelTimer(ProposeTimer);
        Persist(ctx);
        for (var node = 0; node < n; node++) ctx.Send(node, new Prepare(ballot));
    }

    private void Phase1b(INodeContext ctx, int from, Prepare m)
    {
        if (m.Bal < MaxBal || Votes.Values.Any(vote => vote.Bal >= m.Bal)) return;
        ctx.Label("Phase1b", LabelValue.OfNode(ctx.Self));
        MaxBal = m.Bal;
        Persist(ctx);
        var votes = Votes.Select(v => new SlotVote(v.Key, v.Value.Bal, v.Value.Val)).ToImmutableArray();
        ctx.Send(from, new Promise(ctx.Self, m.Bal, votes));
    }

    private void ReceivePromise(INodeContext ctx, Promise m)
    {
        if (PPhase != Phase.Prepare || m.Bal != PBal || pPromises.ContainsKey(m.Acc)) return;
        pPromises[m.Acc] = m;
        // Receipts short of a quorum are stuttering steps of the spec.
        if (2 * pPromises.Count <= ctx.NodeCount) return;
        BecomeLeader(ctx);
    }

    private void BecomeLeader(INodeContext ctx)
    {
        ctx.Label("BecomeLeader", LabelValue.OfNode(ctx.Self));
        PPhase = Phase.Lead;
        attempts = 0;
        pProposals = pProposals.SetItems(RecoveredSlots());
        foreach (var (slot, value) in pProposals)
            for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Accept(PBal, slot, value));
        if (Unproposed() is not null) ctx.SetTimer(ProposeTimer, 0);
    }

    /// <summary>
    /// Per slot, the command of the highest ballot any promiser voted in; Noop in the holes below
    /// the last voted slot, so that the slots above can be applied.
    /// </summary>
    private SortedDictionary<int, string> RecoveredSlots()
    {
        var recovered = new SortedDictionary<int, string>();
        if (bug == MultiPaxosBug.SkipRecovery)
        {
            // The mistake: "my log is up to date". Slots this node never learned are treated as
            // free, although a quorum may already have chosen a command there.
            foreach (var (slot, value) in Decided) recovered[slot] = value;
            return recovered;
        }
        var best = new Dictionary<int, SlotVote>();
        foreach (var promise in pPromises.Values)
            foreach (var vote in promise.Votes)
                if (!best.TryGetValue(vote.Slot, out var top) || vote.MBal > top.MBal) best[vote.Slot] = vote;
        var last = best.Count == 0 ? 0 : best.Keys.Max();
        for (var slot = 1; slot <= last; slot++)
            recovered[slot] = best.TryGetValue(slot, out var vote) ? vote.MVal : Noop;
        return recovered;
    }

    private string? Unproposed()
    {
        foreach (var request in pending)
        {
            var command = (string)request.Payload;
            if (!pProposals.ContainsValue(command) && !Decided.ContainsValue(command)) return command;
        }
        return null;
    }

    private void Phase2a(INodeContext ctx)
    {
        if (Unproposed() is not { } command) return;
        var slot = 1;
        while (pProposals.ContainsKey(slot)) slot++;
        ctx.Label("Phase2a", LabelValue.OfNode(ctx.Self), slot, command);
        pProposals = pProposals.SetItem(slot, command);
        for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Accept(PBal, slot, command));
        if (Unproposed() is not null) ctx.SetTimer(ProposeTimer, 0);
    }

    private void Phase2b(INodeContext ctx, int from, Accept m)
    {
        if (m.Bal < MaxBal) return;
        ctx.Label("Phase2b", LabelValue.OfNode(ctx.Self), m.Slot);
        MaxBal = m.Bal;
        Votes = Votes.SetItem(m.Slot, (m.Bal, m.Val));
        Persist(ctx);
        ctx.Notify(new MultiPaxosVote(ctx.Self, m.Bal, m.Slot, m.Val));
        ctx.Send(from, new Accepted(ctx.Self, m.Bal, m.Slot, m.Val));
    }

    private void ReceiveAccepted(INodeContext ctx, Accepted m)
    {
        if (PPhase != Phase.Lead || m.Bal != PBal || !pProposals.TryGetValue(m.Slot, out var proposed) || proposed != m.Val) return;
        if (!pVotes.TryGetValue(m.Slot, out var voters)) pVotes[m.Slot] = voters = [];
        if (!voters.Add(m.Acc) || 2 * voters.Count <= ctx.NodeCount || 2 * (voters.Count - 1) > ctx.NodeCount) return;
        // Decide: this vote completes a quorum for the slot.
        ctx.Label("Decide", LabelValue.OfNode(ctx.Self), m.Slot);
        for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Decide(m.Slot, m.Val));
    }

    private void Learn(INodeContext ctx, Decide m)
    {
        if (Decided.ContainsKey(m.Slot)) return;
        ctx.Label("Learn", LabelValue.OfNode(ctx.Self), m.Slot);
        Decided = Decided.Add(m.Slot, m.Val);
        if (bug == MultiPaxosBug.ApplyOutOfOrder && m.Slot > Applied + 1)
        {
            Apply(ctx, m.Slot, m.Val);
            Applied = Math.Max(Applied, m.Slot);
        }
        while (Decided.TryGetValue(Applied + 1, out var next))
        {
            Applied++;
            Apply(ctx, Applied, next);
        }
        Persist(ctx);
        if (m.Slot > Applied + 1)
            for (var node = 0; node < ctx.NodeCount; node++)
                if (node != ctx.Self) ctx.Send(node, new CatchUp(Applied + 1));
    }

    private void Apply(INodeContext ctx, int slot, string command)
    {
        ctx.Deliver(new MultiPaxosApplied(slot, command));
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            if ((string)pending[i].Payload != command) continue;
            ctx.Reply(pending[i], slot);
            pending.RemoveAt(i);
        }
        if (pending.Count > 0) return;
        ctx.CancelTimer(ElectTimer);
        ctx.CancelTimer(CatchUpTimer);
    }

    private void ServeCatchUp(INodeContext ctx, int from, CatchUp m)
    {
        foreach (var (slot, value) in Decided)
            if (slot >= m.FromSlot) ctx.Send(from, new Decide(slot, value));
    }

    private int ElectDelayFor(INodeContext ctx) => (ElectDelay + 7 * ctx.Self) << Math.Min(attempts, 4);

    private void Persist(INodeContext ctx) =>
        ctx.Persist(new MultiPaxosDurableState(MaxBal, Votes, PBal, Decided, Applied, Submitted));
}
