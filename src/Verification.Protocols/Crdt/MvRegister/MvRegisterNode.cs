using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Crdt.Common;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.MvRegister;

/// <summary>Seeded mistakes of <see cref="MvRegisterNode"/>.</summary>
public enum MvRegisterBug
{
    None,

    /// <summary>The join drops an entry that the other side supersedes or equals (&lt;= where &lt; belongs).</summary>
    NonIdempotentMerge,
}

/// <summary>The join of the multi-value register's semilattice (the spec's Join and the pointwise maximum of contexts).</summary>
public static class MvRegisterLattice
{
    public static RegisterState Join(RegisterState local, RegisterState remote, MvRegisterBug bug = MvRegisterBug.None)
    {
        var entries = new SortedSet<RegisterEntry>();
        foreach (var x in local.Entries) if (!Dropped(x, remote.Entries, bug)) entries.Add(x);
        foreach (var y in remote.Entries) if (!Dropped(y, local.Entries, bug)) entries.Add(y);
        return new RegisterState([.. entries], local.Context.Merge(remote.Context));
    }

    /// <summary>An entry the other side supersedes (it had seen the entry's write and more); the bug also drops an equal one.</summary>
    private static bool Dropped(RegisterEntry x, IReadOnlyList<RegisterEntry> other, MvRegisterBug bug) =>
        other.Any(y => bug == MvRegisterBug.NonIdempotentMerge ? x.Vv.LessOrEqual(y.Vv) : x.Vv.StrictlyLess(y.Vv));
}

/// <summary>
/// A replica of the state-based multi-value register, the C# twin of specs/crdt/MvRegister.tla:
/// same variables (entries[p] and context[p], its <see cref="RegisterState"/>; the history writes),
/// same actions (Write, Merge). A replica whose state changed sends it to every other replica, and
/// merges every state it receives by the join, so states may arrive in any order and any number of
/// times; the gossip stops once no merge changes anything.
/// </summary>
public sealed class MvRegisterNode(MvRegisterBug bug) : INode, IStateHash, ICrdtReplica
{
    private readonly List<RegisterEntry> writes = [];

    public MvRegisterNode() : this(MvRegisterBug.None) { }

    /// <summary>The spec's entries[p] and context[p].</summary>
    public RegisterState Register => register ?? throw new InvalidOperationException("the replica has not started");

    private RegisterState? register;

    /// <summary>The writes this node made (the spec's history writes), never read by the algorithm.</summary>
    public IReadOnlyList<RegisterEntry> Writes => writes;

    /// <summary>The writes the context covers: q's first context[q] writes.</summary>
    public IReadOnlyCollection<MessageId> Applied => [.. CrdtLabels.Covered(Register.Context.Entries)];

    public LabelValue State => Register.ToLabelValue();

    public void OnStart(INodeContext ctx) => register = RegisterState.Empty(ctx.NodeCount);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new NotSupportedException("The multi-value register is modelled without crashes (see its spec): a node never restarts.");

    public void OnClientRequest(INodeContext ctx, ClientRequest request)
    {
        if (request.Payload is not WriteRequest write) throw new ArgumentException($"MvRegister expects WriteRequest payloads, got {request.Payload}");
        ctx.Label("Write", LabelValue.OfNode(ctx.Self), new LabelValue.Name(write.Value));
        var vv = Register.Context.Increment(ctx.Self);
        var entry = new RegisterEntry(write.Value, vv);
        writes.Add(entry);
        Publish(ctx, new RegisterState([entry], vv));
        ctx.Reply(request, vv);
    }

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        if (message is not RegisterState published) throw new ArgumentException($"MvRegister got an unknown message {message}");
        ctx.Label("Merge", LabelValue.OfNode(ctx.Self), published);
        var merged = MvRegisterLattice.Join(Register, published, bug);
        if (!merged.Equals(Register)) Publish(ctx, merged);
    }

    public void OnTimer(INodeContext ctx, string timer) => throw new ArgumentException($"MvRegister has no timer {timer}");

    /// <summary>Takes <paramref name="state"/> as this replica's and sends it to every other replica (the spec's Publish).</summary>
    private void Publish(INodeContext ctx, RegisterState state)
    {
        register = state;
        for (var q = 0; q < ctx.NodeCount; q++)
            if (q != ctx.Self) ctx.Send(q, state);
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(Register.ToString());
        foreach (var write in writes) hasher.Add(write.ToLabelValue().ToString());
        return hasher.Value;
    }
}
