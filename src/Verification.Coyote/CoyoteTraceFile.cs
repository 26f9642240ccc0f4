using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Coyote;

/// <summary>A Coyote trace file could not be read, or does not belong to a registered system.</summary>
public sealed class CoyoteTraceFormatException(string message) : Exception(message);

/// <summary>
/// A bug's Coyote trace on disk: <c>NAME.trace</c> is exactly Coyote's reproducible trace (what
/// `coyote replay` reads), and <c>NAME.trace.verify.json</c> next to it says which system, bug and
/// bounds produced it, which Coyote's file cannot carry, so that `verify replay --engine coyote
/// NAME.trace` rebuilds the same test.
/// </summary>
public static class CoyoteTraceFile
{
    public const string SettingsSuffix = ".verify.json";

    public sealed record Loaded(string System, string? Bug, CoyoteOptions Options, string Trace, string? Detector);

    internal static string Write(CoyoteOptions options, string system, string? bug, string trace, string? detector = null)
    {
        var directory = options.ReportDirectory ?? Path.Combine(Path.GetTempPath(), $"verify-coyote-{Environment.UserName}");
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{system.Replace('/', '-')}{(bug is null ? "" : "-" + bug)}-coyote-{options.Strategy}-seed{options.Seed}.trace");
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, trace);
        var settings = new JsonObject
        {
            ["system"] = system,
            ["bug"] = bug,
            ["strategy"] = options.Strategy,
            ["seed"] = options.Seed,
            ["maxSteps"] = options.MaxSteps,
            ["maxFairSteps"] = options.MaxFairSteps,
            ["strategyBound"] = options.StrategyBound,
            ["livenessTemperatureThreshold"] = options.LivenessTemperatureThreshold,
            ["replayOptions"] = options.ReplayOptions,
            ["detector"] = detector,
        };
        File.WriteAllText(path + SettingsSuffix, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>Reads a trace and its settings; <paramref name="path"/> may name either file.</summary>
    public static Loaded Load(string path)
    {
        var tracePath = path.EndsWith(SettingsSuffix, StringComparison.Ordinal) ? path[..^SettingsSuffix.Length] : path;
        var settingsPath = tracePath + SettingsSuffix;
        if (!File.Exists(tracePath)) throw new CoyoteTraceFormatException($"{tracePath}: no such Coyote trace file");
        if (!File.Exists(settingsPath)) throw new CoyoteTraceFormatException($"{settingsPath}: missing; it says which system and bug the trace {tracePath} was recorded for (`verify test --engine coyote` writes both)");
        JsonObject settings;
        try
        {
            settings = JsonNode.Parse(File.ReadAllText(settingsPath)) as JsonObject ?? throw new CoyoteTraceFormatException($"{settingsPath}:1:1: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new CoyoteTraceFormatException($"{settingsPath}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {e.Message}");
        }
        var trace = File.ReadAllText(tracePath);
        try
        {
            JsonNode.Parse(trace);
        }
        catch (JsonException e)
        {
            throw new CoyoteTraceFormatException($"{tracePath}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a Coyote reproducible trace (not valid JSON): {e.Message}");
        }
        try
        {
            var system = settings["system"]?.GetValue<string>() ?? throw new CoyoteTraceFormatException($"{settingsPath}: no \"system\"");
            var options = new CoyoteOptions
            {
                Strategy = settings["strategy"]?.GetValue<string>() ?? "random",
                Seed = settings["seed"]?.GetValue<ulong>() ?? 1,
                MaxSteps = settings["maxSteps"]?.GetValue<int>(),
                MaxFairSteps = settings["maxFairSteps"]?.GetValue<int>(),
                StrategyBound = settings["strategyBound"]?.GetValue<int>(),
                LivenessTemperatureThreshold = settings["livenessTemperatureThreshold"]?.GetValue<int>(),
                ReplayOptions = settings["replayOptions"]?.GetValue<string>() ?? "",
            };
            return new Loaded(system, settings["bug"]?.GetValue<string>(), options, trace, settings["detector"]?.GetValue<string>());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new CoyoteTraceFormatException($"{settingsPath}: a setting has the wrong type: {e.Message}");
        }
    }
}
