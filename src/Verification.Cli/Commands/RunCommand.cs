using System.CommandLine;
using System.Globalization;
using Verification.Host.Supervision;
using Verification.Tla.Conformance;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify run SYSTEM`: the system's sans-I/O nodes as real processes on loopback TCP, a client
/// workload and a seeded nemesis for a bounded time, then the checks of the run (its per-node logs
/// validated against the spec; linearizability for RaftKv). Exit codes as `verify test`: 0 correct,
/// 2 a bug found (with the diagnosis), 3 inconclusive.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var system = new Argument<string>("system") { Description = "The system to run (Raft, RaftKv, Paxos, a broadcast system)" };
        var nodes = new Option<int?>("--nodes") { Description = "Cluster size (default: the system's; only Raft takes others: 3, 5, 7)" };
        var duration = new Option<string>("--duration") { Description = "How long the workload and the nemesis run (e.g. 10s, 500ms, 1m)", DefaultValueFactory = _ => "30s" };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients (open workloads: Raft, RaftKv)", DefaultValueFactory = _ => 3 };
        var faults = new Option<string?>("--faults") { Description = "Comma-separated faults the nemesis injects: crash, partition, loss" };
        var seed = new Option<int>("--seed") { Description = "Seed of the workload, the nemesis and the nodes' choices", DefaultValueFactory = _ => 1 };
        var bug = new Option<string?>("--bug") { Description = "Switch on one of the system's seeded bugs (as `verify test --bug`)" };
        var hostBug = new Option<string?>("--host-bug") { Description = "Switch on a seeded bug of the node host itself: ack-before-fsync, unsynchronized-dispatch (docs/coyote.md)" };
        var output = new Option<string?>("--out") { Description = "Folder for the per-node logs and durable files (default: runs/SYSTEM-seed-S)" };
        var tick = new Option<int>("--tick-ms") { Description = "Real milliseconds per logical tick of the nodes' timers", DefaultValueFactory = _ => 10 };
        var command = new Command("run", "Run a system's nodes as real processes on loopback TCP with a client workload and a seeded nemesis, then validate the per-node logs against the spec")
        {
            system, nodes, duration, clients, faults, seed, bug, hostBug, output, tick,
        };
        command.SetAction(int (parse) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var name = parse.GetValue(system)!;
            var options = new RunOptions
            {
                System = name,
                Nodes = parse.GetValue(nodes),
                Duration = ParseDuration(parse.GetValue(duration)!),
                Clients = Positive(parse.GetValue(clients), "--clients"),
                Faults = ParseFaults(parse.GetValue(faults)),
                Seed = parse.GetValue(seed),
                Bug = parse.GetValue(bug),
                HostBug = parse.GetValue(hostBug),
                OutDirectory = parse.GetValue(output) ?? Path.Combine("runs", $"{name}-seed-{parse.GetValue(seed)}"),
                TickMilliseconds = Positive(parse.GetValue(tick), "--tick-ms"),
                Launcher = NodeLauncher.ForEntryAssembly(),
                RepositoryRoot = Cli.RepositoryRoot(),
                Progress = writer,
            };
            return Run(options, writer);
        });
        return command;
    }

    public static int Run(RunOptions options, TextWriter writer)
    {
        Supervisor supervisor;
        try
        {
            supervisor = new Supervisor(options);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message);
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        EventHandler onExit = (_, _) => supervisor.KillAll();
        Console.CancelKeyPress += onCancel;
        AppDomain.CurrentDomain.ProcessExit += onExit;
        RunResult result;
        try
        {
            writer.WriteLine($"verify run {supervisor.Nodes} nodes of {options.System}{(options.Bug is null ? "" : $" with bug {options.Bug}")}{(options.HostBug is null ? "" : $" with host bug {options.HostBug}")}, {options.Duration.TotalSeconds:0.###} s, faults {(options.Faults == FaultKinds.None ? "none" : options.Faults.ToString().ToLowerInvariant())}, seed {options.Seed}, logs in {Path.GetFullPath(options.OutDirectory)}");
            result = supervisor.RunAsync(cancel.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            writer.WriteLine("interrupted: every node process was stopped");
            return 3;
        }
        catch (NodeStartException e)
        {
            throw new UserError($"verify run: {e.Message}; every node process was stopped");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
        Print(result, writer);
        return result.ExitCode;
    }

    private static void Print(RunResult r, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(inv, $"operations: {r.Operations} issued, {r.Completed} completed, {r.OperationsPerSecond:0.0} ops/s"));
        w.WriteLine(string.Create(inv, $"latency: p50 {r.P50Milliseconds:0.0} ms, p95 {r.P95Milliseconds:0.0} ms, p99 {r.P99Milliseconds:0.0} ms"));
        w.WriteLine(string.Create(inv, $"messages: {r.Messages} sent, {r.MessagesPerOperation:0.0} per completed operation"));
        if (r.Linearizability is { } lin)
            w.WriteLine($"linearizability: {lin.Verdict}{(lin.Verdict == Protocols.Consensus.Linearizability.LinearizabilityVerdict.Linearizable ? "" : $": {lin.Explanation}")}");
        var v = r.Validation;
        w.WriteLine(string.Create(inv, $"logs: {v.Events} merged events, {v.StepsValidated} steps validated in {v.Time.TotalSeconds:0.00} s (merge {v.MergeTime.TotalSeconds:0.00} s; {v.StepsPerSecond:0} steps/s): {Verdict(v.Verdict)}"));
        if (v.Verdict != ConformanceVerdict.Conforms) w.WriteLine(v.Description);
        w.WriteLine(r.ExitCode switch { 0 => "result: correct", 2 => "result: bug found", _ => "result: inconclusive" });
    }

    private static string Verdict(ConformanceVerdict verdict) => verdict switch
    {
        ConformanceVerdict.Conforms => "the merged trace is a behaviour of the spec",
        ConformanceVerdict.DoesNotConform => "NOT a behaviour of the spec",
        _ => "inconclusive",
    };

    private static int Positive(int value, string option) => value > 0 ? value : throw new UserError($"{option} must be positive, not {value}");

    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        (string Suffix, double Factor)[] units = [("ms", 0.001), ("s", 1), ("m", 60)];
        foreach (var (suffix, factor) in units)
            if (t.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
                return TimeSpan.FromSeconds(n * factor);
        throw new UserError($"--duration: '{text}' is not a duration (e.g. 10s, 500ms, 1m)");
    }

    public static FaultKinds ParseFaults(string? text)
    {
        var faults = FaultKinds.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            faults |= part.ToLowerInvariant() switch
            {
                "crash" => FaultKinds.Crash,
                "partition" => FaultKinds.Partition,
                "loss" => FaultKinds.Loss,
                _ => throw new UserError($"--faults: unknown fault '{part}' (faults: crash, partition, loss)"),
            };
        return faults;
    }
}
