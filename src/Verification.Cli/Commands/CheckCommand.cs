using System.CommandLine;
using System.Globalization;
using Verification.Tla.Checking;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify check SPEC.tla`: explicit-state model checking with TLC's flags, output and exit codes
/// (0 no error, 10 assumption, 11 deadlock, 12 safety, 13 property, 14 Assert, 75/76/77 evaluation
/// errors, 150 spec error, 151 config error).
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "The root module (SPEC.tla)" };
        var config = new Option<string?>("-config") { Description = "The model configuration (default: SPEC.cfg next to the spec)" };
        var workers = new Option<string>("-workers")
        {
            Description = "Worker threads: a number or 'auto' (all cores); the distinct-state count does not depend on it",
            DefaultValueFactory = _ => "1",
        };
        var noDeadlock = new Option<bool>("-deadlock") { Description = "Do NOT check for deadlock (TLC's meaning of -deadlock)" };
        var dumpTrace = new Option<string[]>("-dumpTrace")
        {
            Description = "Also write a counterexample: -dumpTrace itf FILE (ITF JSON)",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var simulate = new Option<bool>("-simulate") { Description = "Check random behaviours instead of the whole state space" };
        var depth = new Option<int>("-depth") { Description = "Length of each simulated behaviour", DefaultValueFactory = _ => 100 };
        var behaviours = new Option<int>("-num") { Description = "Number of simulated behaviours", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("-seed") { Description = "Seed of the simulation", DefaultValueFactory = _ => 0 };
        var library = LibraryOption();

        var command = new Command("check", "Model-check a TLA+ spec as TLC does (BFS over distinct states; invariants, deadlock, action properties)")
        {
            spec, config, workers, noDeadlock, dumpTrace, simulate, depth, behaviours, seed, library,
        };
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var specPath = parse.GetValue(spec)!;
            var options = new CheckOptions
            {
                Workers = ParseWorkers(parse.GetValue(workers)!),
                CheckDeadlock = parse.GetValue(noDeadlock) ? false : null,
                ItfTracePath = ParseDumpTrace(parse.GetValue(dumpTrace)),
                Simulate = parse.GetValue(simulate),
                SimulationDepth = Positive(parse.GetValue(depth), "-depth"),
                SimulationBehaviours = Positive(parse.GetValue(behaviours), "-num"),
                Seed = parse.GetValue(seed),
                LibraryFolders = parse.GetValue(library) ?? [],
            };
            if (!specPath.EndsWith(".tla", StringComparison.Ordinal) && !File.Exists(specPath) && File.Exists(specPath + ".tla"))
                specPath += ".tla";
            var result = ModelChecker.Run(specPath, parse.GetValue(config), options, output);
            if (result.Outcome is CheckOutcome.SpecError or CheckOutcome.ConfigError)
                throw new UserError(result.Message ?? "the spec could not be loaded", result.ExitCode);
            return result.ExitCode;
        });
        return command;
    }

    /// <summary>-lib DIR (repeatable): module folders searched after the spec's, before those of TLA_LIBRARY.</summary>
    internal static Option<string[]> LibraryOption() => new("-lib")
    {
        Description = "A folder of modules searched after the spec's own folder (repeatable; then the folders of TLA_LIBRARY, ':'-separated)",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static int ParseWorkers(string text)
    {
        if (text == "auto") return Environment.ProcessorCount;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new UserError($"-workers expects a positive number or 'auto', not '{text}'");
    }

    private static string? ParseDumpTrace(string[]? values)
    {
        if (values is null || values.Length == 0) return null;
        if (values.Length != 2 || values[0] != "itf")
            throw new UserError("-dumpTrace expects the format and a file: -dumpTrace itf FILE");
        return values[1];
    }

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new UserError($"{flag} must be positive, not {value}");
}
