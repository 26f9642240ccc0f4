using System.Reflection;
using Verification.Protocols;
using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Coyote.Tests;

/// <summary>The registered systems and the repository root (for specs), shared by the Coyote tests.</summary>
internal static class CoyoteKit
{
    public static IReadOnlyList<SystemDefinition> Systems { get; } = SystemCatalog.Discover(ProtocolsAssembly.Assembly);

    public static SystemDefinition System(string name) => SystemCatalog.Find(Systems, name) ?? throw new ArgumentException($"no system {name}");

    public static string RepositoryRoot { get; } = typeof(CoyoteKit).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static ConformanceSession Conformance(SystemDefinition system) => ConformanceSession.For(system, RepositoryRoot);

    public static string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"verify-coyote-tests-{Environment.ProcessId}-{name}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
