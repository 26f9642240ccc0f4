using Verification.Tla.Checking;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>Writes a small spec and its cfg to a fresh folder and checks it as `verify check` does.</summary>
internal static class SpecRunner
{
    /// <summary>
    /// A module whose x toggles between 0 and 1, with <paramref name="definitions"/> from line 6 on
    /// (front-end tests locate their errors there).
    /// </summary>
    public static string TogglingSpec(string module, string definitions) => $"""
        ---- MODULE {module} ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = 1 - x
        {definitions}
        ====
        """;

    public static CheckResult Check(string module, string tla, string cfg = "INIT Init\nNEXT Next\n")
    {
        var folder = Directory.CreateTempSubdirectory("verify-frontend-").FullName;
        try
        {
            var path = Path.Combine(folder, module + ".tla");
            File.WriteAllText(path, tla);
            File.WriteAllText(Path.Combine(folder, module + ".cfg"), cfg);
            return ModelChecker.Run(path, null, new CheckOptions(), TextWriter.Null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
