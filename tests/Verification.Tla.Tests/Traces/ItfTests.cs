using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Tests.Values;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Traces;

public class ItfTests
{
    private static ModelValueRegistry TestModelValues()
    {
        var registry = new ModelValueRegistry();
        foreach (var m in ValueGenerators.ModelValues) registry.Get(m.Name);
        return registry;
    }

    [Fact]
    public void Values_round_trip_through_ITF() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(ValueGenerators.AnyValue), v =>
        {
            var json = ItfWriter.WriteValue(v);
            var back = ItfReader.ReadValue(json, TestModelValues());
            return back.Equals(v) && back.Fingerprint == v.Fingerprint && ItfWriter.WriteValue(back) == json;
        }), maxTest: 500);

    [Fact]
    public void Traces_round_trip_with_labels_and_loop() =>
        ValueGenerators.Check(Prop.ForAll(Arb.From(Gen.ArrayOf(ValueGenerators.AnyValue, 3).NonEmptyListOf()), rows =>
        {
            var states = rows.Select(r => (IReadOnlyList<Value>)r).ToArray();
            var labels = rows.Select((_, i) => i == 0 ? null : $"Step{i}").ToArray();
            var trace = ItfTrace.FromStates(["x", "y", "z"], states, labels, loop: rows.Count - 1, source: "Spec.tla");
            var text = ItfWriter.Write(trace);
            var back = ItfReader.Read(text, "t.itf.json", TestModelValues());
            return back.Variables.SequenceEqual(["x", "y", "z"])
                && back.Loop == rows.Count - 1
                && back.States.Count == rows.Count
                && back.States.Select((s, i) => s.Values.SequenceEqual(states[i]) && s.ActionTaken == labels[i]).All(ok => ok)
                && ItfWriter.Write(back) == text;
        }), maxTest: 100);

    [Fact]
    public void The_encoding_follows_ADR_015()
    {
        var value = FunctionValue.Record(
            ("n", IntValue.Of(-12)),
            ("seq", FunctionValue.Tuple(IntValue.Of(1), StringValue.Of("a"))),
            ("set", FiniteSetValue.Of(BoolValue.True)),
            ("map", ValueOps.SingletonFunction(StringValue.Of("k"), IntValue.Of(0))),
            ("fn", ValueOps.SingletonFunction(IntValue.Of(7), IntValue.Of(0))),
            ("who", ValueGenerators.ModelValues[0]),
            ("nat", InfiniteBuiltinSet.Nat));
        Assert.Equal(
            "{\"fn\":{\"#map\":[[{\"#bigint\":\"7\"},{\"#bigint\":\"0\"}]]},\"map\":{\"k\":{\"#bigint\":\"0\"}},\"n\":{\"#bigint\":\"-12\"}," +
            "\"nat\":{\"#unserializable\":\"Nat\"},\"seq\":[{\"#bigint\":\"1\"},\"a\"],\"set\":{\"#set\":[true]},\"who\":{\"#unserializable\":\"m1\"}}",
            ItfWriter.WriteValue(value));
        Assert.Equal(FunctionValue.Tuple(IntValue.Of(1), IntValue.Of(2)), ItfReader.ReadValue("{\"#tup\": [1, {\"#bigint\": \"2\"}]}"));
        Assert.Equal(FunctionValue.Record(("#x", IntValue.Of(1))), ItfReader.ReadValue(ItfWriter.WriteValue(FunctionValue.Record(("#x", IntValue.Of(1))))));
    }

    [Fact]
    public void A_trace_file_written_by_the_writer_looks_like_ITF()
    {
        var trace = ItfTrace.FromStates(["x"], [[IntValue.Of(0)], [IntValue.Of(1)]], [null, "Inc"], source: "Counter.tla");
        var text = ItfWriter.Write(trace);
        Assert.Contains("\"vars\": [\n    \"x\"\n  ]", text);
        Assert.Contains("\"#meta\": {\n        \"index\": 1\n      },\n      \"mbt::actionTaken\": \"Inc\",\n      \"x\": {\n        \"#bigint\": \"1\"", text);
        Assert.Contains("\"source\": \"Counter.tla\"", text);
        Assert.DoesNotContain("\"loop\"", text);
    }

    [Fact]
    public void Extra_keys_that_are_not_ITF_values_are_kept_as_JSON()
    {
        const string text = """
            {"vars": ["x"], "states": [{"#meta": {"index": 0}, "x": true, "mbt::nondetPicks": {"v": {"tag": "None", "value": {}}}}]}
            """;
        var trace = ItfReader.Read(text);
        Assert.Empty(trace.States[0].Extra);
        Assert.Equal("{\"v\":{\"tag\":\"None\",\"value\":{}}}", trace.States[0].UndecodedExtra["mbt::nondetPicks"]!.ToJsonString());
        Assert.Contains("\"mbt::nondetPicks\": {", ItfWriter.Write(trace));
    }

    [Theory]
    [InlineData("{\"vars\": [\"x\"], \"states\": [\n  {\"x\": {\"#bigint\": \"12a\"}}]}", "t.json:2:21: $.states[0].x.#bigint: \"12a\" is not an integer")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [\n  {\"y\": 1}]}", "t.json:2:3: $.states[0]: the state has no value for the variable \"x\"")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#bigint\": \"3000000000\"}}]}", "t.json:1:46: $.states[0].x.#bigint: the integer 3000000000 is outside TLC's range -2147483648..2147483647")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#set\": [1, null]}}]}", "t.json:1:47: $.states[0].x.#set[1]: null is not an ITF value")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#unserializable\": \"p9\"}}]}", "t.json:1:54: $.states[0].x.#unserializable: cannot read the unserializable value \"p9\" (no model values were given to resolve it)")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#blob\": 1}}]}", "t.json:1:34: $.states[0].x: unknown ITF tag \"#blob\" (expected #bigint, #tup, #set, #map or #unserializable)")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [], \"loop\": 0}", "t.json:1:39: $.loop: expected the index of a state (0..-1)")]
    [InlineData("{\"vars\": \"x\", \"states\": []}", "t.json:1:10: $.vars: expected an array of names, found the string \"x\"")]
    [InlineData("{\"states\": []}", "t.json:1:1: $: missing \"vars\"")]
    [InlineData("[1]", "t.json:1:1: $: expected a JSON object with \"vars\" and \"states\", found an array")]
    [InlineData("{\"vars\": [\"x\"], \"states\": [{\"x\": {\"#map\": [[1, 2], [1, 3]]}}]}", "t.json:1:52: $.states[0].x.#map[1]: the key 1 appears twice")]
    public void Reader_errors_name_the_position_and_the_JSON_path(string json, string expected)
    {
        var error = Assert.Throws<ItfFormatException>(() => ItfReader.Read(json, "t.json"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Mutated_trace_files_only_ever_fail_with_a_located_format_error()
    {
        var rows = Gen.Sample(Gen.ArrayOf(ValueGenerators.AnyValue, 2), 8, new Rnd(11UL, 0x9E3779B97F4A7C15UL), 6);
        var trace = ItfTrace.FromStates(["x", "y"], rows.Select(r => (IReadOnlyList<Value>)r), rows.Select((_, i) => $"A{i}"), loop: 1);
        var original = System.Text.Encoding.UTF8.GetBytes(ItfWriter.Write(trace));
        var random = new Random(5);
        byte[] alphabet = "{}[],:\"0123456789-#abcdefghijklmnopqrstuvwxyz \n\\.eE"u8.ToArray();
        int failures = 0, successes = 0;
        for (var round = 0; round < 1500; round++)
        {
            var bytes = (byte[])original.Clone();
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(bytes.Length);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        bytes = bytes[..at].Concat(bytes[(at + 1)..]).ToArray();
                        break;
                    default:
                        bytes = bytes[..at].Append(alphabet[random.Next(alphabet.Length)]).Concat(bytes[at..]).ToArray();
                        break;
                }
            }
            try
            {
                ItfReader.Read(bytes, "fuzz.json", TestModelValues());
                successes++;
            }
            catch (ItfFormatException error)
            {
                Assert.Matches(@"^fuzz\.json:\d+:\d+: \$", error.Message);
                failures++;
            }
        }
        Assert.True(failures > 500 && successes > 10, $"{failures} rejected, {successes} accepted");
    }

    [Fact]
    public void Invalid_JSON_is_reported_with_its_position()
    {
        var error = Assert.Throws<ItfFormatException>(() => ItfReader.Read("{\"vars\": [\"x\"],\n  \"states\": [}", "bad.json"));
        Assert.StartsWith("bad.json:2:", error.Message);
        Assert.Contains("invalid JSON", error.Message);
        Assert.Throws<ItfFormatException>(() => ItfReader.Read("", "empty.json"));
        var deep = "{\"vars\": [\"x\"], \"states\": [{\"x\": " + new string('[', 5000) + new string(']', 5000) + "}]}";
        Assert.Contains("invalid JSON", Assert.Throws<ItfFormatException>(() => ItfReader.Read(deep, "deep.json")).Message);
    }
}
