using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Values;

/// <summary>FsCheck generators of TLA+ values, and a seeded runner so every property run is reproducible.</summary>
public static class ValueGenerators
{
    private static readonly ModelValueRegistry Registry = new();

    public static readonly ModelValue[] ModelValues = [Registry.Get("m1"), Registry.Get("m2"), Registry.Get("m3")];

    private static readonly string[] Strings = ["", "a", "b", "ab", "nobody", "x\"y"];
    private static readonly string[] FieldNames = ["a", "b", "type", "bal"];

    public static Gen<Value> Scalar =>
        Gen.Frequency(
            (4, Gen.Choose(-4, 6).Select(i => (Value)IntValue.Of(i))),
            (1, Gen.Elements(int.MinValue, int.MaxValue, 100_000, -100_000).Select(i => (Value)IntValue.Of(i))),
            (2, Gen.Elements(Strings).Select(s => (Value)StringValue.Of(s))),
            (1, Gen.Elements(true, false).Select(b => (Value)BoolValue.Of(b))),
            (1, Gen.Elements(ModelValues).Select(m => (Value)m)));

    public static Gen<Value> AnyValue => Gen.Sized(size => Sized(Math.Min(size, 12)));

    private static Gen<Value> Sized(int size)
    {
        if (size <= 1) return Scalar;
        var child = Gen.Sized(_ => Sized(size / 3));
        var small = Gen.Choose(0, 4);
        return Gen.Frequency(
            (3, Scalar),
            (2, small.SelectMany(n => Gen.ArrayOf(child, n)).Select(xs => (Value)FiniteSetValue.Of(xs))),
            (2, small.SelectMany(n => Gen.ArrayOf(child, n)).Select(xs => (Value)FunctionValue.Tuple(xs))),
            (1, Gen.SubListOf(FieldNames).Where(l => l.Count > 0)
                .SelectMany(names => Gen.ArrayOf(child, names.Count)
                    .Select(vals => (Value)FunctionValue.Record(names.Select((n, i) => (n, vals[i])).ToArray())))),
            (1, Gen.SubListOf(new[] { 0, 1, 2, 3, 5 })
                .SelectMany(keys => Gen.ArrayOf(child, keys.Count)
                    .Select(vals => (Value)FunctionValue.FromPairs(keys.Select((k, i) => new KeyValuePair<Value, Value>(IntValue.Of(k), vals[i])))))),
            (1, Gen.Choose(-2, 3).SelectMany(lo => Gen.Choose(lo - 1, lo + 3).Select(hi => (Value)new IntervalValue(lo, hi)))),
            (1, SmallSet(child).Select(s => (Value)new PowerSetValue(s))),
            (1, SmallSet(child).SelectMany(d => SmallSet(child).Select(r => (Value)new FunctionSetValue(d, r)))),
            (1, SmallSet(child).Select(s => (Value)new RecordSetValue([new("a", s), new("b", FiniteSetValue.Boolean)]))),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(child, n)).Select(images =>
                (Value)new LazyFunctionValue(new IntervalValue(1, images.Length), x => images[((IntValue)x).Value - 1]))));
    }

    private static Gen<SetValue> SmallSet(Gen<Value> elements) =>
        Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(elements, n)).Select(xs => (SetValue)FiniteSetValue.Of(xs));

    /// <summary>
    /// The same mathematical value built another way: sets from shuffled, duplicated elements or as
    /// intervals; tuples and records as generic functions from reversed pairs.
    /// </summary>
    public static Value Rebuild(Value v, int salt) => v switch
    {
        IntervalValue interval => FiniteSetValue.Of(interval.Enumerate().Reverse().ToArray()),
        LazyFunctionValue lazy => Rebuild(lazy.ToFinite(), salt),
        SetValue lazySet and not FiniteSetValue => FiniteSetValue.Of(lazySet.Enumerate().Reverse().Select(e => Rebuild(e, salt + 1)).ToArray()),
        FiniteSetValue set when IsIntRun(set, out var lo, out var hi) && salt % 2 == 0 => new IntervalValue(lo, hi),
        FiniteSetValue set => FiniteSetValue.Of(set.Elements.ToArray().Reverse().Concat(set.Elements.ToArray().Take(salt % 3)).Select(e => Rebuild(e, salt + 1)).ToArray()),
        FunctionValue f => FunctionValue.FromPairs(Enumerable.Range(0, f.Count).Reverse()
            .Select(i => new KeyValuePair<Value, Value>(Rebuild(f.DomainElements[i], salt + 1), Rebuild(f.Values[i], salt + 2)))),
        IntValue i => IntValue.Checked((long)i.Value, "rebuild"),
        StringValue s => StringValue.Of(new string(s.Value.ToCharArray())),
        _ => v,
    };

    private static bool IsIntRun(FiniteSetValue set, out int lo, out int hi)
    {
        lo = 1;
        hi = 0;
        if (set.IsEmpty) return true;
        if (set.Elements[0] is not IntValue first) return false;
        for (var i = 0; i < set.Length; i++)
            if (set[i] is not IntValue n || n.Value != first.Value + i) return false;
        lo = first.Value;
        hi = first.Value + set.Length - 1;
        return true;
    }

    /// <summary>Runs a property with a fixed seed and a fixed number of cases; throws on failure.</summary>
    public static void Check(Property property, int maxTest = 300, ulong seed = 20_261_121)
    {
        var config = FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }
}
