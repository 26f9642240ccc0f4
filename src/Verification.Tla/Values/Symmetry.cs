namespace Verification.Tla.Values;

/// <summary>
/// A permutation of model values (one element of the cfg's SYMMETRY set, e.g. of
/// <c>Permutations(Procs)</c>), applied deeply to values. Values it does not touch are returned as
/// the same object, so permuting a state mostly shares its structure.
/// </summary>
public sealed class ModelValuePermutation
{
    private readonly Dictionary<ModelValue, ModelValue> _map;

    // The moved points again as arrays: a permutation of a few processes is looked up in a couple
    // of comparisons, where the dictionary hashes a name on every model value of every state.
    private readonly ModelValue[] _from;
    private readonly ModelValue[] _to;
    private const int MaxScanned = 8;

    public ModelValuePermutation(IReadOnlyDictionary<ModelValue, ModelValue> map)
    {
        _map = map.Where(p => !p.Key.Equals(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        _from = _map.Keys.ToArray();
        _to = _from.Select(k => _map[k]).ToArray();
    }

    private ModelValue Image(ModelValue value)
    {
        var from = _from;
        if (from.Length > MaxScanned) return _map.TryGetValue(value, out var mapped) ? mapped : value;
        for (var i = 0; i < from.Length; i++)
            if (ReferenceEquals(from[i], value)) return _to[i];
        // Model values are equal by name: another object of the same name moves the same way.
        for (var i = 0; i < from.Length; i++)
            if (from[i].Equals(value)) return _to[i];
        return value;
    }

    /// <summary>
    /// Reads a permutation written as a TLA+ function from model values to model values (an
    /// element of <c>Permutations(S)</c>); anything else is an evaluation error.
    /// </summary>
    public static ModelValuePermutation FromFunction(Value function)
    {
        var f = FunctionValue.AsFinite(ValueOps.AsFunction(function, "SYMMETRY"));
        var map = new Dictionary<ModelValue, ModelValue>();
        for (var i = 0; i < f.Count; i++)
        {
            if (f.DomainElements[i] is not ModelValue from || f.Values[i] is not ModelValue to)
                throw new EvalException($"The symmetry set contains a function that is not a permutation of model values:\n{ValuePrinter.Print(f)}");
            map[from] = to;
        }
        if (map.Values.Distinct().Count() != map.Count)
            throw new EvalException($"The symmetry set contains a function that is not a permutation:\n{ValuePrinter.Print(f)}");
        return new ModelValuePermutation(map);
    }

    public bool IsIdentity => _map.Count == 0;

    /// <summary>The permutation applying <paramref name="first"/> and then this one.</summary>
    public ModelValuePermutation After(ModelValuePermutation first)
    {
        var map = new Dictionary<ModelValue, ModelValue>();
        foreach (var moved in first._map.Keys.Concat(_map.Keys))
            map[moved] = (ModelValue)Apply(first.Apply(moved));
        return new ModelValuePermutation(map);
    }

    /// <summary>A text identifying the permutation (its moved points in name order), to detect repeats.</summary>
    public string Key => string.Join(",", _map.OrderBy(p => p.Key.Name, StringComparer.Ordinal).Select(p => p.Key.Name + ">" + p.Value.Name));

    public Value Apply(Value value)
    {
        var uncached = new Uncached(this);
        return Apply(value, ref uncached);
    }

    /// <summary>Where the image of a compound part of a value comes from: computed again, or a cache of images.</summary>
    internal interface IPartImages
    {
        Value ImageOf(Value part);
    }

    private readonly struct Uncached(ModelValuePermutation permutation) : IPartImages
    {
        public Value ImageOf(Value part) => permutation.Apply(part);
    }

    /// <summary>
    /// The image of <paramref name="value"/>, taking the images of its compound parts (set elements,
    /// function arguments and values) from <paramref name="parts"/>: the symmetry reduction passes its
    /// cache, so that a message set that gained one message permutes one message, not all of them.
    /// </summary>
    internal Value Apply<TParts>(Value value, ref TParts parts) where TParts : struct, IPartImages
    {
        if (_map.Count == 0) return value;
        switch (value.Kind)
        {
            case ValueKind.ModelValue:
                return Image((ModelValue)value);
            case < ValueKind.Set:
                return value;
        }
        switch (value)
        {
            case IntervalValue or InfiniteBuiltinSet:
                return value;
            case FiniteSetValue set:
            {
                Value[]? changed = null;
                var elements = set.Elements;
                for (var i = 0; i < elements.Length; i++)
                {
                    var image = Part(elements[i], ref parts);
                    if (changed is null && !ReferenceEquals(image, elements[i]))
                    {
                        changed = new Value[elements.Length];
                        elements[..i].CopyTo(changed);
                    }
                    if (changed is not null) changed[i] = image;
                }
                // A permutation maps distinct elements to distinct elements: only the order needs restoring.
                return changed is null ? set : FiniteSetValue.FromUnsortedDistinctArray(changed);
            }
            case FunctionValue f:
                return ApplyToFunction(f, ref parts);
            case LazyFunctionValue lazy:
                return ApplyToFunction(lazy.ToFinite(), ref parts);
            case PowerSetValue power:
                return Same(power.BaseSet, out var b, ref parts) ? power : new PowerSetValue(b);
            case SeqSetValue seq:
                return Same(seq.ElementSet, out var e, ref parts) ? seq : new SeqSetValue(e);
            case FunctionSetValue fs:
                return Same(fs.DomainSet, out var d, ref parts) & Same(fs.RangeSet, out var r, ref parts) ? fs : new FunctionSetValue(d, r);
            case SetValue other when other.IsFinite:
                return Apply(other.ToFinite(), ref parts);
            default:
                // Remaining infinite sets (record sets or products over infinite sets) rarely hold
                // model values; a set TLC could not enumerate cannot be permuted element-wise anyway.
                return value;
        }
    }

    private Value Part<TParts>(Value part, ref TParts parts) where TParts : struct, IPartImages => part.Kind switch
    {
        ValueKind.ModelValue => Image((ModelValue)part),
        < ValueKind.Set => part,
        _ => parts.ImageOf(part),
    };

    private bool Same<TParts>(SetValue set, out SetValue image, ref TParts parts) where TParts : struct, IPartImages
    {
        image = (SetValue)Part(set, ref parts);
        return ReferenceEquals(image, set);
    }

    private FunctionValue ApplyToFunction<TParts>(FunctionValue f, ref TParts parts) where TParts : struct, IPartImages
    {
        var values = f.Values;
        if (f.IsTuple)
        {
            // The domain 1..n stays: only the values move.
            Value[]? newItems = null;
            for (var i = 0; i < values.Length; i++)
            {
                var image = Part(values[i], ref parts);
                if (newItems is null)
                {
                    if (ReferenceEquals(image, values[i])) continue;
                    newItems = values.ToArray();
                }
                newItems[i] = image;
            }
            return newItems is null ? f : FunctionValue.Tuple(newItems);
        }
        var domain = f.DomainElements;
        if (domain.Length <= MaxPositions) return ApplyOnSameDomain(f, ref parts) ?? ApplyMovingDomain(f, ref parts);
        return ApplyMovingDomain(f, ref parts);
    }

    private const int MaxPositions = 64;

    /// <summary>
    /// A function whose domain the permutation maps onto itself (a record, a function of the
    /// permuted processes): each value moves to the position of its argument's image, and the new
    /// function shares the domain array. Null when some argument's image is outside the domain.
    /// </summary>
    private FunctionValue? ApplyOnSameDomain<TParts>(FunctionValue f, ref TParts parts) where TParts : struct, IPartImages
    {
        var domain = f.DomainElements;
        var values = f.Values;
        Span<int> target = stackalloc int[domain.Length];
        var moved = false;
        for (var i = 0; i < domain.Length; i++)
        {
            var key = Part(domain[i], ref parts);
            if (ReferenceEquals(key, domain[i])) target[i] = i;
            else
            {
                target[i] = f.IndexOf(key);
                if (target[i] < 0) return null;
                moved = true;
            }
        }
        Value[]? newValues = null;
        for (var i = 0; i < values.Length; i++)
        {
            var image = Part(values[i], ref parts);
            if (newValues is null)
            {
                if (!moved && ReferenceEquals(image, values[i])) continue;
                newValues = new Value[values.Length];
                if (!moved) values[..i].CopyTo(newValues);
            }
            ValueArrays.Store(newValues, target[i], image);
        }
        return newValues is null ? f : f.WithValues(newValues);
    }

    private FunctionValue ApplyMovingDomain<TParts>(FunctionValue f, ref TParts parts) where TParts : struct, IPartImages
    {
        var domain = f.DomainElements;
        var values = f.Values;
        Value[]? newDomain = null;
        Value[]? newValues = null;
        for (var i = 0; i < domain.Length; i++)
        {
            var key = Part(domain[i], ref parts);
            var val = Part(values[i], ref parts);
            if (newDomain is null)
            {
                if (ReferenceEquals(key, domain[i]) && ReferenceEquals(val, values[i])) continue;
                newDomain = domain.ToArray();
                newValues = values.ToArray();
            }
            newDomain[i] = key;
            newValues![i] = val;
        }
        if (newDomain is null) return f;
        // A permutation maps distinct arguments to distinct arguments: only the order needs restoring.
        return FunctionValue.FromUnsortedDistinctArrays(newDomain, newValues!);
    }
}

/// <summary>
/// The cfg's SYMMETRY set as the checker uses it: each state is replaced by the representative of
/// its symmetry class before it is fingerprinted. The representative is TLC's: the least of the
/// state and its images under every permutation, comparing variable by variable in declaration
/// order with the value order (with <c>Permutations(Procs)</c>, a group, every state of a class
/// gets the same representative, so the distinct-state count is the number of classes).
/// </summary>
public sealed class SymmetryGroup
{
    private readonly ModelValuePermutation[] _permutations;

    public SymmetryGroup(IEnumerable<ModelValuePermutation> permutations) =>
        _permutations = permutations.Where(p => !p.IsIdentity).ToArray();

    /// <summary>
    /// From the value of the SYMMETRY definition: a set of permutation functions, taken (as TLC
    /// does) as generators of a group. This matters when the set is not itself a group, e.g.
    /// <c>Permutations(A) \union Permutations(B)</c>: the representative is the least state of the
    /// whole orbit under the group they generate (the product), not under the listed ones only.
    /// </summary>
    public static SymmetryGroup FromSet(Value permutationSet)
    {
        var set = ValueOps.AsSet(permutationSet, "SYMMETRY");
        var generators = set.ToFinite().Elements.ToArray().Select(ModelValuePermutation.FromFunction).Where(p => !p.IsIdentity).ToArray();
        return new SymmetryGroup(GeneratedGroup(generators));
    }

    private static List<ModelValuePermutation> GeneratedGroup(IReadOnlyList<ModelValuePermutation> generators)
    {
        var seen = new HashSet<string>();
        var group = new List<ModelValuePermutation>();
        foreach (var generator in generators)
            if (seen.Add(generator.Key)) group.Add(generator);
        // Compose every generator with the elements found in the previous round until nothing new appears.
        for (var roundStart = 0; roundStart < group.Count;)
        {
            var roundEnd = group.Count;
            foreach (var generator in generators)
                for (var i = roundStart; i < roundEnd; i++)
                {
                    var product = generator.After(group[i]);
                    if (!product.IsIdentity && seen.Add(product.Key)) group.Add(product);
                }
            roundStart = roundEnd;
        }
        return group;
    }

    public IReadOnlyList<ModelValuePermutation> Permutations => _permutations;

    /// <summary>
    /// TLC's class representative (what a VIEW is evaluated on): the least image comparing variable
    /// by variable in declaration order. Returns the given array itself when it is already the least.
    /// </summary>
    public Value[] Canonicalize(Value[] state) => Least(state, DeclarationOrder(state.Length));

    /// <summary>
    /// Fingerprint of a canonical member of the state's class: equal for all states of a class.
    /// Any choice that is the same for a whole orbit counts the same classes (the permutations form
    /// a group), so this one compares the variables with the fewest elements first: most images
    /// lose on a small variable before the large ones (a message set) are permuted at all. The
    /// order is an orbit invariant (a permutation keeps every set's and function's size).
    /// </summary>
    public ulong CanonicalFingerprint(Value[] state)
    {
        // On the stack: this runs once per generated state.
        Span<int> order = state.Length <= MaxStackVariables ? stackalloc int[state.Length] : new int[state.Length];
        Span<int> sizes = state.Length <= MaxStackVariables ? stackalloc int[state.Length] : new int[state.Length];
        SmallestFirst(state, order, sizes);
        return Fingerprints.OfState(Least(state, order));
    }

    private const int MaxStackVariables = 64;

    private Value[] Least(Value[] state, ReadOnlySpan<int> order)
    {
        var best = state;
        Value[]? scratch = null;
        var images = ImageCache.For(this);
        for (var p = 0; p < _permutations.Length; p++)
        {
            scratch ??= new Value[state.Length];
            var comparison = 0;
            var k = 0;
            // Permute variable by variable and give up at the first one that makes the image greater.
            for (; k < order.Length && comparison == 0; k++)
            {
                var j = order[k];
                var image = images.Image(state[j], p);
                ValueArrays.Store(scratch, j, image);
                comparison = image.CompareTo(best[j]);
            }
            if (comparison >= 0) continue;
            for (; k < order.Length; k++) ValueArrays.Store(scratch, order[k], images.Image(state[order[k]], p));
            best = scratch;
            scratch = null;
        }
        return best;
    }

    private int[]? _declarationOrder;

    private int[] DeclarationOrder(int variables)
    {
        if (_declarationOrder is { } known && known.Length == variables) return known;
        return _declarationOrder = Enumerable.Range(0, variables).ToArray();
    }

    private static void SmallestFirst(Value[] state, Span<int> order, Span<int> sizes)
    {
        for (var i = 0; i < state.Length; i++)
        {
            order[i] = i;
            sizes[i] = SortKey(state[i]);
        }
        // Deterministic for equal inputs: every state of an orbit has the same sizes, hence the same order.
        sizes.Sort(order);
    }

    /// <summary>
    /// The variables' comparison order, cheapest images first: sets and functions of plain values
    /// (a role per node), then functions of compound values (a log per node), then sets of compound
    /// values (a message set: every element permuted, the set sorted again); by size within each.
    /// Both are orbit invariants (a permutation keeps sizes and what kind of values a set holds).
    /// </summary>
    private static int SortKey(Value value)
    {
        var size = SizeOf(value);
        if (size >= 1 << 28) return (3 << 28) | ((1 << 28) - 1);
        var rank = value switch
        {
            FunctionValue f => HoldsCompound(f.Values) ? 1 : 0,
            LazyFunctionValue lazy => HoldsCompound(lazy.ToFinite().Values) ? 1 : 0,
            _ => HoldsCompoundElements(value) ? 2 : 0,
        };
        return (rank << 28) | size;
    }

    private static bool HoldsCompound(ReadOnlySpan<Value> values)
    {
        foreach (var element in values)
            if (element.Kind >= ValueKind.Set) return true;
        return false;
    }

    // Whether a set holds a set or function; by its elements, so that any representation of the
    // same set (enumerated, SUBSET S, [S -> T]) answers the same.
    private static bool HoldsCompoundElements(Value value)
    {
        switch (value)
        {
            case FiniteSetValue set:
                return HoldsCompound(set.Elements);
            case IntervalValue:
                return false;
            case SetValue { IsFinite: true } lazy:
                foreach (var element in lazy.Enumerate())
                    if (element.Kind >= ValueKind.Set) return true;
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A size that depends only on the value, not on how it is represented: an interval or
    /// SUBSET S must count like the enumerated set equal to it, or equal states could be compared
    /// in different variable orders and get different fingerprints.
    /// </summary>
    private static int SizeOf(Value value)
    {
        switch (value)
        {
            case FiniteSetValue set:
                return set.Length;
            case FunctionValue f:
                return f.Count;
            case LazyFunctionValue lazy:
                return lazy.ToFinite().Count;
            case SetValue { IsFinite: true } lazySet:
                try
                {
                    return (int)Math.Min(lazySet.Count, int.MaxValue);
                }
                catch (EvalException)
                {
                    return int.MaxValue; // more elements than can be counted (SUBSET of 63 or more)
                }
            default:
                return 0;
        }
    }

    /// <summary>
    /// The images of compound values (variable values and their compound parts: a message, a log)
    /// under each permutation, remembered by object identity (values are immutable), one cache per
    /// thread: the successors of a state share most of its values, and a successor's new message
    /// set shares all but one of its messages with the parent's, so each such value is permuted
    /// once, not once per successor. Direct-mapped: a slot holds the last value that hashed to it.
    /// The size is a trade: what the cache references survives garbage collections (MCRaft, cold,
    /// 2 workers: 4.2-4.7 s with 512-1,024 slots, 4.8-5.3 s with 4,096), while the public
    /// MultiPaxos_MC_small model gains from more (5.9 s with 4,096 slots, 6.1-6.7 s with 1,024).
    /// </summary>
    private sealed class ImageCache
    {
        private const int Slots = 1 << 10;

        [ThreadStatic] private static ImageCache? _current;

        private readonly SymmetryGroup _group;
        private readonly Value?[] _keys = new Value?[Slots];
        private readonly Value?[] _images;

        private ImageCache(SymmetryGroup group)
        {
            _group = group;
            _images = new Value?[Slots * group._permutations.Length];
        }

        public static ImageCache For(SymmetryGroup group)
        {
            var cache = _current;
            if (cache is null || !ReferenceEquals(cache._group, group)) _current = cache = new ImageCache(group);
            return cache;
        }

        public Value Image(Value value, int permutation)
        {
            if (value.Kind < ValueKind.Set) return _group._permutations[permutation].Apply(value);
            var slot = value.IdentityHash & (Slots - 1);
            var row = slot * _group._permutations.Length;
            if (!ReferenceEquals(_keys[slot], value))
            {
                _keys[slot] = value;
                Array.Clear(_images, row, _group._permutations.Length);
            }
            var known = _images[row + permutation];
            if (known is not null) return known;
            var parts = new CachedParts(this, permutation);
            known = _group._permutations[permutation].Apply(value, ref parts);
            // The parts may have taken this slot over meanwhile: claim it again.
            if (!ReferenceEquals(_keys[slot], value))
            {
                _keys[slot] = value;
                Array.Clear(_images, row, _group._permutations.Length);
            }
            ValueArrays.Store(_images!, row + permutation, known);
            return known;
        }

        private readonly struct CachedParts(ImageCache cache, int permutation) : ModelValuePermutation.IPartImages
        {
            public Value ImageOf(Value part) => cache.Image(part, permutation);
        }
    }
}
