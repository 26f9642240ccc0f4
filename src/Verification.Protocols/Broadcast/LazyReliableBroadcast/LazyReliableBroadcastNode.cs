using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// Lazy reliable broadcast (specs/broadcast/LazyReliableBroadcast.tla): a node relays a message
/// only when its sender is reported crashed by the perfect failure detector, so a crash-free run
/// costs n - 1 copies per message instead of eager broadcast's (n - 1) + (n - 1) * (n - 2).
/// </summary>
/// <param name="detector">The node id of the scenario's <see cref="PerfectFailureDetector"/>, which pings this node.</param>
/// <param name="noRelayOnCrash">Seeded bug "no-relay-on-crash": on a crash report, marks the sender crashed but does not relay the messages of it already delivered.</param>
public sealed class LazyReliableBroadcastNode(int participants, int detector, bool noRelayOnCrash = false) : BroadcastNode(participants)
{
    // Spec: correct[p], the nodes the detector has not reported crashed.
    private readonly bool[] reportedCrashed = new bool[participants];
    private readonly Dictionary<MessageId, string> bodies = [];

    public bool IsCorrect(int node) => !reportedCrashed[node];

    protected override void OnBroadcast(INodeContext ctx, MessageId id, string body)
    {
        Deliver(ctx, id, body);
        SendToOthers(ctx, new Data(id, body));
    }

    public override void OnMessage(INodeContext ctx, int from, object message)
    {
        switch (message)
        {
            case Data data:
                ctx.Label("Receive", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(from), data);
                if (HasDelivered(data.Id)) return;
                Deliver(ctx, data.Id, data.Body);
                if (reportedCrashed[data.Id.Sender]) Relay(ctx, data.Id, from, data);
                break;
            case Crashed crashed:
                ctx.Label("DetectCrash", LabelValue.OfNode(ctx.Self), LabelValue.OfNode(crashed.Node));
                reportedCrashed[crashed.Node] = true;
                if (noRelayOnCrash) return;
                // Spec: RelaysOfCrashed, to every node but this one and the crashed one.
                foreach (var id in Delivered)
                {
                    if (id.Sender != crashed.Node) continue;
                    for (var to = 0; to < Participants; to++)
                        if (to != ctx.Self && to != crashed.Node) Outbox.Enqueue(ctx, to, new Data(id, bodies[id]));
                }
                break;
            case Ping:
                ctx.Label("AnswerDetector", LabelValue.OfNode(ctx.Self));
                ctx.Send(detector, new Pong());
                break;
            default:
                throw new ArgumentException($"unexpected message {message}");
        }
    }

    private protected override void HashAlgorithmState(ref StateHasher hasher)
    {
        foreach (var reported in reportedCrashed) hasher.Add(reported);
    }

    private void Deliver(INodeContext ctx, MessageId id, string body)
    {
        bodies[id] = body;
        DeliverToApplication(ctx, id, body);
    }
}
