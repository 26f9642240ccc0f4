using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// Puts the model values of trace values into the spec's registry. Model values are equal by name
/// but ordered by their registry's index (TLC's order: first appearance in the cfg), and a trace
/// built by a refinement mapping carries model values of the mapping's own registry: mixed with the
/// spec's in one set (<c>votedFor[i] \in {m.cId, Nil}</c>), they would sort inconsistently and
/// membership, which is a binary search, would fail. A trace model value whose index differs from
/// the spec's value of that name is replaced by the spec's, and the sets and functions holding it
/// are rebuilt (so re-sorted); everything else is returned as the same object. One whose index is
/// the spec's is left as it is: it equals, orders and fingerprints exactly as the spec's does, and
/// replacing it would rebuild every function over nodes at every step of the mappings whose
/// registries already follow the cfg.
/// <para>
/// A value is first searched for a model value to replace, which allocates nothing; most are
/// clean and end there. A mapping builds its values afresh at every step, and rebuilding the same
/// sets and functions at every step would cost more than validating the step: the ones rebuilt are
/// remembered by value, so an equal value at a later step (the unchanged part of the state) costs
/// a lookup and an equality test. Values of the trace are compared only with values of the trace,
/// whose model values sort alike, so the test is exact. Not thread-safe: one per validator.
/// </para>
/// </summary>
internal sealed class ModelValueInterner(ModelValueRegistry spec)
{
    // Enough for the sets and functions a step of our mappings rebuilds, many times over; past it
    // the table starts again (one step of rebuilding), which keeps a long run's memory bounded.
    private const int MaxRemembered = 4096;

    // Verdicts per model value object (mappings keep a few static ones): itself, or the spec's.
    private readonly Dictionary<ModelValue, ModelValue> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Value, Value> _rebuilt = [];
    private readonly ModelValue[] _own = spec.All.ToArray();
    private readonly ModelValue?[] _equivalent = new ModelValue?[spec.All.Count];
    private readonly ModelValue?[] _replaced = new ModelValue?[spec.All.Count];
    private readonly ModelValue?[] _replacement = new ModelValue?[spec.All.Count];

    /// <summary>
    /// The value with the spec's model values; the same object when it holds no model value that
    /// orders differently from the spec's. A model value the spec does not declare is an error.
    /// </summary>
    /// <exception cref="UnknownModelValueException">a model value of that name is not in the spec's model.</exception>
    public Value Intern(Value value)
    {
        if (value is ModelValue model) return Resolve(model);
        if (!HoldsForeign(value)) return value;
        if (_rebuilt.TryGetValue(value, out var known)) return known;
        var rebuilt = Rebuild(value);
        if (_rebuilt.Count >= MaxRemembered) _rebuilt.Clear();
        _rebuilt[value] = rebuilt;
        return rebuilt;
    }

    /// <summary>Whether the value holds a model value to replace (throws for one the spec does not know).</summary>
    private bool HoldsForeign(Value value)
    {
        // By kind first: a field read, where type tests against the abstract set classes are calls.
        switch (value.Kind)
        {
            case ValueKind.ModelValue:
                return !ReferenceEquals(Resolve((ModelValue)value), value);
            case ValueKind.Function when value is FunctionValue function:
            {
                // A tuple's domain is 1..n: it holds no model values.
                if (!function.IsTuple)
                    foreach (var key in function.DomainElements)
                        if (HoldsForeign(key)) return true;
                foreach (var element in function.Values)
                    if (HoldsForeign(element)) return true;
                return false;
            }
            case ValueKind.Function:
                return HoldsForeign(((LazyFunctionValue)value).ToFinite());
            case ValueKind.Set when value is FiniteSetValue set:
                foreach (var element in set.Elements)
                    if (HoldsForeign(element)) return true;
                return false;
            case ValueKind.Set when value is not IntervalValue && ((SetValue)value).IsFinite:
                return HoldsForeign(((SetValue)value).ToFinite());
            default:
                // Scalars, intervals; infinite sets (Seq(S), [S -> Nat]) are not values a trace gives.
                return false;
        }
    }

    /// <summary>A value that holds a model value to replace, with the spec's model values.</summary>
    private Value Rebuild(Value value)
    {
        switch (value)
        {
            case FiniteSetValue set:
            {
                var elements = new Value[set.Length];
                for (var i = 0; i < elements.Length; i++) elements[i] = Intern(set[i]);
                return FiniteSetValue.FromUnsortedArray(elements);
            }
            case FunctionValue function:
            {
                var domain = function.DomainElements.ToArray();
                var values = new Value[domain.Length];
                for (var i = 0; i < domain.Length; i++)
                {
                    if (!function.IsTuple) domain[i] = Intern(domain[i]);
                    values[i] = Intern(function.Values[i]);
                }
                return function.IsTuple ? FunctionValue.FromCanonical(domain, values) : FunctionValue.FromUnsortedArrays(domain, values);
            }
            case LazyFunctionValue lazy:
                return Rebuild(lazy.ToFinite());
            default:
                return Rebuild(((SetValue)value).ToFinite());
        }
    }

    private ModelValue Resolve(ModelValue model)
    {
        // By the index the value carries: the spec's own value (traces read from files), a
        // mapping's value that orders as the spec's, a mapping's value replaced by the spec's.
        // Two registries may number different names alike: the table behind resolves the rest.
        var index = model.Index;
        if ((uint)index < (uint)_own.Length)
        {
            if (ReferenceEquals(_own[index], model) || ReferenceEquals(_equivalent[index], model)) return model;
            if (ReferenceEquals(_replaced[index], model)) return _replacement[index]!;
        }
        return _resolved.TryGetValue(model, out var known) ? known : ResolveNew(model);
    }

    private ModelValue ResolveNew(ModelValue model)
    {
        if (!spec.TryFind(model.Name, out var own)) throw new UnknownModelValueException(model.Name, spec.All.Select(static m => m.Name).ToArray());
        var resolved = own!.Index == model.Index ? model : own;
        _resolved.Add(model, resolved);
        var index = model.Index;
        if ((uint)index < (uint)_own.Length)
        {
            if (ReferenceEquals(resolved, model)) _equivalent[index] ??= model;
            else if (_replaced[index] is null)
            {
                _replaced[index] = model;
                _replacement[index] = resolved;
            }
        }
        return resolved;
    }
}

/// <summary>A trace value holds a model value the spec's model does not declare.</summary>
internal sealed class UnknownModelValueException(string name, IReadOnlyList<string> known)
    : Exception($"the model value {name} is not a model value of the spec's model (its model values: {string.Join(", ", known)})")
{
    public string Name { get; } = name;
}
