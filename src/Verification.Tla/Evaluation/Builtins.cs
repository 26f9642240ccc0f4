using Verification.Tla.Syntax;
using Verification.Tla.Values;

namespace Verification.Tla.Evaluation;

/// <summary>
/// The standard modules TLC builds in (Naturals, Integers, Sequences, FiniteSets, Bags, TLC, Reals
/// parsed), bound to the value library's operations, and the operators every module has.
/// </summary>
public static class Builtins
{
    public static readonly IReadOnlySet<string> StandardModules = new HashSet<string>(StringComparer.Ordinal)
    {
        "Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt", "Randomization",
    };

    public static bool IsStandard(string module) => StandardModules.Contains(module);

    /// <summary>Operators that exist in every module.</summary>
    public static void AddCore(ModuleContext context)
    {
        Add(context, Constant("BOOLEAN", FiniteSetValue.Boolean), false);
        Add(context, Constant("STRING", InfiniteBuiltinSet.String), false);
        Add(context, Binary("\\cup", ValueOps.Union), false);
        Add(context, Binary("\\cap", ValueOps.Intersect), false);
        Add(context, Binary("\\", ValueOps.Difference), false);
        Add(context, Binary("\\subseteq", (a, b) => BoolValue.Of(ValueOps.IsSubset(a, b))), false);
        Add(context, Binary("\\supseteq", (a, b) => BoolValue.Of(ValueOps.IsSubset(b, a))), false);
        Add(context, Binary("\\subset", (a, b) => BoolValue.Of(ValueOps.IsSubset(a, b) && !a.Equals(b))), false);
        Add(context, Binary("\\supset", (a, b) => BoolValue.Of(ValueOps.IsSubset(b, a) && !a.Equals(b))), false);
        Add(context, Unary("SUBSET", ValueOps.PowerSet), false);
        Add(context, Unary("UNION", ValueOps.BigUnion), false);
        Add(context, Unary("DOMAIN", ValueOps.Domain), false);
    }

    /// <summary>Adds a standard module's operators; false if <paramref name="module"/> is not one.</summary>
    public static bool AddStandardModule(ModuleContext context, string module, bool exported)
    {
        switch (module)
        {
            case "Naturals":
                AddNaturals(context, exported);
                return true;
            case "Integers":
                AddNaturals(context, exported);
                Add(context, Constant("Int", InfiniteBuiltinSet.Int), exported);
                Add(context, Unary("-.", ValueOps.Negate), exported);
                return true;
            case "Reals":
                AddStandardModule(context, "Integers", exported);
                Add(context, Constant("Real", InfiniteBuiltinSet.Int), exported);
                Add(context, Constant("Infinity", IntValue.Of(int.MaxValue)), exported);
                return true;
            case "Sequences":
                AddNaturals(context, exported);
                AddSequences(context, exported);
                return true;
            case "FiniteSets":
                AddNaturals(context, exported);
                AddSequences(context, exported);
                Add(context, Unary("IsFiniteSet", ValueOps.IsFiniteSet), exported);
                Add(context, Unary("Cardinality", ValueOps.Cardinality), exported);
                return true;
            case "Bags":
                AddBags(context, exported);
                return true;
            case "TLC":
                AddStandardModule(context, "Naturals", exported);
                AddSequences(context, exported);
                AddStandardModule(context, "FiniteSets", exported);
                AddTlc(context, exported);
                Library.TlcOperators.AddTlc(context, exported);
                return true;
            // TLCExt and Randomization only LOCAL INSTANCE the modules they use: they export their own operators.
            case "TLCExt":
                Library.TlcOperators.AddTlcExt(context, exported);
                return true;
            case "Randomization":
                Library.TlcOperators.AddRandomization(context, exported);
                return true;
            default:
                return false;
        }
    }

    private static void AddNaturals(ModuleContext context, bool exported)
    {
        Add(context, Constant("Nat", InfiniteBuiltinSet.Nat), exported);
        Add(context, Binary("+", ValueOps.Add), exported);
        Add(context, Binary("-", ValueOps.Subtract), exported);
        Add(context, Binary("*", ValueOps.Multiply), exported);
        Add(context, Binary("^", ValueOps.Power), exported);
        Add(context, Binary("\\div", ValueOps.Div), exported);
        Add(context, Binary("%", ValueOps.Mod), exported);
        Add(context, Binary("<", ValueOps.Less), exported);
        Add(context, Binary(">", ValueOps.Greater), exported);
        Add(context, Binary("<=", ValueOps.LessOrEqual), exported);
        Add(context, Binary(">=", ValueOps.GreaterOrEqual), exported);
        Add(context, Binary("..", ValueOps.Range), exported);
    }

