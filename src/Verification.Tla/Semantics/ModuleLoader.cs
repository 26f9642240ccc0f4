using Verification.Tla.Syntax;

namespace Verification.Tla.Semantics;

/// <summary>
/// A root module and every user module it depends on, parsed. <see cref="Modules"/> is in
/// dependency order: each module comes after every module it extends or instantiates, and the root
/// is last. Standard modules have no syntax tree; the ones used are named in
/// <see cref="StandardModulesUsed"/>.
/// </summary>
public sealed class LoadedSpec(Module root, IReadOnlyList<Module> modules, IReadOnlySet<string> standardModulesUsed)
{
    private readonly Dictionary<string, Module> _byName = modules.ToDictionary(m => m.Name.Name, StringComparer.Ordinal);

    public Module Root { get; } = root;

    public IReadOnlyList<Module> Modules { get; } = modules;

    public IReadOnlySet<string> StandardModulesUsed { get; } = standardModulesUsed;

    /// <summary>The user module with this name (including nested modules), or null.</summary>
    public Module? Find(string name) => _byName.GetValueOrDefault(name);
}

/// <summary>
/// Loads a spec the way SANY resolves it: the root module from a .tla file, then every module it
/// names in EXTENDS or INSTANCE: a module nested in the module that names it, else a standard
/// module (built in, as TLC always uses its own implementation of these), else NAME.tla from the
/// spec's folder, then from each library folder in turn (<c>-lib</c> flags, then the
/// <c>TLA_LIBRARY</c> path list), and last the checker's own copy of a library module
/// (<see cref="Library.LibraryModules"/>), so a user's copy shadows ours; failing all these, a module
/// written after the root module in the root's file (TLC's monolith specs). Cycles are
/// reported with SANY's wording, and names declared twice in a scope are rejected as SANY rejects
/// them (<see cref="DefinitionChecker"/>); every failure is a located <see cref="TlaSyntaxException"/>.
/// </summary>
public static class ModuleLoader
{
    /// <summary>The environment variable holding library folders, separated by the path separator (':' on Unix).</summary>
    public const string LibraryVariable = "TLA_LIBRARY";

