using System.Globalization;
using System.Text.RegularExpressions;
using Verification.Protocols;
using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Conformance;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.Raft;
using Verification.Protocols.Consensus.RaftKv;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Host.Systems;

/// <summary>How the spec's network variable follows the messages of a run, for merging per-node logs.</summary>
public enum NetworkModel
{
    /// <summary>Not reconstructed: left to the spec's nondeterminism.</summary>
    None,

    /// <summary>
    /// The messages in flight (Raft.tla's msgs): a message sent joins it unless its destination is
    /// crashed, a received one leaves it once its last copy is received, a crash removes the messages to the node.
    /// </summary>
    InFlight,

    /// <summary>Every message ever sent (Paxos.tla's msgs): it only grows.</summary>
    History,
}

/// <summary>
/// A system as `verify run` hosts it: the registered system (its spec, conformance model and seeded
/// bugs), how to build its nodes for a cluster size, the client workload, and what the log merge
/// needs to know about its spec. Systems without an entry of their own run their explorer
/// scenario's nodes and workload.
/// </summary>
public sealed partial class HostedSystem
{
    public required SystemDefinition Definition { get; init; }

    public string Name => Definition.Name;

    public required int DefaultNodes { get; init; }

    /// <summary>Whether the cluster size may differ from <see cref="DefaultNodes"/>.</summary>
    public bool AnySize { get; init; }

    /// <summary>The node factory for a cluster size and a seeded bug (null: the correct system).</summary>
    public required Func<int, string?, Func<int, INode>> Nodes { get; init; }

    /// <summary>The payload of the k-th client operation (k from 1), when the workload is open-ended; null: the scenario's fixed requests.</summary>
    public Func<int, Random, object>? Operation { get; init; }

    /// <summary>The payload a delivery carries, so that a broadcast's latency ends when its node delivers it.</summary>
    public Func<object, object?> DeliveredPayload { get; init; } = static d => d is Delivery b ? b.Body : null;

    /// <summary>The spec's model value name of a payload, to size the conformance model's Value set to the run; null: the model is used as it is.</summary>
    public Func<object, string?>? PayloadName { get; init; }

    /// <summary>The client history must be linearizable (the key-value store).</summary>
    public bool Linearizable { get; init; }

    public NetworkModel Network { get; init; }

    public IRefinementMapping Mapping => ProtocolSystem.MappingOf(Definition)
        ?? throw new InvalidOperationException($"the system '{Name}' has no refinement mapping");

    /// <summary>The conformance model for a cluster size, relative to the repository root.</summary>
    public Func<int, string?> ConformanceConfig { get; init; } = static _ => null;

    /// <summary>The systems `verify run` knows: every registered system that runs as real processes, with the consensus ones sized and loaded for real runs.</summary>
    private static readonly IReadOnlyList<SystemDefinition> Registered = SystemCatalog.Discover(typeof(ProtocolsAssembly).Assembly);

    public static IReadOnlyList<HostedSystem> All { get; } = Create();

    /// <summary>The registered systems that `verify run` refuses (<see cref="ProtocolSystem.RunsAsRealProcesses"/> is off).</summary>
    public static IReadOnlyList<string> NotHosted { get; } = Registered.Select(static d => d.Name).Where(static n => !All.Any(s => s.Name == n)).ToList();

    public static HostedSystem? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<HostedSystem> Create()
    {
        var result = new List<HostedSystem>();
        foreach (var definition in Registered)
        {
            if (ProtocolSystem.MappingOf(definition) is null || definition is not ProtocolSystem { RunsAsRealProcesses: true }) continue;
            result.Add(definition.Name switch
            {
                "Raft" => new HostedSystem
                {
                    Definition = definition,
                    DefaultNodes = 3,
                    AnySize = true,
                    Nodes = static (n, bug) =>
                    {
                        var options = RaftOptions.ForCluster(n, RaftSystem.ParseBug(bug));
                        return _ => new RaftNode(options);
                    },
                    Operation = static (k, _) => $"m{k}",
                    DeliveredPayload = static d => d is RaftDelivery r ? r.Msg : null,
                    PayloadName = static p => p as string,
                    Network = NetworkModel.InFlight,
                    ConformanceConfig = RaftSystem.ConformanceConfigFor,
                },
                "RaftKv" => new HostedSystem
                {
                    Definition = definition,
                    DefaultNodes = 3,
                    Nodes = static (n, bug) =>
                    {
                        var bugs = bug is null ? RaftKvBugs.None
                            : string.Equals(bug, "local-read", StringComparison.OrdinalIgnoreCase) ? RaftKvBugs.LocalRead
                            : throw new ArgumentException($"unknown RaftKv bug '{bug}'");
                        var options = RaftOptions.ForCluster(n);
                        return _ => new RaftKvNode(options, bugs);
                    },
                    Operation = KvOperation,
                    DeliveredPayload = static _ => null,
                    PayloadName = static p => p is KvInput input ? $"op{input.OpId}" : null,
                    Linearizable = true,
                    Network = NetworkModel.InFlight,
                    ConformanceConfig = _ => definition.ConformanceConfig,
                },
                _ => new HostedSystem
                {
                    Definition = definition,
                    DefaultNodes = definition.CreateScenario(null).NodeCount,
                    Nodes = (_, bug) => definition.CreateScenario(bug).CreateNode,
                    DeliveredPayload = static d => d switch
                    {
                        Delivery b => b.Body,
                        string s => s,
                        _ => null,
                    },
                    Network = definition.Name is "Paxos" ? NetworkModel.History : NetworkModel.None,
                    ConformanceConfig = _ => definition.ConformanceConfig,
                },
            });
        }
        return result;
    }

    /// <summary>A key-value operation on two keys: a third reads, the others put or append the operation's number.</summary>
    private static object KvOperation(int k, Random random)
    {
        var key = random.Next(2) == 0 ? "x" : "y";
        var value = k.ToString(CultureInfo.InvariantCulture);
        return random.Next(6) switch
        {
            0 or 1 => new KvInput(k, KvOpKind.Get, key),
            2 => new KvInput(k, KvOpKind.Append, key, value),
            _ => new KvInput(k, KvOpKind.Put, key, value),
        };
    }

    /// <summary>
    /// The conformance model's text with its Value set replaced by the model values of the run's
    /// payloads (a real run issues as many operations as its duration allows, more than the
    /// explorer's models name), or unchanged when the system's payloads need no such names.
    /// </summary>
    public string SizeModel(string cfgText, IEnumerable<object> payloads)
    {
        if (PayloadName is null) return cfgText;
        var names = payloads.Select(PayloadName).OfType<string>().Distinct().ToList();
        if (names.Count == 0) names.Add("m1");
        return ValueLine().Replace(cfgText, $"${{indent}}Value = {{{string.Join(", ", names)}}}", 1);
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)Value\s*=\s*\{[^}]*\}", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}
