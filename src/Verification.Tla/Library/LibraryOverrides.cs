using System.Numerics;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// Native replacements for community-module operators that TLC replaces by Java code
/// (tlc2.overrides in the CommunityModules). As in TLC, a replacement applies to a module by its
/// name, whether the module is the built-in copy or a user's file, and only to a definition with
/// the expected number of parameters. The replacements exist where the Java result differs from
/// the TLA+ definition (the folds combine elements in the order TLC enumerates them; SetToSeq
/// lists a set in TLC's order), where the definition enumerates an infinite set (paths in
/// Graphs) or where there is no TLA+ definition (Json, IOUtils).
/// </summary>
public static class LibraryOverrides
{
    private static readonly Dictionary<string, BuiltinSymbol[]> ByModule = new(StringComparer.Ordinal)
    {
        ["FiniteSetsExt"] =
        [
            // acc := op(e, acc) for each element e in order, starting from base.
            Higher("FoldSet", 3, [true, false, false], static (c, op, a) =>
            {
                var acc = a[1];
                foreach (var element in ValueOps.AsSet(a[2], "FoldSet", 3).ToFinite().Elements)
                    acc = op.Invoke(c, [element, acc]);
                return acc;
            }),
            // The k-element subsets, built directly instead of filtering SUBSET S (TLC does the same in Java).
            Plain("kSubset", 2, static a =>
            {
                var k = ValueOps.AsInt(a[0], "kSubset", 1);
                var elements = ValueOps.AsSet(a[1], "kSubset", 2).ToFinite().Elements.ToArray();
                var subsets = new List<Value>();
                if (k >= 0 && k <= elements.Length) AddSubsets(elements, k, 0, new List<Value>(k), subsets);
                return FiniteSetValue.Of(subsets);
            }),
        ],
        ["DyadicRationals"] =
        [
            // TLC's Java Reduce: the record in lowest terms by Euclid's gcd (so 0/d is 0/1), the same record when already so.
            Plain("Reduce", 1, static a =>
            {
                if (a[0] is not FunctionValue { IsRecord: true } fraction
                    || !fraction.TryApply(StringValue.Of("num"), out var num) || !fraction.TryApply(StringValue.Of("den"), out var den))
                    throw new EvalException($"The argument of Reduce should be a record with fields num and den, but instead it is:\n{ValuePrinter.Print(a[0])}");
                var n = ValueOps.AsInt(num, "Reduce");
                var d = ValueOps.AsInt(den, "Reduce");
                var gcd = (int)BigInteger.GreatestCommonDivisor(n, d);
                if (gcd == 1) return fraction;
                if (gcd == 0) throw new EvalException("Reduce of the fraction 0/0: division by zero.");
                return FunctionValue.Record(("num", IntValue.Of(n / gcd)), ("den", IntValue.Of(d / gcd)));
            }),
        ],
        ["Functions"] =
        [
            Higher("FoldFunction", 3, [true, false, false], static (c, op, a) =>
            {
                var fun = AsFunction(a[2], "FoldFunction", 3);
                return FoldFunctionOn(c, op, a[1], fun, fun.Domain, "FoldFunction");
            }),
            Higher("FoldFunctionOnSet", 4, [true, false, false, false], static (c, op, a) =>
                FoldFunctionOn(c, op, a[1], AsFunction(a[2], "FoldFunctionOnSet", 3), ValueOps.AsSet(a[3], "FoldFunctionOnSet", 4), "FoldFunctionOnSet")),
        ],
        ["SequencesExt"] =
        [
            // TLC folds a sequence as a function: op(s[n], ... op(s[1], base)).
            Higher("FoldSeq", 3, [true, false, false], static (c, op, a) =>
            {
                var acc = a[1];
                foreach (var element in ValueOps.AsSequence(a[2], "FoldSeq", 3).Values)
                    acc = op.Invoke(c, [element, acc]);
                return acc;
            }),
            Higher("FoldLeft", 3, [true, false, false], static (c, op, a) =>
            {
                var acc = a[1];
                foreach (var element in ValueOps.AsSequence(a[2], "FoldLeft", 3).Values)
                    acc = op.Invoke(c, [acc, element]);
                return acc;
            }),
            Higher("FoldRight", 3, [true, false, false], static (c, op, a) =>
            {
                var items = ValueOps.AsSequence(a[1], "FoldRight", 2).Values;
                var acc = a[2];
                for (var i = items.Length - 1; i >= 0; i--)
                    acc = op.Invoke(c, [items[i], acc]);
                return acc;
            }),
            Higher("FoldLeftDomain", 3, [true, false, false], static (c, op, a) =>
            {
                var acc = a[1];
                var count = ValueOps.AsSequence(a[2], "FoldLeftDomain", 3).Count;
                for (var i = 1; i <= count; i++)
                    acc = op.Invoke(c, [acc, IntValue.Of(i)]);
                return acc;
            }),
            Higher("FoldRightDomain", 3, [true, false, false], static (c, op, a) =>
            {
                var acc = a[2];
                for (var i = ValueOps.AsSequence(a[1], "FoldRightDomain", 2).Count; i >= 1; i--)
                    acc = op.Invoke(c, [IntValue.Of(i), acc]);
                return acc;
            }),
            Plain("SetToSeq", 1, static a => FunctionValue.Tuple(ValueOps.AsSet(a[0], "SetToSeq", 1).ToFinite().Elements.ToArray())),
            // The searches scan the sequence (TLC's Java) instead of building the set of matching
            // indices and taking its Min/Max by CHOOSE, which is quadratic: trace specs call them
            // on the whole log. Unlike the TLA+ definition, TLC's SelectLastInSubSeq and
            // SelectInSubSeq answer an index of the whole sequence, and so do these.
            SequenceSearch("SelectInSeq", 2, static (c, op, a) =>
            {
                var items = ValueOps.AsSequence(a[0], "SelectInSeq", 1).Values;
                for (var i = 0; i < items.Length; i++)
                    if (Test(c, op, items[i], "SelectInSeq", 3)) return IntValue.Of(i + 1);
                return IntValue.Of(0);
            }),
            SequenceSearch("SelectLastInSeq", 2, static (c, op, a) =>
            {
                var items = ValueOps.AsSequence(a[0], "SelectLastInSeq", 1).Values;
                for (var i = items.Length - 1; i >= 0; i--)
                    if (Test(c, op, items[i], "SelectLastInSeq", 3)) return IntValue.Of(i + 1);
                return IntValue.Of(0);
            }),
            SequenceSearch("SelectInSubSeq", 4, static (c, op, a) =>
            {
                var (items, from, to) = SubSeqBounds(a, "SelectInSubSeq");
                for (var i = from; i <= to; i++)
                    if (Test(c, op, items.Values[i - 1], "SelectInSubSeq", 4)) return IntValue.Of(i);
                return IntValue.Of(0);
            }),
            SequenceSearch("SelectLastInSubSeq", 4, static (c, op, a) =>
            {
                var (items, from, to) = SubSeqBounds(a, "SelectLastInSubSeq");
                for (var i = to; i >= from; i--)
                    if (Test(c, op, items.Values[i - 1], "SelectLastInSubSeq", 4)) return IntValue.Of(i);
                return IntValue.Of(0);
            }),
            Plain("Contains", 2, static a =>
            {
                foreach (var item in ValueOps.AsSequence(a[0], "Contains", 1).Values)
                    if (item.Equals(a[1])) return BoolValue.True;
                return BoolValue.False;
            }),
            // Every ordering of the set, built directly instead of filtering [1..n -> S] (TLC does the same in Java).
            Plain("SetToSeqs", 1, static a =>
            {
                var elements = ValueOps.AsSet(a[0], "SetToSeqs", 1).ToFinite().Elements.ToArray();
                var orderings = new List<Value>();
                AddOrderings(elements, new Value[elements.Length], new bool[elements.Length], 0, orderings);
                return FiniteSetValue.Of(orderings);
            }),
        ],
        ["BagsExt"] =
        [
            // acc := op(acc, e), once per copy of e, elements in order.
            Higher("FoldBag", 3, [true, false, false], static (c, op, a) =>
            {
                var bag = AsFunction(a[2], "FoldBag", 3);
                var acc = a[1];
                for (var i = 0; i < bag.Count; i++)
                {
                    if (bag.Values[i] is not IntValue { Value: > 0 } copies)
                        throw new EvalException($"The argument of FoldBag should be an element of Nat, but instead it is:\n{ValuePrinter.Print(bag.Values[i])}");
                    for (var k = 0; k < copies.Value; k++) acc = op.Invoke(c, [acc, bag.DomainElements[i]]);
                }
                return acc;
            }),
        ],
        ["VectorClocks"] =
        [
            new BuiltinSymbol("CausalOrder", 4, static (span, a) => new BuiltinNExpr(span, static (c, f, e) =>
                VectorClockOperators.CausalOrder(c, e[0].Eval(c, f), ((OperatorArgument)e[1]).Resolve(c, f),
                    ((OperatorArgument)e[2]).Resolve(c, f), ((OperatorArgument)e[3]).Resolve(c, f)), a, Expr.MaxLevel(a)))
            {
                OperatorArguments = [false, true, true, true],
            },
        ],
        ["Graphs"] = GraphOperators.Directed,
        ["UndirectedGraphs"] = GraphOperators.Undirected,
        ["Json"] = JsonOperators.All,
        ["IOUtils"] = IoUtilsOperators.All,
        ["SVG"] = SvgOperators.All,
    };

