using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Host.Node;
using Verification.Host.Systems;
using Verification.Host.Transport;
using Verification.Host.Validation;
using Verification.Host.Wire;
using Verification.Tla.Conformance;

namespace Verification.Host.Tests;

/// <summary>The node host behind its transport seam: three Raft hosts in one process, frames through channels, their logs validated.</summary>
[Collection(RealRunCollection.Name)]
public class InProcessClusterTests
{
    [Fact]
    public async Task Raft_hosts_on_an_in_memory_network_write_logs_that_validate()
    {
        var system = HostedSystem.Find("Raft")!;
        var directory = Directory.CreateTempSubdirectory("verify-inprocess-").FullName;
        var spec = ConformanceSpec.Load(Path.Combine(RealRuns.RepositoryRoot, "specs/consensus/Raft.tla"), Path.Combine(RealRuns.RepositoryRoot, "specs/consensus/MCRaftConformance.cfg"));
        var signatures = NodeHost.SpecActions(spec);
        var network = new InMemoryNetwork(3);
        var delivered = new List<string>();
        var hosts = Enumerable.Range(0, 3).Select(i => new NodeHost(new NodeSettings("Raft", null, i, 3, directory, 5, 1), system, network.Transport(i), report =>
        {
            if ((string?)report["t"] == "deliver" && i == 0)
                lock (delivered) delivered.Add(JsonSerializer.Serialize(report["value"]));
        }, signatures)).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = hosts.Select(h => Task.Run(() => h.RunAsync(stop.Token))).ToArray();
        for (var k = 1; k <= 5; k++)
        {
            await Task.Delay(200);
            hosts[k % 3].Post(new JsonObject { ["t"] = "request", ["id"] = k, ["payload"] = PayloadCodec.Encode($"m{k}") });
        }
        // Wait until node n1 delivered all five (committed through a leader), bounded by the token.
        while (!stop.IsCancellationRequested)
        {
            lock (delivered) if (delivered.Count >= 5) break;
            await Task.Delay(50);
        }
        foreach (var host in hosts) host.Post(new JsonObject { ["t"] = "stop" });
        await Task.WhenAll(running);

        // A node forwards a request again whenever it learns of a new leader (as a client retries), so a slow machine's
        // extra elections can commit one twice: five distinct values, each delivered at least once.
        Assert.Equal(5, delivered.Distinct().Count());
        var validation = LogMerger.Validate(directory, 3, system, spec);
        Assert.Equal(ConformanceVerdict.Conforms, validation.Verdict);
        Assert.True(validation.StepsValidated > 10, validation.Description);
    }
}
