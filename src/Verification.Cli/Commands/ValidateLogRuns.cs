using System.Diagnostics;
using System.Globalization;
using Verification.Tla.Checking;
using Verification.Tla.Conformance;

namespace Verification.Cli.Commands;

/// <summary>
/// The runs among `verify validate`'s arguments: per-node logs (native, with vector clocks) are one
/// run, logs of other programs read through a mapping are another; each run is merged and validated
/// as a whole. Everything else is a trace on its own, validated as before.
/// </summary>
internal static class LogRuns
{
    public sealed record LogRun(IReadOnlyList<string> Paths, bool Mapped);

    public static (List<LogRun> Runs, List<string> Singles) Group(IReadOnlyList<string> arguments, ValidateCommand.MergeOptions merging)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var logs = Directory.GetFiles(argument).Where(NodeLogReader.IsLogFile).Order(StringComparer.Ordinal).ToList();
                if (logs.Count == 0) throw new UserError($"{argument}: the folder has no logs (*.ndjson, *.jsonl, or either gzipped)");
                files.AddRange(logs);
            }
            else files.Add(argument);
        }
        var native = new List<string>();
        var mapped = new List<string>();
        var singles = new List<string>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new UserError($"{file}: file not found");
            if (merging.Map is not null || File.Exists(file + ".map.json")) mapped.Add(file);
            else if (NodeLogReader.IsNodeLog(file)) native.Add(file);
            else if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                throw new UserError($"{file}: a gzipped log must be a per-node log (gzip data whose first line has \"node\" and \"clock\"); this one is not");
            else if (merging.Merge) throw new UserError($"{file}: --merge needs per-node logs (lines with \"node\" and \"clock\") or a mapping (--map, or {Path.GetFileName(file)}.map.json next to the log)");
            else singles.Add(file);
        }
        var runs = new List<LogRun>();
        if (native.Count > 0) runs.Add(new LogRun(native, Mapped: false));
        if (mapped.Count > 0) runs.Add(new LogRun(mapped, Mapped: true));
        if (merging.Merge && runs.Count == 2) runs = [new LogRun([.. native, .. mapped], Mapped: true)];
        return (runs, singles);
    }

    public static int Validate(LogRun run, ConformanceSpec spec, TraceValidator validator, ValidateCommand.MergeOptions merging, TextWriter output)
    {
        var name = string.Join(", ", run.Paths);
        IReadOnlyList<NodeLog> logs;
        try
        {
            logs = run.Mapped ? LogMapping.ReadLogs(run.Paths, merging.Map, spec) : NodeLogReader.ReadAll(run.Paths, spec);
        }
        catch (TraceFormatException e)
        {
            throw new UserError(e.Message);
        }
        var clock = Stopwatch.StartNew();
        MergeResult merged;
        try
        {
            merged = new LogMerge(validator).Validate(logs);
        }
        catch (TraceFormatException e)
        {
            throw new UserError(e.Message);
        }
        clock.Stop();
        var result = merged.Result;
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (result.StepsValidated / seconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
        switch (result.Verdict)
        {
            case ConformanceVerdict.Conforms:
                output.WriteLine($"{name}: conform as one run ({logs.Count} log{(logs.Count == 1 ? "" : "s")}, {merged.Lines:N0} lines, {result.StepsValidated:N0} steps validated " +
                                 $"in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {rate} steps/s, largest frontier {result.LargestFrontier:N0}" +
                                 $"{(merged.DeadCuts == 0 ? "" : $", backed off from {merged.DeadCuts:N0} positions, {merged.StepsExplored:N0} state steps searched")}).");
                if (merging.Output is { } path)
                {
                    File.WriteAllLines(path, merged.Linearisation!.Select(static l => l.Text));
                    output.WriteLine($"merged log: {path} ({merged.Linearisation!.Count:N0} lines in an order the clocks allow and the spec accepts)");
                }
                return ExitCodes.Success;
            case ConformanceVerdict.DoesNotConform:
                output.WriteLine($"{name}: do NOT conform: no order of their lines that the clocks allow is a behaviour of the spec.");
                output.WriteLine(result.Diagnosis!.Describe());
                return ExitCodes.SafetyViolation;
            default:
                output.WriteLine($"{name}: inconclusive: {result.InconclusiveReason}");
                return result.FrontierBoundHit ? ValidateCommand.Inconclusive : ExitCodes.EvaluationError;
        }
    }
}
