using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Verification.Cli;
using Verification.Tla.Conformance;

namespace Verification.Benchmarks.Conformance;

/// <summary>
/// Trace validation of a real run's per-node logs, both ways the issue asks for: `verify validate`'s
/// merge over the orders the vector clocks allow (<see cref="LogMerge"/>), and `verify check` of the
/// TLA+ trace spec TraceRaft.tla on the order the merge found (as etcd's and CCF's trace specs are
/// run). Times are the process's CPU time (the machine is shared), with the wall clock beside them.
/// Default logs: the committed 30-second Raft run (tests/Verification.Tla.Tests/Conformance/RealRuns).
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- trace-validate [--logs DIR] [--spec FILE] [--config FILE] [--repeat R] [--no-trace-spec]
/// </summary>
public static partial class TraceValidateSpeed
{
    public static int Run(string[] args)
    {
        var root = Paths.RepositoryRoot();
        var logs = Path.Combine(root, "tests", "Verification.Tla.Tests", "Conformance", "RealRuns", "raft-30s-crash-partition-seed-1");
        var specPath = Path.Combine(root, "specs", "consensus", "Raft.tla");
        string? config = null;
        var repeat = 3;
        var traceSpec = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--logs" when i + 1 < args.Length: logs = args[++i]; break;
                case "--spec" when i + 1 < args.Length: specPath = args[++i]; break;
                case "--config" when i + 1 < args.Length: config = args[++i]; break;
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-trace-spec": traceSpec = false; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --logs DIR, --spec FILE, --config FILE, --repeat R, --no-trace-spec)");
                    return 1;
            }
        }
        config ??= Path.Combine(logs, "conformance.cfg");
        var paths = Directory.GetFiles(logs).Where(NodeLogReader.IsLogFile).Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            Console.Error.WriteLine($"error: {logs}: no per-node logs (*.ndjson, *.ndjson.gz)");
            return 1;
        }
        var spec = ConformanceSpec.Load(specPath, config);
        Console.WriteLine($"verify validate --spec {specPath} -config {config} {logs}");
        MergeResult? result = null;
        var best = (Cpu: double.MaxValue, Wall: 0.0);
        for (var r = 0; r < repeat; r++)
        {
            var (cpu, wall) = Measure(() => result = new LogMerge(new TraceValidator(spec)).Validate(NodeLogReader.ReadAll(paths, spec)));
            Console.WriteLine($"  repetition {r + 1}: {cpu:F2} s CPU, {wall:F2} s wall (reading included)");
            if (cpu < best.Cpu) best = (cpu, wall);
        }
        var validated = result!.Result.StepsValidated;
        Console.WriteLine($"  {result.Result.Verdict}: {result.Lines:N0} lines, {validated:N0} steps in {best.Cpu:F2} s CPU (best of {repeat}; {best.Wall:F2} s wall), " +
                          $"{validated / best.Cpu:N0} steps per CPU second; largest frontier {result.Result.LargestFrontier:N0}, " +
                          $"{result.StepsExplored:N0} state steps searched, backed off from {result.DeadCuts:N0} positions");
        if (result.Result.Verdict != ConformanceVerdict.Conforms)
        {
            Console.WriteLine(result.Result.Describe());
            return 1;
        }
        return traceSpec ? CheckTraceSpec(root, result.Linearisation!) : 0;
    }

    /// <summary>`verify check TraceRaft.tla -config MCTraceRaft.cfg -lncheck final` on the merged log, in this process.</summary>
    private static int CheckTraceSpec(string root, IReadOnlyList<LogLine> merged)
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("trace-validate-").FullName, "merged.ndjson");
        File.WriteAllLines(log, merged.Select(static l => l.Text));
        var spec = Path.Combine(root, "specs", "consensus", "TraceRaft.tla");
        var config = Path.Combine(root, "specs", "consensus", "MCTraceRaft.cfg");
        Console.WriteLine($"JSON={log} verify check {spec} -config {config} -lncheck final");
        var previous = Environment.GetEnvironmentVariable("JSON");
        Environment.SetEnvironmentVariable("JSON", log);
        try
        {
            var output = new StringWriter();
            var exit = 0;
            var (cpu, wall) = Measure(() => exit = Cli.Cli.Run(VerifyApp.CreateRoot(), ["check", spec, "-config", config, "-lncheck", "final"], output, output));
            var states = StatesGenerated().Match(output.ToString()) is { Success: true } m ? long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
            Console.WriteLine($"  exit {exit}: {merged.Count:N0} lines, {states:N0} states generated in {cpu:F2} s CPU ({wall:F2} s wall), {merged.Count / cpu:N0} lines per CPU second");
            if (exit != 0) Console.WriteLine(output);
            return exit == 0 ? 0 : 1;
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previous);
        }
    }

    private static (double Cpu, double Wall) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    [GeneratedRegex(@"([\d,]+) states generated")]
    private static partial Regex StatesGenerated();
}