    public static LoadedSpec Load(string rootPath, IReadOnlyList<string>? libraryFolders = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(rootPath)) ?? ".";
        var root = ParseFile(rootPath);
        var state = new LoadState(SearchFolders(folder, libraryFolders, Environment.GetEnvironmentVariable(LibraryVariable)), rootPath);
        state.Parsed[root.Name.Name] = root;
        Visit(root, state, [root.Name.Name]);
        var spec = new LoadedSpec(root, state.Ordered, state.Standard);
        DefinitionChecker.Check(spec);
        LevelChecker.Check(spec);
        return spec;
    }

    /// <summary>The folders searched for NAME.tla, in order: the spec's, the -lib ones, then TLA_LIBRARY's.</summary>
    public static IReadOnlyList<string> SearchFolders(string specFolder, IReadOnlyList<string>? libraryFolders, string? libraryVariable)
    {
        var folders = new List<string> { specFolder };
        foreach (var folder in libraryFolders ?? []) folders.Add(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(libraryVariable))
        {
            foreach (var folder in libraryVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                folders.Add(Path.GetFullPath(folder));
        }
        return folders.Distinct(StringComparer.Ordinal).ToArray();
    }

    private sealed class LoadState(IReadOnlyList<string> folders, string rootPath)
    {
        public IReadOnlyList<string> Folders { get; } = folders;
        public string RootPath { get; } = rootPath;
        public Dictionary<string, Module> Parsed { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Done { get; } = new(StringComparer.Ordinal);
        public List<Module> Ordered { get; } = [];
        public HashSet<string> Standard { get; } = new(StringComparer.Ordinal);
    }

    private static void Visit(Module module, LoadState state, List<string> path)
    {
        var nested = new Dictionary<string, Module>(StringComparer.Ordinal);
        foreach (var unit in module.Units)
            if (unit is NestedModule { Module: var inner }) nested[inner.Name.Name] = inner;

        foreach (var reference in Dependencies(module))
        {
            var name = reference.Name;
            if (path.Contains(name, StringComparer.Ordinal))
            {
                var cycle = path.Skip(path.IndexOf(name)).Append(name).Select(n => n + ".tla");
                throw new TlaSyntaxException(new Diagnostic(reference.Span,
                    "circular dependency among .tla files; dependency cycle is: " + string.Join(" --> ", cycle)));
            }

            if (state.Done.Contains(name)) continue;
            Module dependency;
            if (nested.TryGetValue(name, out var inner))
            {
                dependency = inner;
            }
            else if (StandardModules.IsStandard(name))
            {
                state.Standard.Add(name);
                continue;
            }
            else if (!state.Parsed.TryGetValue(name, out dependency!))
            {
                dependency = Locate(name, state.Folders) ?? FromMonolith(name, state.RootPath) ?? throw new TlaSyntaxException(new Diagnostic(reference.Span,
                    $"cannot find source file for module {name} imported in module {module.Name.Name}; searched {string.Join(", ", state.Folders)} and the built-in library"));
                state.Parsed[name] = dependency;
            }

            path.Add(name);
            Visit(dependency, state, path);
            path.RemoveAt(path.Count - 1);
        }

        // Nested modules that nobody instantiates are still part of the spec (SANY checks them too).
        foreach (var inner in nested.Values)
        {
            if (state.Done.Contains(inner.Name.Name)) continue;
            path.Add(inner.Name.Name);
            Visit(inner, state, path);
            path.RemoveAt(path.Count - 1);
        }

        if (state.Done.Add(module.Name.Name)) state.Ordered.Add(module);
    }

    /// <summary>Modules named by EXTENDS and by every INSTANCE (also inside LET), in source order.</summary>
    private static IEnumerable<Identifier> Dependencies(Module module)
    {
        foreach (var extended in module.Extends) yield return extended;
        foreach (var unit in module.Units)
        {
            if (unit is NestedModule) continue;
            foreach (var node in SyntaxWalker.DescendantsAndSelf(unit))
                if (node is Instance instance) yield return instance.ModuleName;
        }
    }

    /// <summary>NAME.tla from the first folder that has it, else the built-in library's module, else null.</summary>
    private static Module? Locate(string name, IReadOnlyList<string> folders)
    {
        foreach (var folder in folders)
        {
            var file = Path.Combine(folder, name + ".tla");
            if (File.Exists(file)) return ParseFile(file);
        }
        return Library.LibraryModules.Parse(name);
    }

    /// <summary>
    /// TLC's last resort (a "monolith" spec): module NAME written after the root module in the root's
    /// own file, from its `---- MODULE NAME ----` line to the next `====` line. It is parsed in place,
    /// so that its positions are those of the root file.
    /// </summary>
    private static Module? FromMonolith(string name, string rootPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(rootPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var start = new System.Text.RegularExpressions.Regex(@"^-----*\s*MODULE\s+" + System.Text.RegularExpressions.Regex.Escape(name) + @"\s*----*$");
        var first = Array.FindIndex(lines, l => start.IsMatch(l));
        if (first < 0) return null;
        var last = Array.FindIndex(lines, first + 1, l => l.StartsWith("====", StringComparison.Ordinal));
        if (last < 0) return null;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
            text.Append(i >= first && i <= last ? lines[i] : "").Append('\n');
        return TlaParser.ParseModule(text.ToString(), rootPath);
    }

    private static Module ParseFile(string path)
    {
        var module = TlaParser.ParseFile(path);
        var fileName = Path.GetFileNameWithoutExtension(path);
        if (module.Name.Name != fileName)
        {
            throw new TlaSyntaxException(new Diagnostic(module.Name.Span,
                $"file name '{fileName}' does not match the name '{module.Name.Name}' of the top level module it contains"));
        }

        return module;
    }
}
