using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Conformance;

namespace Verification.Benchmarks.Conformance;

/// <summary>
/// A Stopwatch harness for validating per-node logs (the merge by vector clocks): a seeded simulated
/// run of BestEffortBroadcast with three nodes (<see cref="SimulatedNodeLogs"/>: each node logs its own
/// steps and entries, the network is left to the spec) written to a folder, read and validated as one
/// run. Prints lines, seconds (best of the repetitions, reading included) and steps/s.
/// Run: dotnet run -c Release --project bench/Verification.Benchmarks -- merge-speed [--steps N] [--repeat R] [--out DIR] [--model broadcast|raft]
/// </summary>
public static class MergeSpeed
{
    public static int Run(string[] args)
    {
        var steps = 3_000;
        var repeat = 3;
        var folder = Path.Combine(Path.GetTempPath(), "verification-merge-speed");
        var model = "broadcast";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--steps": steps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": folder = args[++i]; break;
                case "--model": model = args[++i]; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (expected --steps N, --repeat R, --out DIR)");
                    return 1;
            }
        }
        var broadcasts = steps / 5 + 1;
        var cfg = Path.Combine(folder, "MCBestEffortBroadcastLogs.cfg");
        Directory.CreateDirectory(folder);
        File.WriteAllText(cfg, $"CONSTANTS\n    Node = {{n1, n2, n3}}\n    MaxBroadcasts = {broadcasts}\n    MaxCrashes = 0\n    MaxDuplicates = 0\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        var specPath = Path.Combine(Paths.RepositoryRoot(), "specs", "broadcast", "BestEffortBroadcast.tla");
        var network = "network";
        if (model == "raft")
        {
            specPath = Path.Combine(Paths.RepositoryRoot(), "specs", "consensus", "Raft.tla");
            cfg = Path.Combine(Paths.RepositoryRoot(), "specs", "consensus", "MCRaftConformance.cfg");
            network = "msgs";
        }
        var spec = ConformanceSpec.Load(specPath, cfg);
        var clock = Stopwatch.StartNew();
        var run = SimulatedNodeLogs.Write(spec, network, steps, seed: 1, Path.Combine(folder, "logs"));
        var lines = run.Paths.Sum(static p => File.ReadLines(p).Count());
        Console.WriteLine($"{Path.GetFileNameWithoutExtension(specPath)}, 3 nodes: {lines:N0} lines ({run.Steps:N0} steps) in {folder}/logs, generated in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  validate: verify validate --spec {specPath} -config {cfg} {folder}/logs");
        var best = double.MaxValue;
        MergeResult? result = null;
        for (var r = 0; r < repeat; r++)
        {
            clock.Restart();
            var logs = NodeLogReader.ReadAll(run.Paths, spec);
            var read = clock.Elapsed.TotalSeconds;
            result = new LogMerge(new TraceValidator(spec)).Validate(logs);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  repetition {r + 1}: read {read:F2} s, validated {clock.Elapsed.TotalSeconds - read:F2} s");
        }
        Console.WriteLine($"  {result!.Result.Verdict}: {result.Result.StepsValidated:N0} steps in {best:F2} s (best of {repeat}), {result.Result.StepsValidated / best:N0} steps/s, " +
                          $"largest frontier {result.Result.LargestFrontier:N0}, search steps {result.StepsExplored:N0}, dead cuts {result.DeadCuts:N0}");
        if (result.Linearisation is { } linear)
        {
            // Where the time goes: each line of the conforming order stepped again, timed by event.
            var validator = new TraceValidator(spec);
            IReadOnlyList<Verification.Tla.Values.Value[]> states = validator.InitialStatesMatching(null);
            var byEvent = new Dictionary<string, (int Count, double Seconds)>();
            states = validator.InitialStatesMatching(null);
            foreach (var line in linear.Where(static l => !l.IsInit))
            {
                clock.Restart();
                states = validator.Successors(states, line.Steps)!;
                var (count, seconds) = byEvent.GetValueOrDefault(line.Event);
                byEvent[line.Event] = (count + 1, seconds + clock.Elapsed.TotalSeconds);
            }
            Console.WriteLine("  by event: " + string.Join(", ", byEvent.Select(static e => $"{e.Key} {e.Value.Count:N0} lines {e.Value.Seconds * 1e6 / e.Value.Count:N0} us/line")));
        }
        return result.Result.Verdict == ConformanceVerdict.Conforms ? 0 : 1;
    }
}
