using System.Collections.Concurrent;
using Assembly = System.Reflection.Assembly;
using Verification.Tla.Syntax;

namespace Verification.Tla.Library;

/// <summary>
/// The library modules the checker ships so that specs run with no library folder: the community
/// modules published specs EXTEND (SequencesExt, Functions, Folds, ...) and the TLAPS proof modules.
/// Each is TLA+ text written for this project (Library/Modules/NAME.tla, embedded in the assembly),
/// parsed like a user's module; operators TLC replaces with Java code are replaced natively by
/// <see cref="LibraryOverrides"/>. A NAME.tla next to the spec or on the library path wins over these.
/// </summary>
public static class LibraryModules
{
    private const string ResourcePrefix = "Verification.Tla.Library.Modules.";

    private static readonly Assembly Assembly = typeof(LibraryModules).Assembly;

    private static readonly ConcurrentDictionary<string, Module> Parsed = new(StringComparer.Ordinal);

    /// <summary>The names of the modules built in this way.</summary>
    public static IReadOnlyList<string> Names { get; } = Assembly.GetManifestResourceNames()
        .Where(static n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".tla", StringComparison.Ordinal))
        .Select(static n => n[ResourcePrefix.Length..^".tla".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The module's TLA+ text, or null when <paramref name="name"/> is not a built-in library module.</summary>
    public static string? Source(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + name + ".tla");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The parsed module (parsed once per process: syntax trees are immutable), or null. Locations in
    /// it read "(library)/NAME.tla".
    /// </summary>
    public static Module? Parse(string name)
    {
        if (Parsed.TryGetValue(name, out var module)) return module;
        if (Source(name) is not { } text) return null;
        return Parsed.GetOrAdd(name, TlaParser.ParseModule(text, $"(library)/{name}.tla"));
    }
}
