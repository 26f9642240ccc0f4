using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.Paxos;

/// <summary>The seeded mistakes a <see cref="PaxosNode"/> can be built with.</summary>
public enum PaxosBug
{
    None,

    /// <summary>Phase 2a proposes the proposer's own value instead of the highest voted value among the promises.</summary>
    NoAdopt,

    /// <summary>The acceptor writes its votes to disk but not its promises, so a restart forgets maxBal.</summary>
    ForgetPromise,

    /// <summary>Ballots are "one more than the highest seen", so two proposers can run the same ballot.</summary>
    SharedBallot,
}

/// <summary>
/// A single-decree Paxos node: proposer, acceptor and learner, as in specs/consensus/Paxos.tla.
/// Property names are the spec's variables restricted to this node (MaxBal for maxBal[self], ...);
/// every handler performs at most one spec action and labels the step with it. The promises and
/// votes a proposer counts are implementation state: the spec reads them from its message set.
/// </summary>
public sealed class PaxosNode(PaxosBug bug = PaxosBug.None) : INode, IStateHash
{
    /// <summary>The proposer's retry timer: when it fires, the proposer starts a higher ballot (Phase1a).</summary>
    public const string RetryTimer = "retry";

    /// <summary>Base retry delay in logical ticks; long enough for a ballot to finish on a calm network.</summary>
    public const int RetryDelay = 40;

    /// <summary>
    /// The proposer's retransmission timer: within a ballot it re-sends its prepare or accept
    /// request to the acceptors that have not answered (lost messages, restarted acceptors).
    /// </summary>
    public const string ResendTimer = "resend";

    public const int ResendDelay = 8;

    public enum Phase { Idle, Prepare, Accept, Decided }

    // Acceptor (durable).
    public int MaxBal { get; private set; } = -1;
    public int MaxVBal { get; private set; } = -1;
    public string? MaxVal { get; private set; }

    // Proposer: PBal and PVal are durable; the rest is lost in a crash.
    public int PBal { get; private set; } = -1;
    public string? PVal { get; private set; }
    public Phase PPhase { get; private set; } = Phase.Idle;
    private readonly SortedDictionary<int, Promise> pPromises = [];
    private readonly SortedSet<int> pVotes = [];
    private string? pProposal;

    // Learner (durable).
    public string? Learned { get; private set; }

    /// <summary>Ballots this proposer started since it (re)started; it backs off exponentially on them.</summary>
    private int attempts;

    /// <summary>Client requests waiting for the outcome (volatile: a crash loses the connection).</summary>
    private readonly List<ClientRequest> waitingClients = [];

    public IReadOnlyCollection<Promise> PPromises => pPromises.Values;
    public IReadOnlyCollection<int> PVotes => pVotes;

    public void OnStart(INodeContext ctx) { }

