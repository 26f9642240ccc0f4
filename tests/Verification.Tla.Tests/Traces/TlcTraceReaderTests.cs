using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Tests.Syntax;
using Verification.Tla.Tests.Values;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Traces;

public class TlcTraceReaderTests
{
    [Fact]
    public void Every_trace_in_the_kit_reads_and_prints_back_exactly_as_TLC_printed_it()
    {
        var traces = 0;
        foreach (var directory in Directory.GetDirectories(SyntaxTestFiles.KitDirectory).Order(StringComparer.Ordinal))
        {
            var outputFile = Path.Combine(directory, "tlc-output.txt");
            if (!File.Exists(outputFile)) continue;
            var output = File.ReadAllText(outputFile);
            var states = TlcTraceReader.ParseTrace(output, outputFile);
            if (states.Count == 0) continue;

            var start = output.IndexOf("State 1:", StringComparison.Ordinal);
            var lastHeader = output.LastIndexOf("\nState ", StringComparison.Ordinal) + 1;
            var end = states[^1].Header == "Stuttering"
                ? output.IndexOf('\n', lastHeader) + 1
                : output.IndexOf("\n\n", lastHeader, StringComparison.Ordinal) + 2;
            var variables = states[0].Variables.Select(v => v.Key).ToArray();
            var printed = TlcTracePrinter.FormatTrace(variables, states.Select(s =>
                ($"State {s.Number}: {s.Header}", (IReadOnlyList<Value>)s.Variables.Select(v => v.Value).ToArray())));
            Assert.Equal(output[start..end], printed);
            Assert.Equal(Enumerable.Range(1, states.Count), states.Select(s => s.Number));
            traces++;
        }
        Assert.True(traces >= 12, $"only {traces} traces in the kit");
    }

    [Fact]
    public void Printed_values_read_back_equal() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(ValueGenerators.AnyValue), v =>
        {
            var registry = new ModelValueRegistry();
            foreach (var m in ValueGenerators.ModelValues) registry.Get(m.Name);
            var text = TlcTracePrinter.FormatValue(Enumerated(v));
            var back = TlcTraceReader.ParseValue(text, registry);
            return back.Equals(v) && TlcTracePrinter.FormatValue(back) == text;
        }), maxTest: 300);

    /// <summary>The value with every lazily represented finite set (but intervals) enumerated, deeply.</summary>
    private static Value Enumerated(Value v) => v switch
    {
        IntervalValue => v,
        SetValue { IsFinite: true } set => FiniteSetValue.Of(set.Enumerate().Select(Enumerated).ToArray()),
        FunctionValue or LazyFunctionValue => FunctionValue.FromPairs(Enumerable.Range(0, FunctionValue.AsFinite(v).Count)
            .Select(i => new KeyValuePair<Value, Value>(Enumerated(FunctionValue.AsFinite(v).DomainElements[i]), Enumerated(FunctionValue.AsFinite(v).Values[i])))),
        _ => v,
    };

    [Fact]
    public void Wrapped_values_read_back()
    {
        var wide = FiniteSetValue.Of(Enumerable.Range(1, 6).Select(b =>
            (Value)FunctionValue.Record(("type", StringValue.Of("2a")), ("bal", IntValue.Of(b)), ("val", IntValue.Of(b % 2)))).ToArray());
        var trace = TlcTracePrinter.FormatTrace(["msgs", "x"], [("State 1: <Initial predicate>", [wide, IntValue.Of(3)])]);
        Assert.Contains("\n  [bal |-> 2", trace);
        var states = TlcTraceReader.ParseTrace(trace);
        Assert.Equal<Value>(wide, states.Single().Variables[0].Value);
        Assert.Equal<Value>(IntValue.Of(3), states.Single().Variables[1].Value);
    }

    [Theory]
    [InlineData("{1, 2", "<trace>:1:6: expected ','")]
    [InlineData("[a |-> 1, a |-> 2]", "<trace>:1:11: the field a appears twice")]
    [InlineData("<<1, \"ab>>", "<trace>:1:11: unterminated string")]
    [InlineData("(1 :> 2 @@ 1 :> 3)", "<trace>:1:12: the argument 1 appears twice")]
    [InlineData("99999999999", "<trace>:1:1: '99999999999' is not an integer in TLC's range")]
    [InlineData("{1} x", "<trace>:1:5: unexpected text after the value")]
    public void Unreadable_values_name_the_position(string text, string expected)
    {
        var error = Assert.Throws<TlcTraceFormatException>(() => TlcTraceReader.ParseValue(text));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Deeply_nested_input_is_rejected_instead_of_overflowing_the_stack()
    {
        var error = Assert.Throws<TlcTraceFormatException>(() => TlcTraceReader.ParseValue(new string('{', 100_000)));
        Assert.Equal("<trace>:1:513: the value is nested more than 512 levels deep", error.Message);
    }

    [Fact]
    public void An_unreadable_trace_line_names_its_place_in_the_file()
    {
        var error = Assert.Throws<TlcTraceFormatException>(() =>
            TlcTraceReader.ParseTrace("Error: ...\nState 1: <Initial predicate>\n/\\ x = 1\n/\\ y = {2,\n", "out.txt"));
        Assert.Equal("out.txt:4:11: expected a value", error.Message);
    }
}
