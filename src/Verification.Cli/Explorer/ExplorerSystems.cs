using System.CommandLine;
using System.Reflection;
using System.Runtime.Loader;
using Verification.Protocols;
using Verification.Systematic.Engine;

namespace Verification.Cli.Explorer;

/// <summary>Where `verify test`, `verify replay`, `verify list` and `verify all` find systems, and name lookup with one-line errors.</summary>
public static class ExplorerSystems
{
    public const string AssemblyOptionName = "--assembly";

    /// <summary>The registered systems: every SystemDefinition in the protocols assembly.</summary>
    public static IReadOnlyList<SystemDefinition> Registered() => SystemCatalog.Discover(ProtocolsAssembly.Assembly);

    public static Option<string?> AssemblyOption() => new(AssemblyOptionName)
    {
        Description = "Take the systems from this assembly (a .dll built against the Verification packages) instead of the built-in ones",
    };

    /// <summary>The systems a command works on: those of <paramref name="assembly"/> when it is given, else <paramref name="registered"/>.</summary>
    public static Func<IReadOnlyList<SystemDefinition>> Select(Func<IReadOnlyList<SystemDefinition>> registered, string? assembly) =>
        assembly is null ? registered : () => FromAssembly(assembly);

    /// <summary>
    /// The systems a user's assembly declares (public, concrete SystemDefinitions with a parameterless
    /// constructor). It is loaded next to the suite's own assemblies, so that its systems derive from the
    /// same SystemDefinition; its other dependencies are looked up in its own folder. A path that names
    /// no file, a file that is no loadable assembly, and an assembly without systems are one-line errors.
    /// </summary>
    public static IReadOnlyList<SystemDefinition> FromAssembly(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new UserError($"{AssemblyOptionName} {path}: file not found");
        Assembly assembly;
        try
        {
            ResolveNextTo(Path.GetDirectoryName(full)!);
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new UserError($"{AssemblyOptionName} {path}: not a .NET assembly");
        }
        catch (FileLoadException e)
        {
            throw new UserError($"{AssemblyOptionName} {path}: cannot load the assembly: {e.Message}");
        }
        IReadOnlyList<SystemDefinition> systems;
        try
        {
            systems = SystemCatalog.Discover(assembly);
        }
        catch (Exception e) when (e is InvalidOperationException or TargetInvocationException or TypeLoadException or FileNotFoundException or MissingMethodException)
        {
            throw new UserError($"{AssemblyOptionName} {path}: cannot build its systems: {(e as TargetInvocationException)?.InnerException?.Message ?? e.Message}");
        }
        if (systems.Count == 0)
            throw new UserError($"{AssemblyOptionName} {path}: the assembly declares no system (a public, non-abstract SystemDefinition with a parameterless constructor)");
        return systems;
    }

    private static readonly HashSet<string> Folders = [];

    /// <summary>Dependencies the suite does not carry itself are loaded from the user assembly's folder.</summary>
    private static void ResolveNextTo(string folder)
    {
        lock (Folders)
        {
            if (!Folders.Add(folder)) return;
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            File.Exists(Path.Combine(folder, name.Name + ".dll")) ? context.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
    }

    public static SystemDefinition Find(IReadOnlyList<SystemDefinition> systems, string name)
    {
        if (SystemCatalog.Find(systems, name) is { } system) return system;
        var known = systems.Count == 0 ? "no systems are registered yet" : "known systems: " + string.Join(", ", systems.Select(s => s.Name));
        throw new UserError($"unknown system '{Verification.Tla.Messages.Quote(name)}' ({known}; see `verify list`)");
    }
}
