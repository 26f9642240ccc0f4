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
        // Optional for the parser only: `-dump FILE SPEC` gives -dump both tokens (see below).
        var spec = new Argument<string?>("spec") { Description = "The root module (SPEC.tla)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("-config") { Description = "The model configuration (default: SPEC.cfg next to the spec)" };
        var workers = new Option<string>("-workers")
        {
            Description = "Worker threads: a number or 'auto' (all cores); the distinct-state count does not depend on it",
            DefaultValueFactory = _ => "1",
        };
        var noDeadlock = new Option<bool>("-deadlock") { Description = "Do NOT check for deadlock (TLC's meaning of -deadlock)" };
        var dumpTrace = new Option<string[]>("-dumpTrace")
        {
            Description = "Also write a counterexample: -dumpTrace itf FILE (ITF JSON) or -dumpTrace html FILE (an HTML page: the states in order, changed variables highlighted)",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var simulate = new Option<bool>("-simulate") { Description = "Check random behaviours instead of the whole state space" };
        var depth = new Option<int>("-depth") { Description = "Length of each simulated behaviour", DefaultValueFactory = _ => 100 };
        var behaviours = new Option<int>("-num") { Description = "Number of simulated behaviours", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("-seed") { Description = "Seed of the simulation", DefaultValueFactory = _ => 0 };
        var library = LibraryOption();
        var continueAfter = new Option<bool>("-continue") { Description = "Report every invariant and action-property violation and finish the search (TLC then exits 0)" };
        var diffTrace = new Option<bool>("-difftrace") { Description = "In traces, show only the variables that changed from the previous state" };
        var noWarning = new Option<bool>("-nowarning") { Description = "Print no warnings" };
        var userFile = new Option<string?>("-userFile") { Description = "Write the output of Print and PrintT to this file" };
        var dump = new Option<string[]>("-dump")
        {
            Description = "Write every distinct state: -dump FILE (TLC's plain format, FILE.dump) or -dump dot[,options] FILE (GraphViz, FILE.dot)",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var spillThreshold = new Option<long?>("-spill-threshold")
        {
            Description = "Move the queue and the fingerprint set to disk once this many states are in memory (default: the queue moves when memory runs low)",
        };
        var metaDirectory = new Option<string?>("-metadir") { Description = "Folder for the spill files (a folder of the run's own inside it, removed at the end)" };
        var ignored = IgnoredTlcFlags();

        var command = new Command("check", "Model-check a TLA+ spec as TLC does (BFS over distinct states; invariants, deadlock, action properties)")
        {
            spec, config, workers, noDeadlock, dumpTrace, simulate, depth, behaviours, seed, continueAfter, diffTrace, noWarning, userFile, dump, library,
            spillThreshold, metaDirectory,
        };
        foreach (var option in ignored) command.Options.Add(option);
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var specPath = parse.GetValue(spec);
            var dumpValues = parse.GetValue(dump);
            // -dump takes a second token only after "dot...": otherwise that token is the spec.
            if (dumpValues is { Length: 2 } && !dumpValues[0].StartsWith("dot", StringComparison.Ordinal))
            {
                if (specPath is not null) throw new UserError($"-dump expects a file, or 'dot' and a file, not '{dumpValues[0]} {dumpValues[1]}'");
                specPath = dumpValues[1];
                dumpValues = [dumpValues[0]];
            }
            if (specPath is null) throw new UserError("the spec to check is missing: verify check SPEC.tla");
            var (format, tracePath) = ParseDumpTrace(parse.GetValue(dumpTrace));
            // The HTML page is drawn from the ITF trace the checker writes (the lasso's loop included).
            var itfPath = format == "html" ? Path.Combine(Path.GetTempPath(), $"verify-check-{Environment.ProcessId}-{Guid.NewGuid():N}.itf.json") : tracePath;
            var options = new CheckOptions
            {
                Workers = ParseWorkers(parse.GetValue(workers)!, error),
                CheckDeadlock = parse.GetValue(noDeadlock) ? false : null,
                ItfTracePath = itfPath,
                Simulate = parse.GetValue(simulate),
                SimulationDepth = Positive(parse.GetValue(depth), "-depth"),
                SimulationBehaviours = Positive(parse.GetValue(behaviours), "-num"),
                Seed = parse.GetValue(seed),
                LibraryFolders = parse.GetValue(library) ?? [],
                Continue = parse.GetValue(continueAfter),
                DiffTrace = parse.GetValue(diffTrace),
                NoWarning = parse.GetValue(noWarning),
                UserFile = parse.GetValue(userFile),
                DumpPath = dumpValues is { Length: > 0 } ? dumpValues[^1] : null,
                DumpDot = dumpValues is { Length: 2 },
                SpillThreshold = parse.GetValue(spillThreshold) is { } threshold ? Positive(threshold, "-spill-threshold") : null,
                MetaDirectory = NotAFile(parse.GetValue(metaDirectory), "-metadir"),
            };
            foreach (var option in ignored)
            {
                var given = parse.GetResult(option);
                if (given is not null && !given.Implicit)
                    error.WriteLine($"note: {option.Name} is accepted for TLC compatibility and has no effect here ({option.Description})");
            }
            CheckWritable(options.ItfTracePath, "-dumpTrace");
            if (format == "html") CheckWritable(tracePath, "-dumpTrace");
            CheckWritable(options.UserFile, "-userFile");
            CheckWritable(options.DumpPath is { } dumpPath ? StateDump.FileName(dumpPath, options.DumpDot) : null, "-dump");
            if (!specPath.EndsWith(".tla", StringComparison.Ordinal) && !File.Exists(specPath) && File.Exists(specPath + ".tla"))
                specPath += ".tla";
            var result = ModelChecker.Run(specPath, parse.GetValue(config), options, output);
            if (result.Outcome is CheckOutcome.SpecError or CheckOutcome.ConfigError)
                throw new UserError(result.Message ?? "the spec could not be loaded", result.ExitCode);
            if (format == "html" && itfPath is not null) Reports.CounterexampleReport.Write(output, result, specPath, itfPath, tracePath!);
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

    /// <summary>More workers than this many per core only add threads that wait (each level starts them all).</summary>
    internal const int WorkersPerCore = 4;

    private static int ParseWorkers(string text, TextWriter error)
    {
        if (text == "auto") return Environment.ProcessorCount;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new UserError($"-workers expects a positive number or 'auto', not '{text}'");
        var cap = WorkersPerCore * Environment.ProcessorCount;
        if (n <= cap) return n;
        // TLC starts as many threads as asked; here they would only slow the search down.
        error.WriteLine($"note: -workers {n} is more than {WorkersPerCore} per core; using {cap} workers ({Environment.ProcessorCount} cores)");
        return cap;
    }

    /// <summary>
    /// TLC's flags that mean nothing for this checker: accepted (so that scripts written for TLC
    /// run unchanged) with a note on stderr. The flags with an effect are options of their own.
    /// </summary>
    private static Option[] IgnoredTlcFlags() =>
    [
        Valued("-lncheck", "liveness is always checked once, on the complete state graph (TLC's 'final')"),
        Valued("-fpmem", "the fingerprint set grows as needed"),
        Valued("-coverage", "no coverage statistics"),
        Valued("-checkpoint", "no checkpoints are written"),
        Valued("-recover", "no checkpoints: the run starts from scratch (same result)"),
        Valued("-maxSetSize", "no limit on the size of enumerated sets is enforced"),
        Valued("-dfid", "the search is always breadth-first: the verdict agrees, the counts are those of a breadth-first run"),
        Valued("-fp", "this checker's own fingerprints are used"),
        Valued("-fpbits", "the fingerprint set is not partitioned"),
        Flag("-tool", "the output is always the plain TLC format"),
        Flag("-cleanup", "no states directory is written"),
        Flag("-gzip", "no states directory is written"),
        Flag("-noGenerateSpecTE", "no trace-exploration spec is ever generated"),
        Flag("-generateSpecTE", "no trace-exploration spec is generated"),
        Flag("-debug", "no debugging output"),
        Flag("-view", "traces show the variables, not the VIEW"),
        Flag("-terse", "values are printed in full"),
    ];

    private static Option<string> Valued(string name, string why) => new(name) { Description = why, Hidden = true };

    private static Option<bool> Flag(string name, string why) => new(name) { Description = why, Hidden = true };

    /// <summary>An output file must be writable before the run starts, or its result would be lost at the end.</summary>
    private static void CheckWritable(string? path, string flag)
    {
        if (path is null) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new UserError($"{flag}: the folder '{folder}' does not exist (for '{path}')");
        if (Directory.Exists(path)) throw new UserError($"{flag}: '{path}' is a folder, not a file");
        var existed = File.Exists(path);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
            if (!existed) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{flag}: cannot write '{path}': {e.Message}");
        }
    }

    private static (string? Format, string? Path) ParseDumpTrace(string[]? values)
    {
        if (values is null || values.Length == 0) return (null, null);
        if (values.Length != 2 || values[0] is not ("itf" or "html"))
            throw new UserError("-dumpTrace expects the format and a file: -dumpTrace itf FILE or -dumpTrace html FILE");
        return (values[0], values[1]);
    }

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new UserError($"{flag} must be positive, not {value}");

    private static long Positive(long value, string flag) =>
        value > 0 ? value : throw new UserError($"{flag} must be positive, not {value}");

    // As TLC does, a -metadir that does not exist yet is made when the first file is written there.
    private static string? NotAFile(string? path, string flag) =>
        path is null || !File.Exists(path) ? path : throw new UserError($"{flag}: '{path}' is a file, not a folder");
}
