using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The TLC, TLCExt and Randomization operators that need the evaluator (registers, the level of
/// the current state, the model's values, the seeded random source), with TLC's semantics and
/// messages. Operators whose value TLC can only give from its own run (the trace of the current
/// state, TLC's statistics) are evaluation errors that name the operator, never a guess.
/// </summary>
public static class TlcOperators
{
    private static BuiltinSymbol Operator(string name, int arity, Func<EvalContext, Frame?, Expr[], Value> evaluate, int minimumLevel = Levels.Constant, bool[]? operatorArguments = null) =>
        new(name, arity, (span, a) => new BuiltinNExpr(span, evaluate, a, Math.Max(minimumLevel, Expr.MaxLevel(a))))
        {
            OperatorArguments = operatorArguments,
        };

    /// <summary>TLCGet and TLCSet (the rest of TLC is in <see cref="Builtins"/>).</summary>
    public static void AddTlc(ModuleContext context, bool exported)
    {
        Builtins.Add(context, Operator("TLCGet", 1, static (c, f, e) => TlcGet(c, e[0].Eval(c, f)), Levels.State), exported);
        Builtins.Add(context, Operator("TLCSet", 2, static (c, f, e) => TlcSet(c, e[0].Eval(c, f), e[1].Eval(c, f)), Levels.State), exported);
    }

    public static void AddTlcExt(ModuleContext context, bool exported)
    {
        Builtins.Add(context, Operator("AssertEq", 2, static (c, f, e) =>
        {
            var a = e[0].Eval(c, f);
            var b = e[1].Eval(c, f);
            if (!ValueOps.CheckedNotEquals(a, b)) return BoolValue.True;
            c.PrintOutput?.WriteLine(ValueOps.PrintLine(StringValue.Of("Assertion failed")));
            c.PrintOutput?.WriteLine(ValueOps.PrintLine(a));
            c.PrintOutput?.WriteLine(ValueOps.PrintLine(b));
            return BoolValue.False;
        }), exported);
        Builtins.Add(context, Operator("AssertError", 2, static (c, f, e) =>
        {
            var expected = ValueOps.AsString(e[0].Eval(c, f), "AssertError", 1);
            try
            {
                e[1].Eval(c, f);
            }
            catch (Exception error) when (error is EvalException or EvaluationException)
            {
                return BoolValue.Of(error.Message == expected);
            }
            return BoolValue.False;
        }), exported);
        Builtins.Add(context, Operator("TLCGetOrDefault", 2, static (c, f, e) =>
        {
            var key = e[0].Eval(c, f);
            return c.Registers.Get(key) ?? e[1].Eval(c, f);
        }, Levels.State), exported);
        Builtins.Add(context, Operator("TLCGetAndSet", 4, static (c, f, e) =>
        {
            var key = e[0].Eval(c, f);
            var old = c.Registers.Get(key) ?? e[3].Eval(c, f);
            var update = ((OperatorArgument)e[1]).Resolve(c, f);
            TlcSet(c, key, update.Invoke(c, [old, e[2].Eval(c, f)]));
            return old;
        }, Levels.State, [false, true, false, false]), exported);
        Builtins.Add(context, Operator("TLCModelValue", 1, static (c, f, e) =>
        {
            var name = ValueOps.AsString(e[0].Eval(c, f), "TLCModelValue", 1);
            return c.ModelValues?.Get(name) ?? throw new EvalException("TLCModelValue can only be evaluated while checking a model.");
        }), exported);
        Builtins.Add(context, Operator("TLCDefer", 1, static (_, _, _) => BoolValue.True), exported);
        Builtins.Add(context, Operator("TLCNoOp", 1, static (c, f, e) => e[0].Eval(c, f)), exported);
        Builtins.Add(context, Operator("TLCCache", 2, static (c, f, e) => e[0].Eval(c, f)), exported);
        // Without an interactive user, PickSuccessor accepts every successor (TLC asks only when the guard is FALSE).
        Builtins.Add(context, Operator("PickSuccessor", 1, static (c, f, e) =>
        {
            ValueOps.AsBool(e[0].Eval(c, f), "PickSuccessor", 1);
            return BoolValue.True;
        }, Levels.Action), exported);
        Builtins.Add(context, Operator("TLCFP", 1, static (c, f, e) => IntValue.Of(unchecked((int)e[0].Eval(c, f).Fingerprint))), exported);
        Builtins.Add(context, Unsupported("Trace", 0, "the behaviour that leads to the current state"), exported);
        Builtins.Add(context, Unsupported("CounterExample", 0, "TLC's counterexample, which only a POSTCONDITION sees"), exported);
        Builtins.Add(context, Unsupported("ToTrace", 1, "TLC's counterexample, which only a POSTCONDITION sees"), exported);
        Builtins.Add(context, Unsupported("TLCEvalDefinition", 1, "a definition named at run time"), exported);
    }

    public static void AddRandomization(ModuleContext context, bool exported)
    {
        Builtins.Add(context, Operator("RandomSubset", 2, static (c, f, e) =>
        {
            var k = ValueOps.AsInt(e[0].Eval(c, f), "RandomSubset", 1);
            var set = ValueOps.AsSet(e[1].Eval(c, f), "RandomSubset", 2).ToFinite();
            if (k < 0 || k > set.Length)
                throw new EvalException($"The first argument of RandomSubset should be a natural number at most the cardinality of the second argument, but instead it is:\n{k}");
            var order = Enumerable.Range(0, set.Length).ToArray();
            c.Random.Shuffle(order);
            return FiniteSetValue.Of(order.Take(k).Select(i => set[i]));
        }, Levels.State), exported);
        Builtins.Add(context, Operator("RandomSetOfSubsets", 3, static (c, f, e) =>
        {
            var k = ValueOps.AsInt(e[0].Eval(c, f), "RandomSetOfSubsets", 1);
            var n = ValueOps.AsInt(e[1].Eval(c, f), "RandomSetOfSubsets", 2);
            var set = ValueOps.AsSet(e[2].Eval(c, f), "RandomSetOfSubsets", 3).ToFinite();
            return RandomSubsets(c, k, set.Length == 0 ? 0 : (double)n / set.Length, set, "RandomSetOfSubsets");
        }, Levels.State), exported);
        Builtins.Add(context, Operator("RandomSubsetSet", 3, static (c, f, e) =>
        {
            var k = ValueOps.AsInt(e[0].Eval(c, f), "RandomSubsetSet", 1);
            var text = ValueOps.AsString(e[1].Eval(c, f), "RandomSubsetSet", 2);
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var probability)
                || probability < 0 || probability > 1)
                throw new EvalException($"The second argument of RandomSubsetSet should be a probability (a string such as \"0.5\"), but instead it is:\n{ValuePrinter.Print(StringValue.Of(text))}");
            var set = ValueOps.AsSet(e[2].Eval(c, f), "RandomSubsetSet", 3).ToFinite();
            return RandomSubsets(c, k, probability, set, "RandomSubsetSet");
        }, Levels.State), exported);
        // TLC defines TestRandomSetOfSubsets only for its own tests: the cardinality of the subsets drawn.
        Builtins.Add(context, Operator("TestRandomSetOfSubsets", 3, static (c, f, e) =>
        {
            var k = ValueOps.AsInt(e[0].Eval(c, f), "TestRandomSetOfSubsets", 1);
            var n = ValueOps.AsInt(e[1].Eval(c, f), "TestRandomSetOfSubsets", 2);
            var set = ValueOps.AsSet(e[2].Eval(c, f), "TestRandomSetOfSubsets", 3).ToFinite();
            var drawn = RandomSubsets(c, k, set.Length == 0 ? 0 : (double)n / set.Length, set, "TestRandomSetOfSubsets");
            return FiniteSetValue.Of(drawn.Elements.ToArray().Select(s => (Value)IntValue.Of(((SetValue)s).CountAsInt())));
        }, Levels.State), exported);
    }

    /// <summary>k subsets of <paramref name="set"/>, each element in each with the probability given (duplicates collapse).</summary>
    private static FiniteSetValue RandomSubsets(EvalContext context, int k, double probability, FiniteSetValue set, string operatorName)
    {
        if (k < 0) throw new EvalException($"The first argument of {operatorName} should be a natural number, but instead it is:\n{k}");
        var subsets = new List<Value>(k);
        for (var i = 0; i < k; i++)
        {
            var members = new List<Value>();
            foreach (var element in set.Elements)
                if (context.Random.NextDouble() < probability) members.Add(element);
            subsets.Add(FiniteSetValue.Of(members));
        }
        return FiniteSetValue.Of(subsets);
    }

    private static BuiltinSymbol Unsupported(string name, int arity, string needs) =>
        Operator(name, arity, (_, _, _) => throw new EvalException($"{name} is not supported by this checker: it needs {needs}."), Levels.State);

    /// <summary>TLCGet(i) for a register, or one of TLC's named values ("level", "config", ...).</summary>
    public static Value TlcGet(EvalContext context, Value key)
    {
        switch (key)
        {
            case IntValue { Value: >= 0 } index:
                return context.Registers.Get(index) ?? throw new EvalException($"TLCGet({index.Value}) was undefined.");
            case StringValue { Value: var name } when name.StartsWith("s:", StringComparison.Ordinal):
                return context.Registers.Get(key) ?? throw new EvalException($"TLCGet({name}) was undefined.");
            case StringValue { Value: "level" }:
                return IntValue.Of(context.Level);
            case StringValue { Value: "config" }:
                return context.RunInfo.Config;
            case StringValue { Value: "duration" }:
                return IntValue.Of((int)context.RunInfo.Clock.Elapsed.TotalSeconds);
            case StringValue { Value: "queue" }:
                return SearchCounters.Exact(context.Search.Queue, "queue");
            case StringValue { Value: "generated" }:
                return SearchCounters.Exact(context.Search.Generated, "generated");
            case StringValue { Value: "distinct" }:
                return SearchCounters.Exact(context.Search.Distinct, "distinct");
            case StringValue { Value: "diameter" }:
                return IntValue.Of(context.Search.Diameter);
            case StringValue { Value: "stats" }:
                return context.Search.Statistics((int)context.RunInfo.Clock.Elapsed.TotalSeconds);
            // TLC reads a Java system property; unset, it returns its argument. This checker composes
            // actions (A \cdot B) without being asked, as TLC does with -Dtlc2.tool.impl.Tool.cdot=true.
            case StringValue { Value: var property } when property.StartsWith("-D", StringComparison.Ordinal):
                return property == "-Dtlc2.tool.impl.Tool.cdot" ? StringValue.Of("true") : key;
            case StringValue { Value: var name }:
                throw new EvalException($"TLCGet(\"{name}\") is not supported by this checker (it supports \"level\", \"config\", \"duration\", \"queue\", \"generated\", \"distinct\", \"diameter\", \"stats\" and registers).");
            default:
                throw new EvalException($"The argument of TLCGet should be a nonnegative integer, but instead it is:\n{ValuePrinter.Print(key)}");
        }
    }

    /// <summary>TLCSet(i, v): TRUE, after storing v in register i (TLCSet("exit", ...) and the like are refused).</summary>
    public static Value TlcSet(EvalContext context, Value key, Value value)
    {
        switch (key)
        {
            case IntValue { Value: >= 0 }:
            case StringValue { Value: var name } when name.StartsWith("s:", StringComparison.Ordinal):
                context.Registers.Set(key, value);
                return BoolValue.True;
            case StringValue { Value: var name }:
                throw new EvalException($"TLCSet(\"{name}\", ...) is not supported by this checker.");
            default:
                throw new EvalException($"The first argument of TLCSet should be a nonnegative integer, but instead it is:\n{ValuePrinter.Print(key)}");
        }
    }
}
