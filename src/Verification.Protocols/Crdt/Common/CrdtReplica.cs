using Verification.Protocols.Broadcast.Common;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Crdt.Common;

// Conventions every CRDT system of the suite follows, so that one set of monitors judges them all:
//
// 1. A node is a replica (ICrdtReplica): it says which updates it has applied, by their ids (the
//    spec's delivered[p]; an update's id is <<origin, seq>> like a broadcast message's), and what
//    it holds, as the spec's value of its replica (value[p], elems[p], ...).
// 2. Strong eventual consistency is judged on those two alone: replicas that applied the same
//    updates hold the same state (StrongConvergenceMonitor, after every step), and replicas
//    converge once the network is quiet (ConvergenceMonitor, a liveness monitor; and the
//    ConvergenceChecker over the run's whole history, ReplicaHistoryMonitor).

/// <summary>A replica of a CRDT as the monitors and the refinement mappings see it.</summary>
public interface ICrdtReplica
{
    /// <summary>The ids of the updates this replica has applied, its own included (spec: delivered[p]), in id order.</summary>
    IReadOnlyCollection<MessageId> Applied { get; }

    /// <summary>The replica's state as the spec writes it (a set is written in a canonical order, so equal states print equally).</summary>
    LabelValue State { get; }
}

/// <summary>Label values of the CRDT specs' records.</summary>
public static class CrdtLabels
{
    /// <summary>A set of update ids, {<<n1, 1>>, ...}, in id order.</summary>
    public static LabelValue Ids(IEnumerable<MessageId> ids) => new LabelValue.Set([.. ids.Order().Select(id => id.ToLabelValue())]);

    public static LabelValue Record(params (string Field, LabelValue Value)[] fields) =>
        new LabelValue.Record([.. fields.Select(f => new KeyValuePair<string, LabelValue>(f.Field, f.Value))]);

    /// <summary>The ids a vector clock covers: &lt;&lt;s, k&gt;&gt; for 1 ≤ k ≤ clock[s].</summary>
    public static IEnumerable<MessageId> Covered(IReadOnlyList<int> clock)
    {
        for (var s = 0; s < clock.Count; s++)
            for (var k = 1; k <= clock[s]; k++) yield return new MessageId(s, k);
    }
}
