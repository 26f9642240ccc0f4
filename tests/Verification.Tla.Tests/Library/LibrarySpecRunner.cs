namespace Verification.Tla.Tests.Library;

/// <summary>
/// Runs small specs through `verify check` in a folder of their own: library tests state their
/// cases as ASSUMEs (each a TLA+ fact derived from the module's definition), so a false case fails
/// the run with TLC's "Assumption line L ... is false" naming the line.
/// </summary>
internal sealed class LibrarySpecRunner : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("tla-library-").FullName;

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public static (int Exit, string Out, string Err) Verify(params string[] args) => TestSupport.ScratchSpecTests.Verify(args);

    /// <summary>Writes NAME.tla (and a cfg) into <paramref name="folder"/> (default: this runner's folder).</summary>
    public string Write(string name, string body, string? folder = null, string cfg = "INIT Init\nNEXT Next\n")
    {
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".tla");
        File.WriteAllText(path, $"---- MODULE {name} ----\n{body}\n====\n");
        File.WriteAllText(Path.Combine(folder, name + ".cfg"), cfg);
        return path;
    }

    /// <summary>
    /// A spec extending <paramref name="extends"/> whose ASSUMEs are <paramref name="facts"/>, one per
    /// line; returns the checker's exit code and output.
    /// </summary>
    public (int Exit, string Out, string Err) CheckFacts(string extends, params string[] facts)
    {
        var body = $"EXTENDS {extends}\nVARIABLE unused\n"
            + string.Concat(facts.Select(f => $"ASSUME {f}\n"))
            + "Init == unused = 0\nNext == UNCHANGED unused\n";
        return Verify("check", Write("Facts", body));
    }

    /// <summary>Asserts that every fact holds (the run succeeds), showing the output when one does not.</summary>
    public void AssertFacts(string extends, params string[] facts)
    {
        var (exit, output, error) = CheckFacts(extends, facts);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
    }

    /// <summary>Asserts that evaluating <paramref name="expression"/> is an evaluation error whose message contains <paramref name="message"/>.</summary>
    public void AssertEvaluationError(string extends, string expression, string message)
    {
        var (exit, output, error) = CheckFacts(extends, $"{expression} = {expression}");
        Assert.True(exit == 75, $"exit {exit}\n{output}\n{error}");
        Assert.Contains(message, output + error);
    }
}
