using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Verification.Protocols.Conformance;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;
using Verification.Tla.Conformance;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Modeling;

/// <summary>
/// A step label's text form is for printing and for foreign traces only, but it must say the same as
/// the label's data: printed, then parsed back, every argument is the value the label carried.
/// </summary>
public sealed class StepLabelTextTests
{
    // Strings that break a naive reader: commas, brackets, the arrows of records and functions, quotes, escapes.
    private static readonly string[] Strings = ["", "req", "a, b", "<<1, 2>>", "[x |-> 1]", "|->", ">>", "{", ")", "say \"hi\"", "back\\slash", "line\nbreak", "n1"];
    private static readonly string[] Names = ["m1", "v2", "None", "x_y", "Leader"];
    private static readonly string[] Fields = ["type", "term", "from", "entries", "a"];

    private static Gen<LabelValue> Scalar => Gen.Frequency(
        (3, Gen.Choose(-5, 40).Select(i => (LabelValue)new LabelValue.Int(i))),
        (1, Gen.Elements(int.MinValue, int.MaxValue).Select(i => (LabelValue)new LabelValue.Int(i))),
        (1, Gen.Elements(true, false).Select(b => (LabelValue)new LabelValue.Bool(b))),
        (2, Gen.Elements(Strings).Select(s => (LabelValue)new LabelValue.Str(s))),
        (1, Gen.Elements(Names).Select(s => (LabelValue)new LabelValue.Name(s))),
        (2, Gen.Choose(0, 4).Select(LabelValue.OfNode)));

    private static Gen<LabelValue> Sized(int size)
    {
        if (size <= 1) return Scalar;
        var child = Gen.Sized(_ => Sized(size / 3));
        var count = Gen.Choose(0, 3);
        return Gen.Frequency(
            (3, Scalar),
            (2, count.SelectMany(n => Gen.ArrayOf(child, n)).Select(xs => (LabelValue)new LabelValue.Seq([.. xs]))),
            (1, count.SelectMany(n => Gen.ArrayOf(child, n)).Select(xs => (LabelValue)new LabelValue.Set([.. xs]))),
            (2, Gen.SubListOf(Fields).Where(f => f.Count > 0).SelectMany(names => Gen.ArrayOf(child, names.Count)
                .Select(values => (LabelValue)new LabelValue.Record([.. names.Select((n, i) => new KeyValuePair<string, LabelValue>(n, values[i]))])))));
    }

    private static Gen<(string Action, LabelValue[] Arguments)> Labels =>
        Gen.Elements("Receive", "HandleVoteRequest", "Phase2a", "Deliver").SelectMany(action =>
            Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Sized(size => Sized(Math.Min(size, 10))), n)).Select(arguments => (action, arguments)));

    [Fact]
    public void A_printed_label_parses_back_to_the_values_it_carried()
    {
        Check(Prop.ForAll(Arb.From(Labels), label =>
        {
            var text = StepLabel.Of(label.Action, [.. label.Arguments]).Format();
            var (name, parsed) = ActionLabel.Parse(text);
            var expected = label.Arguments.Select(a => LabelValues.ToSpec(a, RefinementMapping.NamedNode)!).ToArray();
            return name == label.Action
                   && (label.Arguments.Length == 0 ? parsed is null : parsed is not null && parsed.Select(Canonical).SequenceEqual(expected.Select(Canonical)))
                   && ActionLabel.ParseEach(text, new ModelValueRegistry()).Count == label.Arguments.Length;
        }));
    }

    [Fact]
    public void A_label_argument_that_is_no_value_keeps_the_others_in_their_places()
    {
        var text = StepLabel.Of("Receive", LabelValue.OfNode(2), new VoteRequestLike(2), new LabelValue.Record([new("type", new LabelValue.Str("req")), new("term", new LabelValue.Int(2))])).Format();
        Assert.Equal("Receive(n3, VoteRequest { Term = 2, Log = [a, b] }, [type |-> \"req\", term |-> 2])", text);
        var each = ActionLabel.ParseEach(text, new ModelValueRegistry());
        Assert.Equal(3, each.Count);
        Assert.Equal("n3", each[0]!.ToString());
        Assert.Null(each[1]);
        Assert.Equal("[term |-> 2, type |-> \"req\"]", each[2]!.ToString());
    }

    private sealed record VoteRequestLike(int Term)
    {
        public override string ToString() => $"VoteRequest {{ Term = {Term}, Log = [a, b] }}";
    }

    // Sets order model values by their registry's index: compare values whatever registry made them.
    private static string Canonical(Value value) => value switch
    {
        FiniteSetValue set => "{" + string.Join(", ", set.Elements.ToArray().Select(Canonical).Order(StringComparer.Ordinal)) + "}",
        FunctionValue function => "(" + string.Join(" @@ ", Enumerable.Range(0, function.Count).Select(i => Canonical(function.DomainElements[i]) + " :> " + Canonical(function.Values[i]))) + ")",
        _ => value.ToString()!,
    };

    private static void Check(Property property)
    {
        var config = FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(300)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20_261_207UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }
}
