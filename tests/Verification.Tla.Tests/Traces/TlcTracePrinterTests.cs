using System.Text.RegularExpressions;
using Verification.Tla.Tests.Syntax;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Traces;

public class TlcTracePrinterTests
{
    private static IntValue I(int n) => IntValue.Of(n);

    private static string TlcTraceBlock(string spec)
    {
        var output = File.ReadAllText(Path.Combine(SyntaxTestFiles.KitDirectory, spec, "tlc-output.txt"));
        var start = output.IndexOf("State 1:", StringComparison.Ordinal);
        var end = output.IndexOf("\n\n", output.LastIndexOf("\nState ", StringComparison.Ordinal), StringComparison.Ordinal);
        return output[start..(end + 2)];
    }

    [Fact]
    public void The_Jugs_counterexample_prints_exactly_as_TLC_prints_it()
    {
        string[] declared = ["small", "big"];
        var order = TlcVariableOrder.Order(declared);
        var variables = order.Select(i => declared[i]).ToArray();
        (string Action, int Line, int From, int To, int Small, int Big)[] steps =
        [
            ("", 0, 0, 0, 0, 0),
            ("FillBig", 12, 15, 40, 0, 9),
            ("BigToSmall", 18, 19, 58, 4, 5),
            ("EmptySmall", 13, 15, 38, 0, 5),
            ("BigToSmall", 18, 19, 58, 4, 1),
            ("EmptySmall", 13, 15, 38, 0, 1),
            ("BigToSmall", 18, 19, 58, 1, 0),
            ("FillBig", 12, 15, 40, 1, 9),
            ("BigToSmall", 18, 19, 58, 4, 6),
        ];
        var states = steps.Select((s, k) =>
        {
            var header = k == 0
                ? TlcTracePrinter.InitialStateHeader(1)
                : TlcTracePrinter.ActionStateHeader(k + 1, TlcTracePrinter.ActionDescription(s.Action, s.Line, s.From, s.Line, s.To, "Jugs"));
            Value[] byDeclaration = [I(s.Small), I(s.Big)];
            return (header, (IReadOnlyList<Value>)order.Select(i => byDeclaration[i]).ToArray());
        });
        Assert.Equal(TlcTraceBlock("Jugs"), TlcTracePrinter.FormatTrace(variables, states));
    }

    [Fact]
    public void A_single_variable_prints_without_a_bullet_and_functions_print_like_TLC()
    {
        Assert.Equal("owner = \"nobody\"", TlcTracePrinter.FormatState(["owner"], [StringValue.Of("nobody")]));
        var flag = FunctionValue.FromPairs([new(I(0), BoolValue.False), new(I(1), BoolValue.True)]);
        Assert.Equal("(0 :> FALSE @@ 1 :> TRUE)", flag.ToString());
        Assert.Equal("<<FALSE, TRUE>>", FunctionValue.Tuple(BoolValue.False, BoolValue.True).ToString());
        var zeroBased = ValueOps.MergeFunctions(ValueOps.SingletonFunction(I(0), StringValue.Of("ncs")), ValueOps.SingletonFunction(I(1), StringValue.Of("raise")));
        Assert.Equal("/\\ pc = (0 :> \"ncs\" @@ 1 :> \"raise\")\n/\\ turn = 1",
            TlcTracePrinter.FormatState(["pc", "turn"], [zeroBased, I(1)]));
        Assert.Equal("[L1 |-> \"none\", L2 |-> \"P\"]",
            FunctionValue.Record(("L2", StringValue.Of("P")), ("L1", StringValue.Of("none"))).ToString());
        Assert.Equal("{}", FiniteSetValue.Empty.ToString());
        Assert.Equal("<<>>", FunctionValue.EmptyTuple.ToString());
        Assert.Equal("-3", I(-3).ToString());
        Assert.Equal("\"a\\\"b\\\\c\\n\"", StringValue.Of("a\"b\\c\n").ToString());
        Assert.Equal("[{1, 2} -> BOOLEAN]".Replace("BOOLEAN", "{FALSE, TRUE}"),
            new FunctionSetValue(FiniteSetValue.Of(I(1), I(2)), FiniteSetValue.Boolean).ToString());
        Assert.Equal("SUBSET 1..3", new PowerSetValue(new IntervalValue(1, 3)).ToString());
        Assert.Equal("Seq(Nat)", new SeqSetValue(InfiniteBuiltinSet.Nat).ToString());
        Assert.Equal("[a : Int, b : STRING]", new RecordSetValue([new("b", InfiniteBuiltinSet.String), new("a", InfiniteBuiltinSet.Int)]).ToString());
    }

    [Fact]
    public void Values_wider_than_80_columns_break_one_element_per_line()
    {
        var messages = FiniteSetValue.Of(Enumerable.Range(1, 4).Select(b =>
            (Value)FunctionValue.Record(("type", StringValue.Of("1a")), ("bal", I(b)), ("from", StringValue.Of("acceptor")))).ToArray());
        var printed = TlcTracePrinter.FormatValue(messages);
        Assert.Equal(
            "{ [bal |-> 1, from |-> \"acceptor\", type |-> \"1a\"],\n" +
            "  [bal |-> 2, from |-> \"acceptor\", type |-> \"1a\"],\n" +
            "  [bal |-> 3, from |-> \"acceptor\", type |-> \"1a\"],\n" +
            "  [bal |-> 4, from |-> \"acceptor\", type |-> \"1a\"] }", printed);
        var shortValue = FiniteSetValue.Of(I(1), I(2));
        Assert.Equal("{1, 2}", TlcTracePrinter.FormatValue(shortValue));
    }

    [Fact]
    public void Variables_print_in_TLCs_order_for_every_trace_in_the_kit()
    {
        var checkedTraces = 0;
        foreach (var directory in Directory.GetDirectories(SyntaxTestFiles.KitDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            var outputFile = Path.Combine(directory, "tlc-output.txt");
            if (!File.Exists(outputFile)) continue;
            var lines = File.ReadAllLines(outputFile);
            var first = Array.FindIndex(lines, l => l.StartsWith("State 1:", StringComparison.Ordinal));
            if (first < 0) continue;
            var printed = lines.Skip(first + 1).TakeWhile(l => l.Length > 0)
                .Select(l => Regex.Match(l, @"^(?:/\\ )?(\w+) = ").Groups[1].Value).ToArray();
            var declaration = File.ReadAllLines(Path.Combine(directory, name + ".tla"))
                .First(l => Regex.IsMatch(l, @"^VARIABLES? "));
            var declared = Regex.Replace(declaration, @"^VARIABLES?\s+", "").Split(',').Select(v => v.Trim()).ToArray();
            var ordered = TlcVariableOrder.Order(declared).Select(i => declared[i]).ToArray();
            Assert.Equal(printed, ordered);
            checkedTraces++;
        }
        Assert.True(checkedTraces >= 9, $"only {checkedTraces} traces found");
    }

    [Fact]
    public void Java_hashtable_arithmetic()
    {
        Assert.Equal(97536, TlcVariableOrder.JavaHashCode("big"));
        Assert.Equal(-925138779, TlcVariableOrder.JavaHashCode("rounds"));
        Assert.Equal(11, TlcVariableOrder.HashtableCapacity(8));
        Assert.Equal(23, TlcVariableOrder.HashtableCapacity(9));
        Assert.Equal(191, TlcVariableOrder.HashtableCapacity(100));
        Assert.Equal(383, TlcVariableOrder.HashtableCapacity(144));
    }
}
