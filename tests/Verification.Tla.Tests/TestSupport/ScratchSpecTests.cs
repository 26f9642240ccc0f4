using Verification.Cli;

namespace Verification.Tla.Tests.TestSupport;

/// <summary>
/// Base of the tests that write small specs of their own and run them through `verify check` as a
/// user would: a fresh folder per test class instance, removed when the instance is disposed.
/// </summary>
public abstract class ScratchSpecTests : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("verify-scratch-specs-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static string KitFolder => Syntax.SyntaxTestFiles.KitDirectory;

    protected static string Kit(string name) => Path.Combine(KitFolder, name, name + ".tla");

    /// <summary>Runs the `verify` command line in-process: its exit code, standard output and standard error.</summary>
    public static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Verification.Cli.Cli.Run(VerifyApp.CreateRoot(), args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs `verify` in-process: its exit code and everything it printed (standard output, then standard error).</summary>
    public static (int Exit, string Output) VerifyAllOutput(params string[] args)
    {
        var (exit, output, error) = Verify(args);
        return (exit, output + error);
    }

    /// <summary>Writes NAME.tla (the whole module text) and NAME.cfg into this class's folder; returns the spec's path.</summary>
    protected string Write(string name, string tla, string cfg)
    {
        File.WriteAllText(Path.Combine(Folder, name + ".cfg"), cfg);
        var path = Path.Combine(Folder, name + ".tla");
        File.WriteAllText(path, tla);
        return path;
    }
}
