using System.Collections.Immutable;
using Verification.Host.Wire;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Paxos;
using Verification.Protocols.Consensus.Raft;

namespace Verification.Host.Tests;

/// <summary>The node's records cross the wire and the disk unchanged: same type, same fields, payloads typed inside them.</summary>
public class WireTests
{
    public static TheoryData<object> Messages() =>
    [
        new VoteRequest(1, 3, 2, 1),
        new VoteResponse(2, 3, true),
        new LogRequest(0, 4, 1, 2, 1, [new LogEntry(2, "m1"), new LogEntry(4, new NoOp(4)), new LogEntry(4, new KvInput(7, KvOpKind.Append, "x", "7"))]),
        new LogResponse(2, 4, 3, false),
        new ForwardedBroadcast(new KvInput(3, KvOpKind.Get, "y")),
        new RaftDurableState(3, null, [new LogEntry(1, "m2")], 1),
        new Promise(1, 3, 2, null),
        new PaxosDurableState(3, 2, "v1", 3, null, null),
        new Delivery(new MessageId(1, 2), "m2"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_record_round_trips_through_the_codec(object message)
    {
        var json = PayloadCodec.EncodeToString(message);
        var back = PayloadCodec.DecodeFromString(json)!;
        Assert.Equal(message.GetType(), back.GetType());
        Assert.Equal(json, PayloadCodec.EncodeToString(back));
        // Records compare by value except for their immutable arrays, which the JSON comparison covers.
        if (message is not LogRequest and not RaftDurableState) Assert.Equal(message, back);
    }

    [Fact]
    public void A_payload_declared_as_object_keeps_its_type()
    {
        var request = new LogRequest(0, 1, 0, 0, 0, [new LogEntry(1, new NoOp(1)), new LogEntry(1, "m3")]);
        var back = (LogRequest)PayloadCodec.DecodeFromString(PayloadCodec.EncodeToString(request))!;
        Assert.Equal(new NoOp(1), back.Suffix[0].Msg);
        Assert.Equal("m3", back.Suffix[1].Msg);
        Assert.Equal(request.Suffix.ToArray(), back.Suffix.ToArray());
    }

    [Fact]
    public async Task A_frame_round_trips_through_its_length_prefixed_bytes()
    {
        var frame = new Frame(2, 0, [3, 0, 7], new LogResponse(2, 4, 3, true));
        using var stream = new MemoryStream();
        stream.Write(frame.ToBytes());
        stream.Write(new Frame(0, 1, [1, 1, 1], new VoteResponse(0, 1, false)).ToBytes());
        stream.Position = 0;
        var first = await Frame.ReadAsync(stream, CancellationToken.None);
        var second = await Frame.ReadAsync(stream, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal((2, 0), (first.From, first.To));
        Assert.Equal([3, 0, 7], first.Clock);
        Assert.Equal(frame.Message, first.Message);
        Assert.Equal(new VoteResponse(0, 1, false), second!.Message);
        Assert.Null(await Frame.ReadAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task A_frame_cut_short_is_an_error_not_a_message()
    {
        var bytes = new Frame(0, 1, [1], new VoteResponse(0, 1, false)).ToBytes();
        using var stream = new MemoryStream(bytes[..^3]);
        await Assert.ThrowsAsync<EndOfStreamException>(() => Frame.ReadAsync(stream, CancellationToken.None));
    }

    [Fact]
    public void An_unknown_type_name_is_refused()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => PayloadCodec.DecodeFromString("""{"$type":"No.Such.Type","value":{}}"""));
    }
}
