using System.Text;
using System.Text.Json;

namespace Verification.Host.Node;

/// <summary>
/// The node's NDJSON event log, appended one whole line per write and flushed, so a kill -9 loses
/// at most the line being written (a torn last line is cut off when the node recovers).
/// </summary>
internal sealed class NodeLog : IDisposable
{
    private readonly FileStream _stream;

    public sealed record LastLine(long[] Clock);

    public NodeLog(string path)
    {
        Recovered = Recover(path);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>The clock of the last whole line of an existing log (a restart), or null for a first boot.</summary>
    public LastLine? Recovered { get; }

    public void Append(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _stream.Write(bytes);
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();

    private static LastLine? Recover(string path)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end + 1 != bytes.Length)
        {
            // A line torn by the crash: its step never became visible (its effects come after the line).
            using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write);
            truncate.SetLength(end + 1);
        }
        if (end < 0) return null;
        var start = end == 0 ? 0 : Array.LastIndexOf(bytes, (byte)'\n', end - 1) + 1;
        using var document = JsonDocument.Parse(bytes.AsMemory(start, end - start));
        var clock = document.RootElement.GetProperty("clock").EnumerateObject().Select(p => p.Value.GetInt64()).ToArray();
        return new LastLine(clock);
    }
}

/// <summary>
/// The node's durable state on disk, with the clock and the log line of the step that wrote it:
/// written to a temporary file, fsynced, and renamed over the old one, so it is always one whole
/// step's state. A crash between this write and the log's append loses the line from the log but
/// not from here; recovery appends it.
/// </summary>
internal static class DurableFile
{
    public sealed record Stored(object? Durable, long[] Clock, string? Line);

    public static void Write(string path, object? durable, long[] clock, string? line)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["durable"] = Wire.PayloadCodec.Encode(durable),
            ["clock"] = new System.Text.Json.Nodes.JsonArray([.. clock.Select(c => (System.Text.Json.Nodes.JsonNode?)c)]),
            ["line"] = line,
        };
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(body));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static Stored? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var body = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new Stored(
            Wire.PayloadCodec.Decode(body["durable"]),
            [.. body["clock"]!.AsArray().Select(c => (long)c!)],
            (string?)body["line"]);
    }
}
