using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Verification.Tla.Syntax;

/// <summary>
/// Structural equality of syntax trees that ignores source spans: two parses of differently laid
/// out text that mean the same tree compare equal. Reflection keeps it in step with Ast.cs as nodes
/// gain members (it is used by tests and tools, never per state).
/// </summary>
public sealed class AstComparer : IEqualityComparer<SyntaxNode>
{
    public static readonly AstComparer Instance = new();

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public bool Equals(SyntaxNode? x, SyntaxNode? y) => ValuesEqual(x, y);

    public int GetHashCode(SyntaxNode node) => node.GetType().GetHashCode();

    /// <summary>The path to the first difference ("Body.Operands[1].Value: 1 vs 2"), or null when equal.</summary>
    public static string? FirstDifference(SyntaxNode? x, SyntaxNode? y) => Difference(x, y, "");

    private static bool ValuesEqual(object? x, object? y) => Difference(x, y, "") is null;

    private static string? Difference(object? x, object? y, string path)
    {
        if (x is null || y is null)
            return x is null && y is null ? null : $"{path}: {Describe(x)} vs {Describe(y)}";
        if (x is IEnumerable and not string && y is IEnumerable and not string) return ListDifference((IEnumerable)x, (IEnumerable)y, path);
        if (x.GetType() != y.GetType()) return $"{path}: {x.GetType().Name} vs {y.GetType().Name}";
        switch (x)
        {
            case SourceSpan:
                return null;
            case string or bool or int or Enum or System.Numerics.BigInteger:
                return x.Equals(y) ? null : $"{path}: {Describe(x)} vs {Describe(y)}";
            case SyntaxNode:
                foreach (var property in Properties(x.GetType()))
                {
                    var difference = Difference(property.GetValue(x), property.GetValue(y), $"{path}.{property.Name}");
                    if (difference is not null) return difference;
                }

                return null;
            default:
                return Equals(x, y) ? null : $"{path}: {Describe(x)} vs {Describe(y)}";
        }
    }

    private static string? ListDifference(IEnumerable x, IEnumerable y, string path)
    {
        var xs = x.Cast<object?>().ToList();
        var ys = y.Cast<object?>().ToList();
        if (xs.Count != ys.Count) return $"{path}: {xs.Count} items vs {ys.Count}";
        for (var i = 0; i < xs.Count; i++)
        {
            var difference = Difference(xs[i], ys[i], $"{path}[{i}]");
            if (difference is not null) return difference;
        }

        return null;
    }

    private static PropertyInfo[] Properties(Type type) => PropertiesByType.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.PropertyType != typeof(SourceSpan)
                    && p.CanWrite)
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray());

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
