using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

// Conventions every broadcast algorithm of the suite follows, so that one set of monitors
// (NoCreation, NoDuplication, Validity, Agreement, UniformAgreement, FifoOrder, and the
// CausalOrder / TotalOrder monitors next to them) judges all of them:
//
// 1. Identity. An application message is identified by MessageId(Sender, Seq): the broadcasting
//    node and its own counter, 1, 2, 3, ... in the order that node broadcasts. In the TLA+ specs
//    the same identity is the tuple <<sender, seq>>, with C# node i written as model value n{i+1}
//    (see Modeling/SpecNames).
// 2. Workload. A client request whose Payload is a BroadcastRequest(Body) asks its node to
//    broadcast Body. BroadcastWorkload builds such workloads.
// 3. Broadcast. In the step in which a node accepts a BroadcastRequest, it calls
//    ctx.Notify(new BroadcastIssued(id, body)) BEFORE it sends or delivers anything for it. The
//    monitors learn of broadcasts only through this observation.
// 4. Delivery. A node hands a message to its application with ctx.Deliver(new Delivery(id, body)),
//    exactly when the algorithm's "deliver" event happens (never for protocol-internal messages).
// 5. Correctness. A node is correct when it never crashed in the run (IWorldView.HasCrashed);
//    liveness monitors are hot while an obligation towards a correct node is unmet, and cold once
//    every obligation is met, so they only make sense when a run can finish its work.
//
// Building blocks in this folder: BroadcastMonitor and the monitors (SafetyMonitors.cs,
// LivenessMonitors.cs, BroadcastMonitors for the usual sets); BroadcastNode, a base for nodes that
// follow conventions 1-4 with the specs' variables sent, outbox (Outbox: copies leave one link
// per step, so a crash can interrupt a broadcast) and delivered (kept in a persisted BroadcastLog
// so it outlives a crash); BroadcastAbstraction for refinement mappings (spec names and values in
// ../../Modeling).

/// <summary>The identity of an application message: its broadcaster and that broadcaster's sequence number (from 1).</summary>
public readonly record struct MessageId(int Sender, int Seq) : IComparable<MessageId>, ILabelArgument
{
    public LabelValue ToLabelValue() => LabelValue.Tuple(new LabelValue.Node(Sender), new LabelValue.Int(Seq));

    public int CompareTo(MessageId other) =>
        Sender != other.Sender ? Sender.CompareTo(other.Sender) : Seq.CompareTo(other.Seq);

    /// <summary>The spec's tuple notation, e.g. &lt;&lt;n1, 2&gt;&gt;.</summary>
    public override string ToString() => $"<<{SpecNames.Node(Sender)}, {Seq}>>";
}

/// <summary>Workload payload: "broadcast <paramref name="Body"/>" (the payload of a <see cref="ClientRequest"/>).</summary>
public sealed record BroadcastRequest(string Body);

/// <summary>Observation a node sends the monitors when it broadcasts (convention 3).</summary>
public sealed record BroadcastIssued(MessageId Id, string Body);

/// <summary>The value a node hands to its application when it delivers a broadcast message (convention 4).</summary>
public sealed record Delivery(MessageId Id, string Body);

/// <summary>Builds broadcast workloads: one <see cref="BroadcastRequest"/> per entry, bodies m1, m2, ...</summary>
public static class BroadcastWorkload
{
    /// <summary>One broadcast per listed sender, in order (a sender may appear several times).</summary>
    public static IReadOnlyList<ClientRequest> FromSenders(params int[] senders)
    {
        var requests = new ClientRequest[senders.Length];
        for (var i = 0; i < senders.Length; i++)
            requests[i] = new ClientRequest(i + 1, senders[i], new BroadcastRequest($"m{i + 1}"));
        return requests;
    }
}