    public void OnRestart(INodeContext ctx, object? durableState)
    {
        if (durableState is PaxosDurableState d)
        {
            (MaxBal, MaxVBal, MaxVal) = (d.MaxBal, d.MaxVBal, d.MaxVal);
            (PBal, PVal, Learned) = (d.PBal, d.PVal, d.Learned);
        }
        if (StillProposing) ctx.SetTimer(RetryTimer, RetryDelayFor(ctx));
    }

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        // Propose(p, v): a proposer takes one value; every request is answered with the outcome.
        if (Learned is not null)
        {
            ctx.Reply(request, Learned);
            return;
        }
        waitingClients.Add(request);
        if (PVal is not null || request.Payload is not string value) return;
        ctx.Label("Propose", LabelValue.OfNode(ctx.Self), value);
        PVal = value;
        Persist(ctx);
        ctx.SetTimer(RetryTimer, 0);
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (timer == ResendTimer)
        {
            Resend(ctx);
            return;
        }
        if (timer != RetryTimer || !StillProposing) return;
        Phase1a(ctx);
        attempts++;
        ctx.SetTimer(RetryTimer, RetryDelayFor(ctx));
    }

    /// <summary>
    /// Retransmission within the current ballot. The spec's network already holds these messages,
    /// so this step changes no spec variable (a stuttering step).
    /// </summary>
    private void Resend(INodeContext ctx)
    {
        switch (PPhase)
        {
            case Phase.Prepare:
                for (var node = 0; node < ctx.NodeCount; node++)
                    if (!pPromises.ContainsKey(node)) ctx.Send(node, new Prepare(PBal));
                break;
            case Phase.Accept:
                for (var node = 0; node < ctx.NodeCount; node++)
                    if (!pVotes.Contains(node)) ctx.Send(node, new Accept(PBal, pProposal!));
                break;
            default:
                return;
        }
        ctx.SetTimer(ResendTimer, ResendDelay);
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
        }
    }

    private bool StillProposing => PVal is not null && Learned is null && PPhase != Phase.Decided;

    private void Phase1a(INodeContext ctx)
    {
        var ballot = NextBallot(ctx);
        ctx.Label("Phase1a", LabelValue.OfNode(ctx.Self), ballot);
        PBal = ballot;
        PPhase = Phase.Prepare;
        pPromises.Clear();
        pVotes.Clear();
        // The ballot must be on disk before anyone hears of it: after a restart the proposer must
        // not run the same ballot again with another value.
        Persist(ctx);
        for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Prepare(ballot));
        ctx.SetTimer(ResendTimer, ResendDelay);
    }

    /// <summary>
    /// Node i owns ballots i, i + N, i + 2N, ...: unique per proposer, as Phase1a requires. It picks
    /// the first one above every ballot it has started or promised, so it can overtake the others.
    /// </summary>
    private int NextBallot(INodeContext ctx)
    {
        var floor = Math.Max(PBal, MaxBal);
        if (bug == PaxosBug.SharedBallot) return floor + 1;
        var n = ctx.NodeCount;
        var round = floor < 0 ? 0 : floor / n + 1;
        var ballot = round * n + ctx.Self;
        return ballot > floor ? ballot : ballot + n;
    }

    private void Phase1b(INodeContext ctx, int from, Prepare m)
    {
        // A repeated prepare for the promised ballot is answered again (the same promise, as long
        // as we have not voted in that ballot), so a retransmission is never stuck.
        if (m.Bal < MaxBal || m.Bal <= MaxVBal) return;
        ctx.Label("Phase1b", LabelValue.OfNode(ctx.Self));
        MaxBal = m.Bal;
        Persist(ctx);
        ctx.Send(from, new Promise(ctx.Self, m.Bal, MaxVBal, MaxVal));
    }

    private void ReceivePromise(INodeContext ctx, Promise m)
    {
        if (PPhase != Phase.Prepare || m.Bal != PBal || pPromises.ContainsKey(m.Acc)) return;
        pPromises[m.Acc] = m;
        // Receipts that do not complete a quorum are stuttering steps of the spec, whose Phase2a
        // reads the quorum's promises from the network.
        if (!IsQuorum(pPromises.Count, ctx.NodeCount)) return;
        // Phase2a: this promise completes a quorum.
        ctx.Label("Phase2a", LabelValue.OfNode(ctx.Self));
        PPhase = Phase.Accept;
        pProposal = SafeValue();
        for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Accept(PBal, pProposal));
        ctx.SetTimer(ResendTimer, ResendDelay);
    }

    /// <summary>The value of the highest ballot any promiser voted in, or our own value if none voted.</summary>
    private string SafeValue()
    {
        if (bug == PaxosBug.NoAdopt) return PVal!;
        Promise? top = null;
        foreach (var promise in pPromises.Values)
            if (promise.MBal > (top?.MBal ?? -1)) top = promise;
        return top?.MVal ?? PVal!;
    }

    private void Phase2b(INodeContext ctx, int from, Accept m)
    {
        if (m.Bal < MaxBal) return;
        ctx.Label("Phase2b", LabelValue.OfNode(ctx.Self));
        (MaxBal, MaxVBal, MaxVal) = (m.Bal, m.Bal, m.Val);
        Persist(ctx);
        ctx.Notify(new PaxosVote(ctx.Self, m.Bal, m.Val));
        ctx.Send(from, new Accepted(ctx.Self, m.Bal, m.Val));
    }

    private void ReceiveAccepted(INodeContext ctx, Accepted m)
    {
        if (PPhase != Phase.Accept || m.Bal != PBal || !pVotes.Add(m.Acc)) return;
        if (!IsQuorum(pVotes.Count, ctx.NodeCount)) return;
        // Decide: this vote completes a quorum, so the value is chosen.
        ctx.Label("Decide", LabelValue.OfNode(ctx.Self));
        PPhase = Phase.Decided;
        ctx.CancelTimer(RetryTimer);
        ctx.CancelTimer(ResendTimer);
        for (var node = 0; node < ctx.NodeCount; node++) ctx.Send(node, new Decide(m.Bal, m.Val));
        AnswerClients(ctx, m.Val);
    }

    private void Learn(INodeContext ctx, Decide m)
    {
        if (Learned is not null) return;
        ctx.Label("Learn", LabelValue.OfNode(ctx.Self));
        Learned = m.Val;
        Persist(ctx);
        ctx.CancelTimer(RetryTimer);
        ctx.CancelTimer(ResendTimer);
        ctx.Deliver(m.Val);
        AnswerClients(ctx, m.Val);
    }

    private void AnswerClients(INodeContext ctx, string chosen)
    {
        foreach (var request in waitingClients) ctx.Reply(request, chosen);
        waitingClients.Clear();
    }

    private static bool IsQuorum(int count, int nodeCount) => 2 * count > nodeCount;

    private int RetryDelayFor(INodeContext ctx) =>
        // Exponential backoff, skewed by node id, so that competing proposers stop overtaking
        // each other and one of them gets a ballot through.
        (RetryDelay + 7 * ctx.Self) << Math.Min(attempts, 4);

    private void Persist(INodeContext ctx)
    {
        // The forget-promise bug writes the promise only as part of a vote.
        var durableMaxBal = bug == PaxosBug.ForgetPromise ? MaxVBal : MaxBal;
        ctx.Persist(new PaxosDurableState(durableMaxBal, MaxVBal, MaxVal, PBal, PVal, Learned));
    }

    public ulong StateHash()
    {
        var hash = new StateHasher();
        hash.Add(MaxBal); hash.Add(MaxVBal); hash.Add(MaxVal);
        hash.Add(PBal); hash.Add(PVal); hash.Add((int)PPhase); hash.Add(pProposal); hash.Add(Learned); hash.Add(attempts);
        hash.Add(pPromises.Count);
        foreach (var promise in pPromises.Values) hash.AddValue(promise);
        hash.Add(pVotes.Count);
        foreach (var acc in pVotes) hash.Add(acc);
        hash.Add(waitingClients.Count);
        foreach (var request in waitingClients) hash.Add(request.Id);
        return hash.Value;
    }
}
