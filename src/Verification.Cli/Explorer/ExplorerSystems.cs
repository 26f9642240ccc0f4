using Verification.Protocols;
using Verification.Systematic.Engine;

namespace Verification.Cli.Explorer;

/// <summary>Where `verify test`, `verify replay` and `verify list` find systems, and name lookup with one-line errors.</summary>
public static class ExplorerSystems
{
    /// <summary>The registered systems: every SystemDefinition in the protocols assembly.</summary>
    public static IReadOnlyList<SystemDefinition> Registered() => SystemCatalog.Discover(ProtocolsAssembly.Assembly);

    public static SystemDefinition Find(IReadOnlyList<SystemDefinition> systems, string name)
    {
        if (SystemCatalog.Find(systems, name) is { } system) return system;
        var known = systems.Count == 0 ? "no systems are registered yet" : "known systems: " + string.Join(", ", systems.Select(s => s.Name));
        throw new UserError($"unknown system '{Verification.Tla.Messages.Quote(name)}' ({known}; see `verify list`)");
    }
}
