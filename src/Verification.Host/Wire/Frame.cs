using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Host.Wire;

/// <summary>One message between nodes: its sender, the sender's vector clock when it sent it, and the node's message record.</summary>
public sealed record Frame(int From, int To, IReadOnlyList<long> Clock, object Message)
{
    /// <summary>Frames above this size are refused (a corrupt length prefix must not allocate gigabytes).</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>The frame as its wire bytes: a 4-byte big-endian length, then UTF-8 JSON.</summary>
    public byte[] ToBytes()
    {
        var body = new JsonObject
        {
            ["from"] = From,
            ["to"] = To,
            ["clock"] = new JsonArray([.. Clock.Select(c => (JsonNode?)c)]),
            ["message"] = PayloadCodec.Encode(Message),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        var bytes = new byte[4 + json.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, json.Length);
        json.CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>The frame of a JSON body (without its length prefix).</summary>
    public static Frame Parse(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("a frame is a JSON object");
        var clock = (node["clock"] as JsonArray ?? throw new JsonException("a frame needs \"clock\"")).Select(c => c!.GetValue<long>()).ToArray();
        var message = PayloadCodec.Decode(node["message"]) ?? throw new JsonException("a frame needs \"message\"");
        return new Frame(node["from"]!.GetValue<int>(), node["to"]!.GetValue<int>(), clock, message);
    }

    /// <summary>Reads one frame; null at the end of the stream.</summary>
    public static async Task<Frame?> ReadAsync(Stream stream, CancellationToken cancel)
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEnd(stream, header, cancel)) return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is <= 0 or > MaxBytes) throw new InvalidDataException($"frame length {length} out of range");
        var body = new byte[length];
        if (!await ReadExactlyOrEnd(stream, body, cancel)) throw new EndOfStreamException("the stream ended inside a frame");
        return Parse(body);
    }

    private static async Task<bool> ReadExactlyOrEnd(Stream stream, byte[] buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancel);
            if (n == 0)
            {
                if (read == 0) return false;
                throw new EndOfStreamException("the stream ended inside a frame");
            }
            read += n;
        }
        return true;
    }
}
