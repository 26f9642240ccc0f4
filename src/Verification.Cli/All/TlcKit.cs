using System.Text.Json;
using Verification.Tla.Checking;

namespace Verification.Cli.All;

/// <summary>
/// The TLC conformance kit: small specs with the exact results TLC 2.19 reported for them
/// (expected.json). Running an entry and comparing every figure is how we show the checker
/// agrees with TLC; `verify all` and the kit tests both use it.
/// </summary>
public sealed record TlcKitEntry(
    string Name, string Spec, string Config, bool DeadlockCheck, string Result, string? Violated,
    long? DistinctStates, long? StatesGenerated, int? Depth, int? TraceLength, int TlcExitCode)
{
    public static IReadOnlyList<TlcKitEntry> Load(string kitDirectory)
    {
        var path = Path.Combine(kitDirectory, "expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => new TlcKitEntry(
            e.GetProperty("name").GetString()!,
            e.GetProperty("spec").GetString()!,
            e.GetProperty("config").GetString()!,
            e.GetProperty("deadlockCheck").GetBoolean(),
            e.GetProperty("result").GetString()!,
            OptionalString(e, "violated"),
            OptionalLong(e, "distinctStates"),
            OptionalLong(e, "statesGenerated"),
            (int?)OptionalLong(e, "depth"),
            (int?)OptionalLong(e, "traceLength"),
            e.GetProperty("tlcExitCode").GetInt32())).ToList();
    }

    /// <summary>
    /// Checks the entry as the kit's run-tlc.sh ran TLC (1 worker, -deadlock where recorded);
    /// <paramref name="spillThreshold"/> forces the queue and fingerprint set to disk (tests of spilling).
    /// </summary>
    public CheckResult Run(string kitDirectory, TextWriter output, int workers = 1, long? spillThreshold = null) =>
        ModelChecker.Run(
            Path.Combine(kitDirectory, Spec),
            Path.Combine(kitDirectory, Config),
            new CheckOptions { Workers = workers, CheckDeadlock = DeadlockCheck ? null : false, SpillThreshold = spillThreshold },
            output);

    /// <summary>Every figure where our result differs from TLC's, as "field: ours vs TLC's"; empty when they agree.</summary>
    public IReadOnlyList<string> Differences(CheckResult ours)
    {
        var differences = new List<string>();
        Compare("result", ours.ResultKind, Result);
        Compare("violated", ours.Violated, Violated);
        Compare("distinct states", ours.DistinctStates, DistinctStates);
        Compare("states generated", ours.StatesGenerated, StatesGenerated);
        Compare("depth", ours.Depth, Depth);
        Compare("trace length", ours.Trace?.Count, TraceLength);
        Compare("exit code", ours.ExitCode, TlcExitCode);
        return differences;

        void Compare<T>(string field, T actual, T expected)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, expected))
                differences.Add($"{field}: {Show(actual)} vs TLC's {Show(expected)}");
        }

        static string Show<T>(T value) => value?.ToString() ?? "none";
    }

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
