using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Host.Wire;

namespace Verification.Host.Storage;

/// <summary>
/// The node's store on disk. The event log (`nK.ndjson`) is appended one whole line per write and
/// flushed, so a kill -9 loses at most the line being written (a torn last line is cut off when the
/// node recovers). The durable state (`nK.durable.json`) is written to a temporary file, fsynced,
/// and renamed over the old one, so it is always one whole step's state; a crash between this
/// write and the log's append loses the line from the log but not from here, and recovery appends it.
/// </summary>
public sealed class FileNodeStore : INodeStore
{
    private readonly string _durablePath;
    private readonly FileStream _log;

    public FileNodeStore(string logPath, string durablePath)
    {
        _durablePath = durablePath;
        RecoveredClock = Recover(logPath);
        _log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    public long[]? RecoveredClock { get; }

    public void AppendLog(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _log.Write(bytes);
        _log.Flush();
    }

    public ValueTask WriteDurableAsync(DurableRecord record)
    {
        var body = new JsonObject
        {
            ["durable"] = PayloadCodec.Encode(record.Durable),
            ["clock"] = new JsonArray([.. record.Clock.Select(c => (JsonNode?)c)]),
            ["line"] = record.Line,
        };
        var temporary = _durablePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(body));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, _durablePath, overwrite: true);
        return ValueTask.CompletedTask;
    }

    public DurableRecord? ReadDurable()
    {
        if (!File.Exists(_durablePath)) return null;
        var body = JsonNode.Parse(File.ReadAllText(_durablePath))!.AsObject();
        return new DurableRecord(
            PayloadCodec.Decode(body["durable"]),
            [.. body["clock"]!.AsArray().Select(c => (long)c!)],
            (string?)body["line"]);
    }

    public void DeleteDurable() => File.Delete(_durablePath);

    public void Dispose() => _log.Dispose();

    private static long[]? Recover(string path)
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
        return ClockOf(Encoding.UTF8.GetString(bytes, start, end - start));
    }

    /// <summary>The clock of one log line, in node order.</summary>
    public static long[] ClockOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        return [.. document.RootElement.GetProperty("clock").EnumerateObject().Select(p => p.Value.GetInt64())];
    }
}
