namespace Verification.Tla.Values;

/// <summary>Functions, records, EXCEPT, and the TLC module's function operators.</summary>
public static partial class ValueOps
{
    /// <summary><c>f[x]</c>, also record field access <c>r.a</c> with x the field name.</summary>
    public static Value Apply(Value function, Value argument) => function switch
    {
        FunctionValue f => f.Apply(argument),
        LazyFunctionValue lazy => lazy.Apply(argument),
        _ => throw new EvalException($"A non-function ({ValuePrinter.Print(function)}) was applied as a function."),
    };

    /// <summary><c>r.field</c>.</summary>
    public static Value Select(Value record, string field) => Apply(record, StringValue.Of(field));

    /// <summary><c>DOMAIN f</c>.</summary>
    public static SetValue Domain(Value function) => function switch
    {
        FunctionValue f => f.Domain,
        LazyFunctionValue lazy => lazy.Domain,
        _ => throw new EvalException($"Attempted to apply the operator DOMAIN to a non-function:\n{ValuePrinter.Print(function)}"),
    };

    /// <summary>
    /// One EXCEPT update <c>![a][b].c = e</c>: the path is the arguments (a field is a string),
    /// and <paramref name="update"/> gets the old value (what <c>@</c> denotes) and returns the new one.
    /// A path step outside the domain leaves the function unchanged, as in TLA+ and TLC.
    /// Apply several updates one after another, left to right, each to the previous result.
    /// </summary>
    public static Value Except(Value function, ReadOnlySpan<Value> path, Func<Value, Value> update)
    {
        if (path.IsEmpty) return update(function);
        var f = function switch
        {
            FunctionValue fv => fv,
            LazyFunctionValue lazy => lazy.ToFinite(),
            _ => throw new EvalException($"The EXCEPT construct was applied to a non-function:\n{ValuePrinter.Print(function)}"),
        };
        var index = f.IndexOf(path[0]);
        if (index < 0) return f;
        var old = f.ValueAt(index);
        var updated = Except(old, path[1..], update);
        return f.With(path[0], updated);
    }

    /// <summary>TLC's <c>d :&gt; e</c>: the function with domain {d} mapping d to e.</summary>
    public static FunctionValue SingletonFunction(Value argument, Value value) =>
        FunctionValue.FromCanonical([argument], [value]);

    /// <summary>TLC's <c>f @@ g</c>: the union of two functions, f winning where both are defined.</summary>
    public static FunctionValue MergeFunctions(Value left, Value right)
    {
        var f = FunctionValue.AsFinite(AsFunction(left, "@@", 1));
        var g = FunctionValue.AsFinite(AsFunction(right, "@@", 2));
        if (g.Count == 0) return f;
        if (f.Count == 0) return g;
        var fd = f.DomainElements;
        var gd = g.DomainElements;
        var domain = new List<Value>(fd.Length + gd.Length);
        var values = new List<Value>(fd.Length + gd.Length);
        int i = 0, j = 0;
        while (i < fd.Length || j < gd.Length)
        {
            var c = i == fd.Length ? 1 : j == gd.Length ? -1 : fd[i].CompareTo(gd[j]);
            if (c <= 0)
            {
                domain.Add(fd[i]);
                values.Add(f.Values[i]);
                i++;
                if (c == 0) j++;
            }
            else
            {
                domain.Add(gd[j]);
                values.Add(g.Values[j]);
                j++;
            }
        }
        return FunctionValue.FromCanonical(domain.ToArray(), values.ToArray());
    }

    /// <summary>TLC's <c>Permutations(S)</c>: every bijection of S onto itself.</summary>
    public static FiniteSetValue Permutations(Value set)
    {
        var items = AsSet(set, "Permutations", 1).ToFinite().Elements.ToArray();
        var result = new List<Value>();
        var images = (Value[])items.Clone();
        Permute(0);
        return FiniteSetValue.Of(result);

        void Permute(int position)
        {
            if (position == images.Length)
            {
                result.Add(FunctionValue.FromCanonical((Value[])items.Clone(), (Value[])images.Clone()));
                return;
            }
            for (var k = position; k < images.Length; k++)
            {
                (images[position], images[k]) = (images[k], images[position]);
                Permute(position + 1);
                (images[position], images[k]) = (images[k], images[position]);
            }
        }
    }

    /// <summary>Record constructor <c>[a |-&gt; 1, b |-&gt; 2]</c>.</summary>
    public static FunctionValue Record(IEnumerable<KeyValuePair<string, Value>> fields) => FunctionValue.Record(fields);

    /// <summary>Tuple constructor <c>&lt;&lt;a, b&gt;&gt;</c>.</summary>
    public static FunctionValue Tuple(params Value[] elements) => FunctionValue.Tuple(elements);
}
