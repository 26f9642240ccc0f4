using System.Reflection;
using Verification.Host.Node;
using Verification.Host.Validation;
using Verification.Tla.Conformance;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// One iteration of the host test: three Raft node hosts in one process under Coyote's scheduler.
/// Clients send requests while the nodes elect a leader (their timers racing their handlers), two
/// nodes are killed and restarted in turn while frames to them are in flight, and at the end one node
/// reconnects (its cut links healed) while every node is being stopped. The probes assert the
/// host's orderings throughout; <paramref name="finished"/> gets the nodes' logs, which
/// <see cref="Validate"/> merges and validates against Raft's TLA+ spec as a real run's are.
/// </summary>
internal static class HostScenario
{
    public const int Nodes = 3;

    public static string RepositoryRoot { get; } = typeof(HostScenario).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    private static readonly Lazy<ConformanceSpec> Spec = new(() => ConformanceSpec.Load(
        Path.Combine(RepositoryRoot, "specs/consensus/Raft.tla"), Path.Combine(RepositoryRoot, "specs/consensus/MCRaftConformance.cfg")));

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> SpecActions = new(() => NodeHost.SpecActions(Spec.Value));

    /// <summary>Loads the spec outside Coyote's iterations (parsing it is not the host's concurrency).</summary>
    public static void Prepare() => _ = SpecActions.Value;

    public static async Task RunAsync(string? hostBug, Action<IReadOnlyList<IReadOnlyList<string>>>? finished = null, bool checkAcknowledgements = true)
    {
        var cluster = new HostCluster("Raft", Nodes, hostBug, SpecActions.Value) { CheckAcknowledgements = checkAcknowledgements };
        for (var i = 0; i < Nodes; i++) cluster.Start(i);
        var id = 0;
        for (var k = 0; k < 3; k++)
        {
            cluster.Request(k % Nodes, ++id);
            await Turns(10);
        }
        await Turns(20);
        await cluster.CrashAndRestartAsync(1);
        cluster.Request(1, ++id);
        await Turns(20);
        await cluster.CrashAndRestartAsync(0);
        cluster.Request(2, ++id);
        await Turns(20);
        cluster.Links(2, 0, 1);
        await Turns(5);
        var reconnect = Task.Run(() => cluster.Links(2));
        for (var i = 0; i < Nodes; i++) await cluster.StopAsync(i);
        await reconnect;
        finished?.Invoke(cluster.Logs);
    }

    /// <summary>The harness lets the cluster run: each yield is a scheduling point where Coyote may run any host task instead.</summary>
    private static async Task Turns(int count)
    {
        for (var i = 0; i < count; i++) await Task.Yield();
    }

    /// <summary>Merges the logs of one iteration as a real run's are merged, and validates them against Raft's TLA+ spec.</summary>
    public static LogValidation Validate(IReadOnlyList<IReadOnlyList<string>> logs, string directory)
    {
        Directory.CreateDirectory(directory);
        for (var i = 0; i < logs.Count; i++)
            File.WriteAllLines(Path.Combine(directory, NodeSettings.NodeName(i) + ".ndjson"), logs[i]);
        return LogMerger.Validate(directory, Nodes, Verification.Host.Systems.HostedSystem.Find("Raft")!, Spec.Value);
    }
}
