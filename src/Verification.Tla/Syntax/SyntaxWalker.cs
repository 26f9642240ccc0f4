using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Verification.Tla.Syntax;

/// <summary>
/// Generic traversal of syntax trees (children found by reflection, so new node kinds are covered
/// without touching this class). Meant for one-off passes such as module loading and tests, not
/// for anything that runs per state.
/// </summary>
public static class SyntaxWalker
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ChildProperties = new();

    /// <summary>The direct children of a node, in declaration order of the node's members.</summary>
    public static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        foreach (var property in ChildProperties.GetOrAdd(node.GetType(), FindChildProperties))
        {
            switch (property.GetValue(node))
            {
                case SyntaxNode child:
                    yield return child;
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                        if (item is SyntaxNode childItem) yield return childItem;
                    break;
            }
        }
    }

    /// <summary>The node and every node below it, depth first, parents before children.</summary>
    public static IEnumerable<SyntaxNode> DescendantsAndSelf(SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = Children(node).ToList();
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    private static PropertyInfo[] FindChildProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.CanWrite &&
                    (typeof(SyntaxNode).IsAssignableFrom(p.PropertyType) ||
                     p.PropertyType.IsGenericType && typeof(SyntaxNode).IsAssignableFrom(p.PropertyType.GetGenericArguments()[0])))
        .OrderBy(p => p.MetadataToken)
        .ToArray();
}