    /// <summary>
    /// Replaces, in the context just built for <paramref name="moduleName"/>, each definition TLC
    /// overrides (same name, same number of parameters, defined in this module) by the native one.
    /// </summary>
    public static void Apply(ModuleContext context, string moduleName)
    {
        if (!ByModule.TryGetValue(moduleName, out var replacements)) return;
        foreach (var replacement in replacements)
        {
            if (context.Names.GetValueOrDefault(replacement.Name) is not DefinitionSymbol definition) continue;
            if (!ReferenceEquals(definition.Context, context) || definition.Definition.Parameters.Count != replacement.Arity) continue;
            context.Define(replacement, exported: context.Exports.ContainsKey(replacement.Name));
        }
    }

    internal static BuiltinSymbol Plain(string name, int arity, Func<Value[], Value> evaluate, bool[]? operatorArguments = null, bool touchesWorld = false) =>
        new(name, arity, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var values = new Value[e.Length];
            for (var i = 0; i < e.Length; i++) values[i] = e[i] is OperatorArgument ? BoolValue.True : e[i].Eval(c, f);
            return evaluate(values);
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = operatorArguments,
            TouchesWorld = touchesWorld,
        };

    /// <summary>An operator whose last argument is an operator (the sequence searches).</summary>
    private static BuiltinSymbol SequenceSearch(string name, int arity, Func<EvalContext, OperatorValue, Value[], Value> evaluate)
    {
        var operatorArguments = new bool[arity];
        operatorArguments[arity - 1] = true;
        return new(name, arity, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var op = ((OperatorArgument)e[arity - 1]).Resolve(c, f);
            var values = new Value[arity - 1];
            for (var i = 0; i < values.Length; i++) values[i] = e[i].Eval(c, f);
            return evaluate(c, op, values);
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = operatorArguments,
        };
    }

