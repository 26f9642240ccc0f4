using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.FailureDetectors.Common;

/// <summary>
/// The spec values of the detectors' messages: [type, from, to, age]. The explorer's time is its
/// own (one tick per step), so a message's age is not observed: the conformance models run no Tick,
/// and every message in flight is 0 time units old there.
/// </summary>
public static class HeartbeatValues
{
    public static string TypeOf(object message) => message switch
    {
        HeartbeatRequest => "HeartbeatRequest",
        HeartbeatReply => "HeartbeatReply",
        _ => throw new ArgumentException($"not a heartbeat message: {message}"),
    };

    public static FunctionValue Message(string type, int from, int to) => FunctionValue.Record(
        ("type", StringValue.Of(type)), ("from", SpecValues.Node(from)), ("to", SpecValues.Node(to)), ("age", IntValue.Of(0)));

    /// <summary>The same record as a step label's argument.</summary>
    public static LabelValue Label(string type, int from, int to) => new LabelValue.Record(
    [
        new("type", new LabelValue.Str(type)),
        new("from", LabelValue.OfNode(from)),
        new("to", LabelValue.OfNode(to)),
        new("age", new LabelValue.Int(0)),
    ]);

    /// <summary>The heartbeat messages in flight between nodes 0..nodes-1, as the spec's set network.</summary>
    public static FiniteSetValue Network(IWorldView world, int nodes) => FiniteSetValue.Of(world.InFlight
        .Where(e => e.From < nodes && e.To < nodes && e.Message is HeartbeatRequest or HeartbeatReply)
        .Select(e => (Value)Message(TypeOf(e.Message), e.From, e.To)));
}
