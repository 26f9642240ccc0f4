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
/// names in EXTENDS or INSTANCE, from a file called NAME.tla in the same folder, unless NAME is a
/// standard module (built in) or a module nested in the module that names it. Cycles are
/// reported with SANY's wording, and names declared twice in a scope are rejected as SANY rejects
/// them (<see cref="DefinitionChecker"/>); every failure is a located <see cref="TlaSyntaxException"/>.
/// </summary>
public static class ModuleLoader
{
    public static LoadedSpec Load(string rootPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(rootPath)) ?? ".";
        var root = ParseFile(rootPath);
        var state = new LoadState(folder);
        state.Parsed[root.Name.Name] = root;
        Visit(root, state, [root.Name.Name]);
        var spec = new LoadedSpec(root, state.Ordered, state.Standard);
        DefinitionChecker.Check(spec);
        LevelChecker.Check(spec);
        return spec;
    }

    private sealed class LoadState(string folder)
    {
        public string Folder { get; } = folder;
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
                var file = Path.Combine(state.Folder, name + ".tla");
                if (!File.Exists(file))
                {
                    throw new TlaSyntaxException(new Diagnostic(reference.Span,
                        $"cannot find source file for module {name} imported in module {module.Name.Name}"));
                }

                dependency = ParseFile(file);
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
