using System.Collections;

namespace Verification.Systematic.Engine;

/// <summary>
/// A system's seeded bugs, each written once: its name, description and budgets (<see cref="BugInfo"/>)
/// beside the value that switches it on in the node (<typeparamref name="TFlag"/>: a flag, an options
/// record, a bool). <see cref="Parse"/> turns a `--bug` name into that value.
/// </summary>
public sealed class BugCatalog<TFlag>(TFlag correct, params IReadOnlyList<(BugInfo Bug, TFlag Flag)> bugs) : IReadOnlyList<BugInfo>
{
    /// <summary>The value of the correct system (no bug switched on).</summary>
    public TFlag Correct => correct;

    /// <summary>The value of the named bug (case-insensitive), <see cref="Correct"/> for null; an unknown name is an <see cref="ArgumentException"/> naming the known ones.</summary>
    public TFlag Parse(string? name, string system)
    {
        if (name is null) return correct;
        foreach (var (bug, flag) in bugs)
            if (string.Equals(bug.Name, name, StringComparison.OrdinalIgnoreCase)) return flag;
        throw new ArgumentException($"unknown bug '{name}' for system {system} (known: {string.Join(", ", bugs.Select(static b => b.Bug.Name))})", nameof(name));
    }

    public BugInfo this[int index] => bugs[index].Bug;

    public int Count => bugs.Count;

    public IEnumerator<BugInfo> GetEnumerator() => bugs.Select(static b => b.Bug).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
