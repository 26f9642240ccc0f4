using System.Reflection;
using System.Runtime.CompilerServices;

namespace Verification.Tla.Tests.Syntax;

/// <summary>Locates the conformance kit and the repository's specs from the tests, wherever the build output lives.</summary>
internal static class SyntaxTestFiles
{
    public static string KitDirectory => Locate(Path.Combine("tests", "Verification.Tla.Tests", "Kit"));

    public static string SpecsDirectory => Locate("specs");

    /// <summary>Logs of real runs written by `verify run` (tests/Verification.Tla.Tests/Conformance/RealRuns).</summary>
    public static string RealRunsDirectory => Locate(Path.Combine("tests", "Verification.Tla.Tests", "Conformance", "RealRuns"));

    /// <summary>Every .tla file of the kit (roots and their local modules), sorted for stable test order.</summary>
    public static IReadOnlyList<string> KitModules =>
        Directory.GetFiles(KitDirectory, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>The kit's root specs: NAME/NAME.tla.</summary>
    public static IReadOnlyList<string> KitRoots =>
        Directory.GetDirectories(KitDirectory).Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".tla")).Where(File.Exists).ToList();

    private static string Locate(string relative, [CallerFilePath] string sourceFile = "")
    {
        // The build may record the repository root (AssemblyMetadata "RepositoryRoot"); otherwise
        // look above the sources (absent in CI builds, whose paths are mapped) and the output folder.
        var recordedRoot = typeof(SyntaxTestFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        var starts = new[] { recordedRoot ?? "", Path.GetDirectoryName(sourceFile) ?? "", Environment.CurrentDirectory, AppContext.BaseDirectory };
        foreach (var start in starts)
        {
            for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                var candidate = Path.Combine(directory, relative);
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory, "Verification.sln"))) return candidate;
            }
        }

        throw new DirectoryNotFoundException($"cannot find '{relative}' above the test sources or the working directory");
    }
}
