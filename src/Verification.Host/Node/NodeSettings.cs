using System.Globalization;

namespace Verification.Host.Node;

/// <summary>What a node process is told on its command line (`verify run-node ...`).</summary>
public sealed record NodeSettings(string System, string? Bug, int Node, int Nodes, string Directory, int TickMilliseconds, int Seed, string? HostBug = null)
{
    /// <summary>The spec's name of the node: C# node 0 is n1.</summary>
    public string Name => NodeName(Node);

    public static string NodeName(int node) => "n" + (node + 1).ToString(CultureInfo.InvariantCulture);

    public string LogPath => Path.Combine(Directory, Name + ".ndjson");

    public string DurablePath => Path.Combine(Directory, Name + ".durable.json");

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "--system", System, "--node", Node.ToString(CultureInfo.InvariantCulture), "--nodes", Nodes.ToString(CultureInfo.InvariantCulture),
            "--dir", Directory, "--tick-ms", TickMilliseconds.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (Bug is not null) args.AddRange(["--bug", Bug]);
        if (HostBug is not null) args.AddRange(["--host-bug", HostBug]);
        return args;
    }

    public static NodeSettings Parse(IReadOnlyList<string> args)
    {
        string? system = null, bug = null, hostBug = null, dir = null;
        int node = -1, nodes = 0, tick = 10, seed = 1;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--system": system = value; break;
                case "--bug": bug = value; break;
                case "--host-bug": hostBug = value; break;
                case "--dir": dir = value; break;
                case "--node": node = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--nodes": nodes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--tick-ms": tick = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown node option '{args[i]}'");
            }
        }
        if (system is null || dir is null || node < 0 || nodes <= node) throw new ArgumentException("run-node needs --system, --node, --nodes and --dir");
        return new NodeSettings(system, bug, node, nodes, dir, tick, seed, hostBug);
    }
}
