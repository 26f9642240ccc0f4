using System.Text.Json.Nodes;
using Verification.Host.Systems;
using Verification.Host.Transport;

namespace Verification.Host.Node;

/// <summary>
/// The node process (`verify run-node ...`, started by the supervisor): listens on 127.0.0.1, tells
/// the supervisor its port on stdout, reads the peers' ports and then commands from stdin (one JSON
/// object per line), and reports replies, deliveries and counters on stdout. Ends on "stop", when
/// stdin closes (the supervisor is gone), or when killed.
/// </summary>
public static class NodeProgram
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = NodeSettings.Parse(args);
        var system = HostedSystem.Find(settings.System) ?? throw new ArgumentException($"unknown system '{settings.System}'");
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var outputLock = new Lock();
        void Report(JsonObject message)
        {
            var text = message.ToJsonString();
            lock (outputLock) output.WriteLine(text);
        }

        await using var transport = new TcpTransport();
        var host = new NodeHost(settings, system, transport, Report, NodeHost.ReadSpecActions(settings.Directory));
        await host.BootAsync();
        Report(new JsonObject { ["t"] = "port", ["port"] = transport.Port });
        var input = new StreamReader(Console.OpenStandardInput());
        // The first command names every node's port.
        var peers = JsonNode.Parse(await input.ReadLineAsync() ?? "{}")!.AsObject();
        transport.SetPeers([.. (peers["ports"] as JsonArray ?? []).Select(p => (int)p!)]);
        using var stop = new CancellationTokenSource();
        var commands = Task.Run(async () =>
        {
            while (await input.ReadLineAsync() is { } line)
            {
                if (line.Length == 0) continue;
                var command = JsonNode.Parse(line)!.AsObject();
                // A node restarted on a new port: the transport's business, not the node's.
                if ((string?)command["t"] == "peers") transport.SetPeers([.. (command["ports"] as JsonArray ?? []).Select(p => (int)p!)]);
                else host.Post(command);
            }
            await stop.CancelAsync();
        });
        await host.RunAsync(stop.Token);
        return 0;
    }
}