    private static void AddSequences(ModuleContext context, bool exported)
    {
        Add(context, Unary("Seq", ValueOps.SeqSet), exported);
        Add(context, Unary("Len", ValueOps.Len), exported);
        Add(context, Unary("Head", ValueOps.Head), exported);
        Add(context, Unary("Tail", ValueOps.Tail), exported);
        Add(context, Binary("Append", ValueOps.Append), exported);
        // TLC also concatenates strings with \o.
        Add(context, Binary("\\o", static (a, b) => a is StringValue s && b is StringValue t ? StringValue.Of(s.Value + t.Value) : ValueOps.Concat(a, b)), exported);
        Add(context, new BuiltinSymbol("SubSeq", 3, (span, a) => new BuiltinNExpr(span,
            (c, f, e) => ValueOps.SubSeq(e[0].Eval(c, f), e[1].Eval(c, f), e[2].Eval(c, f)), a, Expr.MaxLevel(a))), exported);
        Add(context, new BuiltinSymbol("SelectSeq", 2, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var s = e[0].Eval(c, f);
            var test = ((OperatorArgument)e[1]).Resolve(c, f);
            return ValueOps.SelectSeq(s, v => ValueOps.AsBool(test.Invoke(c, [v]), "SelectSeq", 2));
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = [false, true],
        }, exported);
    }

    private static void AddBags(ModuleContext context, bool exported)
    {
        AddNaturals(context, exported);
        Add(context, Constant("EmptyBag", ValueOps.EmptyBag), exported);
        Add(context, Unary("IsABag", ValueOps.IsABag), exported);
        Add(context, Unary("BagToSet", ValueOps.BagToSet), exported);
        Add(context, Unary("SetToBag", ValueOps.SetToBag), exported);
        Add(context, Binary("BagIn", ValueOps.BagIn), exported);
        Add(context, Binary("CopiesIn", ValueOps.CopiesIn), exported);
        Add(context, Binary("\\oplus", ValueOps.BagAdd), exported);
        Add(context, Binary("\\ominus", ValueOps.BagSubtract), exported);
        Add(context, Unary("BagUnion", ValueOps.BagUnion), exported);
        Add(context, Binary("\\sqsubseteq", ValueOps.BagIsSubBag), exported);
        Add(context, Unary("SubBag", ValueOps.SubBag), exported);
        Add(context, Unary("BagCardinality", ValueOps.BagCardinality), exported);
        Add(context, new BuiltinSymbol("BagOfAll", 2, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var map = ((OperatorArgument)e[0]).Resolve(c, f);
            return ValueOps.BagOfAll(v => map.Invoke(c, [v]), e[1].Eval(c, f));
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = [true, false],
        }, exported);
    }

    private static void AddTlc(ModuleContext context, bool exported)
    {
        Add(context, Binary(":>", ValueOps.SingletonFunction), exported);
        Add(context, Binary("@@", ValueOps.MergeFunctions), exported);
        Add(context, Unary("Permutations", ValueOps.Permutations), exported);
        Add(context, Unary("ToString", ValueOps.ToTlaString), exported);
        Add(context, Unary("TLCEval", v => v), exported);
        Add(context, Constant("Any", InfiniteBuiltinSet.Any), exported);
        Add(context, new BuiltinSymbol("Print", 2, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var output = e[0].Eval(c, f);
            var result = e[1].Eval(c, f);
            c.PrintOutput?.WriteLine(ValueOps.PrintLine(output) + "  " + ValueOps.PrintLine(result));
            return result;
        }, a, Expr.MaxLevel(a))) { TouchesWorld = true }, exported);
        Add(context, new BuiltinSymbol("PrintT", 1, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            c.PrintOutput?.WriteLine(ValueOps.PrintLine(e[0].Eval(c, f)));
            return BoolValue.True;
        }, a, Expr.MaxLevel(a))) { TouchesWorld = true }, exported);
        Add(context, new BuiltinSymbol("Assert", 2, (span, a) => new BuiltinNExpr(span,
            (c, f, e) => ValueOps.Assert(e[0].Eval(c, f), e[1].Eval(c, f)), a, Expr.MaxLevel(a))), exported);
        Add(context, new BuiltinSymbol("RandomElement", 1, (span, a) => new BuiltinNExpr(span,
            (c, f, e) => ValueOps.RandomElement(e[0].Eval(c, f), n => c.Random.Next(n)), a, Expr.MaxLevel(a))) { DrawsRandom = true }, exported);
        Add(context, new BuiltinSymbol("SortSeq", 2, (span, a) => new BuiltinNExpr(span, (c, f, e) =>
        {
            var s = e[0].Eval(c, f);
            var before = ((OperatorArgument)e[1]).Resolve(c, f);
            return ValueOps.SortSeq(s, (x, y) => ValueOps.AsBool(before.Invoke(c, [x, y]), "SortSeq", 2));
        }, a, Expr.MaxLevel(a)))
        {
            OperatorArguments = [false, true],
        }, exported);
        Add(context, new BuiltinSymbol("JavaTime", 0, (span, _) => new ConstantExpr(span, IntValue.Of(0))), exported);
    }

    internal static void Add(ModuleContext context, BuiltinSymbol symbol, bool exported) => context.Define(symbol, exported);

    internal static BuiltinSymbol Constant(string name, Value value) =>
        new(name, 0, (span, _) => new ConstantExpr(span, value));

    internal static BuiltinSymbol Unary(string name, Func<Value, Value> op) =>
        new(name, 1, (span, a) => new Builtin1Expr(span, op, a[0]))
        {
            AsOperator = new BuiltinOperatorValue(name, 1, (_, v) => op(v[0])),
        };

    internal static BuiltinSymbol Binary(string name, Func<Value, Value, Value> op) =>
        new(name, 2, (span, a) => new Builtin2Expr(span, op, a[0], a[1]))
        {
            AsOperator = new BuiltinOperatorValue(name, 2, (_, v) => op(v[0], v[1])),
        };
}
