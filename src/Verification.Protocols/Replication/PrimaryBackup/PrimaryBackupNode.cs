using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Replication.PrimaryBackup;

/// <summary>The seeded bugs of primary-backup replication (the spec's BUG values).</summary>
public enum PrimaryBackupBug
{
    None,

    /// <summary>"split-brain": reads are answered from the local copy, without the backups' confirmation that the epoch is still current.</summary>
    SplitBrain,

    /// <summary>"ack-before-replication": a write is answered as soon as it is sent to the backups, before they acknowledged it.</summary>
    AckBeforeReplication,
}

/// <summary>
/// Timing of the failure detector, in the explorer's logical time (steps): the primary sends a
/// heartbeat every <paramref name="HeartbeatEvery"/>, at most <paramref name="Heartbeats"/> times per
/// epoch (so that a run ends), and its successor suspects it when a whole <paramref name="SuspectAfter"/>
/// passed without a message from it. The explorer may deliver a heartbeat (or fire a timer)
/// arbitrarily late, so suspicion can be wrong: safety does not depend on it.
/// </summary>
public sealed record FailureDetectorTiming(int HeartbeatEvery, int SuspectAfter, int Heartbeats);

/// <summary>
/// A replica of specs/replication/PrimaryBackup.tla: a one-key store (the register "x") replicated
/// from a primary to backups, with epochs. Epoch e's primary is <c>succession[e - 1]</c>; its backups
/// are the nodes that have not been primary of an epoch up to e. The primary takes the clients'
/// operations one at a time (the others wait in a queue, above the spec): a write is sent to every
/// backup of its epoch and answered once all acknowledged it (Commit); a read is answered from the
/// committed value once every backup confirmed that the epoch is still its own (AnswerRead), which
/// a superseded primary never gets. The successor of the primary suspects it after a silence of the
/// failure detector's timeout and starts the next epoch (Failover), handing its value to the new
/// epoch's backups (JoinEpoch). Requests a node receives while it is not the primary wait in its
/// queue: it serves them if it becomes the primary.
/// </summary>
public sealed class PrimaryBackupNode(int self, IReadOnlyList<int> succession, int nodeCount, FailureDetectorTiming timing, PrimaryBackupBug bug = PrimaryBackupBug.None)
    : INode, IStateHash
{
    public const string HeartbeatTimer = "heartbeat";
    public const string SuspectTimer = "suspect";
    public const string NextTimer = "next";
    public const string CommitTimer = "commit";

    private readonly Queue<ClientRequest> queue = new();
    private readonly HashSet<int> answered = [];
    private ClientRequest? request;
    private Stamp writing;
    private string writeValue = "";
    private int readNum;
    private bool heardFromPrimary;
    private int heartbeatsSent;

    public int Epoch { get; private set; } = 1;

    /// <summary>The stamp of the node's value: at a primary, its committed value.</summary>
    public Stamp Stamp { get; private set; } = Stamp.Initial;

    public string Value { get; private set; } = "";

    /// <summary>The write the primary is replicating, if any.</summary>
    public Stamp? PendingWrite => request is not null && readNum == 0 ? writing : null;

    /// <summary>The number of the read the primary is confirming, if any.</summary>
    public int? PendingRead => request is not null && readNum != 0 ? readNum : null;

    /// <summary>How many reads the node has taken as primary: they number its <see cref="Check"/>s.</summary>
    public int Reads { get; private set; }

    public bool IsPrimary => PrimaryOf(Epoch) == self;

    private int PrimaryOf(int epoch) => succession[epoch - 1];

    private bool IsSuccessor => Epoch < succession.Count && PrimaryOf(Epoch + 1) == self;

    /// <summary>The backups of <paramref name="epoch"/>: every node that has not been primary of an epoch up to it.</summary>
    private IEnumerable<int> Backups(int epoch)
    {
        for (var node = 0; node < nodeCount; node++)
        {
            var wasPrimary = false;
            for (var e = 0; e < epoch; e++) wasPrimary |= succession[e] == node;
            if (!wasPrimary) yield return node;
        }
    }

    public void OnStart(INodeContext ctx) => StartRole(ctx);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("primary-backup replicas crash and stop (the spec has no recovery)");

    public void OnClientRequest(INodeContext ctx, ClientRequest clientRequest)
    {
        if (bug == PrimaryBackupBug.SplitBrain && IsPrimary && clientRequest.Payload is KvInput { Kind: KvOpKind.Get })
        {
            // The local read: answered at once from the committed value, even while a write runs.
            ReadLocally(ctx, clientRequest);
            return;
        }
        queue.Enqueue(clientRequest);
        if (IsPrimary && request is null && queue.Count == 1) StartNext(ctx);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Replicate m when !IsPrimary && m.Epoch == Epoch:
                ctx.Label("Replicate", LabelValue.OfNode(self));
                heardFromPrimary = true;
                if (m.Stamp > Stamp) Store(ctx, m.Stamp, m.Value);
                ctx.Send(from, new Ack(Epoch, m.Stamp, self));
                break;
            case Ack m when PendingWrite == m.Stamp && m.Epoch == Epoch && bug != PrimaryBackupBug.AckBeforeReplication:
                answered.Add(m.From);
                if (Backups(Epoch).All(answered.Contains)) Commit(ctx);
                break;
            case Check m when !IsPrimary && m.Epoch == Epoch:
                ctx.Label("ConfirmRead", LabelValue.OfNode(self));
                heardFromPrimary = true;
                ctx.Send(from, new CheckOk(Epoch, m.Num, self));
                break;
            case CheckOk m when PendingRead == m.Num && m.Epoch == Epoch:
                answered.Add(m.From);
                if (Backups(Epoch).All(answered.Contains)) AnswerRead(ctx);
                break;
            case NewEpoch m when m.Epoch > Epoch && Backups(m.Epoch).Contains(self):
                ctx.Label("JoinEpoch", LabelValue.OfNode(self));
                Epoch = m.Epoch;
                Store(ctx, m.Stamp, m.Value);
                heardFromPrimary = true;
                StartRole(ctx);
                break;
            case Heartbeat m when m.Epoch == Epoch && from == PrimaryOf(Epoch):
                heardFromPrimary = true;
                break;
            case Replicate or Ack or Check or CheckOk or NewEpoch or Heartbeat:
                // Of an older epoch, or answering an operation that is over: ignored.
                break;
            default:
                throw new ArgumentException($"unexpected message {message}");
        }
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        switch (timer)
        {
            case NextTimer when IsPrimary && request is null && queue.Count > 0:
                StartNext(ctx);
                break;
            case CommitTimer when PendingWrite is not null:
                Commit(ctx);
                break;
            case HeartbeatTimer when IsPrimary:
                foreach (var backup in Backups(Epoch)) ctx.Send(backup, new Heartbeat(Epoch));
                if (++heartbeatsSent < timing.Heartbeats) ctx.SetTimer(HeartbeatTimer, timing.HeartbeatEvery);
                break;
            case SuspectTimer when IsSuccessor && heardFromPrimary:
                heardFromPrimary = false;
                ctx.SetTimer(SuspectTimer, timing.SuspectAfter);
                break;
            case SuspectTimer when IsSuccessor:
                Failover(ctx);
                break;
        }
    }

    /// <summary>The timers of the node's role in its epoch: the primary's heartbeat, the successor's detector.</summary>
    private void StartRole(INodeContext ctx)
    {
        if (IsPrimary)
        {
            heartbeatsSent = 0;
            ctx.SetTimer(HeartbeatTimer, timing.HeartbeatEvery);
        }
        if (IsSuccessor) ctx.SetTimer(SuspectTimer, timing.SuspectAfter);
        else ctx.CancelTimer(SuspectTimer);
    }

    private void Failover(INodeContext ctx)
    {
        ctx.Label("Failover", LabelValue.OfNode(self));
        Epoch++;
        ctx.Persist(new ReplicaState(Epoch, Stamp, Value));
        foreach (var backup in Backups(Epoch)) ctx.Send(backup, new NewEpoch(Epoch, Stamp, Value));
        StartRole(ctx);
        if (queue.Count > 0) ctx.SetTimer(NextTimer);
    }

    private void StartNext(INodeContext ctx)
    {
        var next = queue.Dequeue();
        var input = (KvInput)next.Payload;
        if (input.Kind == KvOpKind.Get && bug == PrimaryBackupBug.SplitBrain)
        {
            ReadLocally(ctx, next);
            if (queue.Count > 0) ctx.SetTimer(NextTimer);
            return;
        }
        request = next;
        answered.Clear();
        if (input.Kind == KvOpKind.Get)
        {
            ctx.Label("Read", LabelValue.OfNode(self));
            readNum = ++Reads;
            foreach (var backup in Backups(Epoch)) ctx.Send(backup, new Check(Epoch, readNum));
            return;
        }
        if (input.Kind != KvOpKind.Put) throw new ArgumentException($"primary-backup stores take puts and gets, not {input}");
        ctx.Label("Write", LabelValue.OfNode(self));
        readNum = 0;
        writing = new Stamp(Epoch, Stamp.Epoch == Epoch ? Stamp.Seq + 1 : 1);
        writeValue = input.Value ?? "";
        foreach (var backup in Backups(Epoch)) ctx.Send(backup, new Replicate(Epoch, writing, writeValue));
        if (bug == PrimaryBackupBug.AckBeforeReplication) ctx.SetTimer(CommitTimer);
    }

    private void ReadLocally(INodeContext ctx, ClientRequest read)
    {
        ctx.Label("Read", LabelValue.OfNode(self));
        Reads++;
        ctx.Reply(read, Value);
    }

    private void Commit(INodeContext ctx)
    {
        ctx.Label("Commit", LabelValue.OfNode(self));
        Store(ctx, writing, writeValue);
        Finish(ctx, "");
    }

    private void AnswerRead(INodeContext ctx)
    {
        ctx.Label("AnswerRead", LabelValue.OfNode(self));
        readNum = 0;
        Finish(ctx, Value);
    }

    private void Finish(INodeContext ctx, string response)
    {
        ctx.Reply(request!, response);
        request = null;
        if (queue.Count > 0) ctx.SetTimer(NextTimer);
    }

    private void Store(INodeContext ctx, Stamp stamp, string value)
    {
        Stamp = stamp;
        Value = value;
        ctx.Persist(new ReplicaState(Epoch, stamp, value));
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Epoch);
        hasher.Add(Stamp.Epoch);
        hasher.Add(Stamp.Seq);
        hasher.Add(Value);
        hasher.Add(request?.Id ?? -1);
        hasher.Add(readNum);
        hasher.Add(Reads);
        hasher.Add(heardFromPrimary);
        hasher.Add(heartbeatsSent);
        foreach (var node in answered.Order()) hasher.Add(node);
        hasher.Separator();
        foreach (var queued in queue) hasher.Add(queued.Id);
        return hasher.Value;
    }
}
