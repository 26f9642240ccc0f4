using System.Reflection;

namespace Verification.Systematic.Engine;

/// <summary>Finds the systems under test: every public, concrete SystemDefinition with a parameterless constructor.</summary>
public static class SystemCatalog
{
    /// <summary>The systems declared in <paramref name="assemblies"/>, sorted by name.</summary>
    public static IReadOnlyList<SystemDefinition> Discover(params Assembly[] assemblies)
    {
        var systems = new List<SystemDefinition>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in LoadableTypes(assembly))
            {
                if (!type.IsPublic && !type.IsNestedPublic) continue;
                if (type.IsAbstract || type.IsGenericTypeDefinition || !typeof(SystemDefinition).IsAssignableFrom(type)) continue;
                if (type.GetConstructor(Type.EmptyTypes) is null) continue;
                systems.Add((SystemDefinition)Activator.CreateInstance(type)!);
            }
        }
        systems.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
        for (var i = 1; i < systems.Count; i++)
            if (string.Equals(systems[i - 1].Name, systems[i].Name, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"two systems are named '{systems[i].Name}': {systems[i - 1].GetType().FullName} and {systems[i].GetType().FullName}");
        return systems;
    }

    /// <summary>The system named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static SystemDefinition? Find(IReadOnlyList<SystemDefinition> systems, string name)
    {
        foreach (var system in systems)
            if (string.Equals(system.Name, name, StringComparison.OrdinalIgnoreCase)) return system;
        return null;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}
