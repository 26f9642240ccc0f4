using System.Numerics;
using Verification.Tla.Syntax;

namespace Verification.Tla.Config;

/// <summary>
/// A value written in a .cfg file. These are literals only; the checker turns them into its own
/// values (a bare name such as `p1` or `None` is a model value).
/// </summary>
public abstract record ConfigValue(SourceSpan Span);

public sealed record ConfigInteger(SourceSpan Span, BigInteger Value) : ConfigValue(Span);

public sealed record ConfigString(SourceSpan Span, string Value) : ConfigValue(Span);

public sealed record ConfigBoolean(SourceSpan Span, bool Value) : ConfigValue(Span);

/// <summary>A model value: a name that stands for itself, unequal to every other value.</summary>
public sealed record ConfigModelValue(SourceSpan Span, string Name) : ConfigValue(Span);

/// <summary>`{a, b, c}` in the order written (duplicates kept; the checker builds the set).</summary>
public sealed record ConfigSet(SourceSpan Span, IReadOnlyList<ConfigValue> Elements) : ConfigValue(Span);

/// <summary>One entry of a CONSTANT(S) section.</summary>
public abstract record ConstantBinding(SourceSpan Span, string Name);

/// <summary>
/// `Name = value`, or `Name = [Module] value` (only module Module's definition Name is replaced).
/// A definition (not only a CONSTANT) can be given a value this way, as TLC allows.
/// </summary>
public sealed record ConstantAssignment(SourceSpan Span, string Name, ConfigValue Value, string? Module = null) : ConstantBinding(Span, Name);

/// <summary>
/// `Name &lt;- Operator` (replace a constant or a definition by another definition of the spec), or
/// `Name &lt;- [Module] Operator` (only inside the module named Module).
/// </summary>
public sealed record ConstantOverride(SourceSpan Span, string Name, string Operator, string? Module) : ConstantBinding(Span, Name);

/// <summary>A definition name listed in a section (INIT Init, INVARIANT TypeOK, ...), with its location in the cfg.</summary>
public sealed record ConfigName(SourceSpan Span, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// A TLC model configuration (.cfg). Lists keep the order of the file. <see cref="ModelValues"/>
/// lists every model value in the order it first appears, which is TLC's order for model values
/// (CHOOSE picks the first).
/// </summary>
public sealed record TlcConfig(
    string File,
    IReadOnlyList<ConstantBinding> Constants,
    ConfigName? Init,
    ConfigName? Next,
    ConfigName? Specification,
    IReadOnlyList<ConfigName> Invariants,
    IReadOnlyList<ConfigName> Properties,
    IReadOnlyList<ConfigName> Constraints,
    IReadOnlyList<ConfigName> ActionConstraints,
    ConfigName? Symmetry,
    ConfigName? View,
    bool? CheckDeadlock,
    ConfigName? Postcondition,
    ConfigName? Alias,
    IReadOnlyList<string> ModelValues);
