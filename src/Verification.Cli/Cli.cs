using System.CommandLine;
using Verification.Tla;

namespace Verification.Cli;

/// <summary>
/// A mistake the user can fix (bad file, unknown name, bad flag value). Printed as one line,
/// prefixed with its location when there is one, and turned into <see cref="ExitCode"/>.
/// </summary>
public sealed class UserError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

public static class Cli
{
    /// <summary>Parses and runs; every failure becomes one line on stderr and a non-zero exit code.</summary>
    public static int Run(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // One line, not the whole help page: the user sees what was wrong and where to look.
                var command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
                var first = parsed.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
                error.WriteLine($"error: {OneLine(first.Message)} (see `verify {command}--help`)");
                return 1;
            }
            var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return parsed.Invoke(config);
        }
        catch (UserError e)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            return e.ExitCode;
        }
        catch (Exception e) when (IsSpecInvariantSetupError(e))
        {
            // A system's scenario could not load the spec whose invariants it checks.
            error.WriteLine($"error: {OneLine(e.Message)}");
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("VERIFY_DEBUG") != "1")
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)} (set VERIFY_DEBUG=1 for the stack trace)");
            return 255;
        }
    }

    // Its own method: `verify check` then never loads the protocols' assembly just to compile Run.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsSpecInvariantSetupError(Exception e) => e is Protocols.SpecInvariants.SpecInvariantSetupException;

    /// <summary>
    /// An error line as printed: whatever input it quotes (a 100,000-digit number, a megabyte-long
    /// name), bounded, and on one line. Messages quote input through <see cref="Messages"/>; this is
    /// the last guard for those that come from elsewhere (the option parser, the explorer's engine).
    /// </summary>
    public static string OneLine(string message) => message.Contains('\n', StringComparison.Ordinal) || message.Length > 2_000
        ? Messages.Truncate(message.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' '), 2_000)
        : message;

    /// <summary>
    /// The repository root (the folder holding Verification.sln), found from the working directory
    /// or from the assembly's location; spec paths in `verify list` are relative to it.
    /// </summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        }
        throw new UserError("cannot find the repository root (a folder with Verification.sln) above the working directory");
    }

    /// <summary>
    /// The folder a system's relative spec and model paths are resolved against: the repository root,
    /// or, where there is none (the installed tool, run on a user's assembly), the working directory. A
    /// system outside the repository names its files absolutely, so they resolve either way.
    /// </summary>
    public static string SystemsRoot()
    {
        try
        {
            return RepositoryRoot();
        }
        catch (UserError)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}