    private static bool Test(EvalContext context, OperatorValue test, Value item, string operatorName, int position) =>
        test.Invoke(context, [item]) is BoolValue b
            ? b.Value
            : throw new EvalException($"The {Ordinal(position)} argument of {operatorName} should be a boolean-valued operator, but instead it is:\n{test}");

    private static string Ordinal(int position) => position switch { 1 => "first", 2 => "second", 3 => "third", _ => "fourth" };

    /// <summary>The sequence and the bounds of Select(Last)InSubSeq, checked as TLC's Java checks them (from &gt; to is no match).</summary>
    private static (FunctionValue Items, int From, int To) SubSeqBounds(Value[] a, string operatorName)
    {
        var items = ValueOps.AsSequence(a[0], operatorName, 1);
        var from = ValueOps.AsInt(a[1], operatorName, 2);
        var to = ValueOps.AsInt(a[2], operatorName, 3);
        if (from > to) return (items, 1, 0);
        if (from < 1 || from > items.Count)
            throw new EvalException($"The second argument of {operatorName} must be in the domain of its first argument:\n{ValuePrinter.Print(a[0])}\n, but instead it is\n{ValuePrinter.Print(a[1])}");
        if (to < 1 || to > items.Count)
            throw new EvalException($"The third argument of {operatorName} must be in the domain of its first argument:\n{ValuePrinter.Print(a[0])}\n, but instead it is\n{ValuePrinter.Print(a[2])}");
        return (items, from, to);
    }

    /// <summary>An operator whose first argument is an operator (the folds).</summary>
    private static BuiltinSymbol Higher(string name, int arity, bool[] operatorArguments, Func<EvalContext, OperatorValue, Value[], Value> evaluate) =>
        new(name, arity, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var op = ((OperatorArgument)e[0]).Resolve(c, f);
            var values = new Value[e.Length];
            for (var i = 1; i < e.Length; i++) values[i] = e[i].Eval(c, f);
            return evaluate(c, op, values);
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = operatorArguments,
        };

    private static void AddOrderings(Value[] elements, Value[] ordering, bool[] used, int position, List<Value> orderings)
    {
        if (position == elements.Length)
        {
            orderings.Add(FunctionValue.Tuple((Value[])ordering.Clone()));
            return;
        }
        for (var i = 0; i < elements.Length; i++)
        {
            if (used[i]) continue;
            used[i] = true;
            ordering[position] = elements[i];
            AddOrderings(elements, ordering, used, position + 1, orderings);
            used[i] = false;
        }
    }

    private static void AddSubsets(Value[] elements, int k, int from, List<Value> chosen, List<Value> subsets)
    {
        if (chosen.Count == k)
        {
            subsets.Add(FiniteSetValue.Of(chosen));
            return;
        }
        for (var i = from; i <= elements.Length - (k - chosen.Count); i++)
        {
            chosen.Add(elements[i]);
            AddSubsets(elements, k, i + 1, chosen, subsets);
            chosen.RemoveAt(chosen.Count - 1);
        }
    }

    private static FunctionValue AsFunction(Value v, string operatorName, int position) =>
        FunctionValue.AsFinite(ValueOps.AsFunction(v, operatorName, position));

    private static Value FoldFunctionOn(EvalContext context, OperatorValue op, Value acc, FunctionValue fun, SetValue indices, string operatorName)
    {
        foreach (var index in indices.ToFinite().Elements)
        {
            if (!fun.TryApply(index, out var value))
                throw new EvalException($"Attempted to apply function:\n{ValuePrinter.Print(fun)}\nto argument {ValuePrinter.Print(index)}, which is not in the domain of the function (in {operatorName}).");
            acc = op.Invoke(context, [value, acc]);
        }
        return acc;
    }
}
