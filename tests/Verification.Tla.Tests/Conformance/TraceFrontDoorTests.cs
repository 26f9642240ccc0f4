using System.Text;
using Verification.Tla.Conformance;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// The front door of `verify validate`: a label that names no instance of a spec action (unknown
/// name, wrong arity, an argument that is no TLA+ value, an integer where the action takes a node)
/// and an empty trace are errors located in the trace file; a trace of one state validates 0 steps;
/// and no message echoes an input of any length in full.
/// </summary>
public sealed class TraceFrontDoorTests
{
    private const string Spec = """
        ---- MODULE Tiny ----
        EXTENDS Naturals
        CONSTANT Node
        VARIABLE count
        Init == count = [n \in Node |-> 0]
        Inc(n) == count' = [count EXCEPT ![n] = @ + 1]
        Reset(n, k) == /\ k \in 0..2 /\ count' = [count EXCEPT ![n] = k]
        Next == \E n \in Node : Inc(n) \/ \E k \in 0..2 : Reset(n, k)
        ====
        """;

    private const string Config = "CONSTANT Node = {n1, n2}\nINIT Init\nNEXT Next\n";

    private const string Zero = """{"#map": [[{"#unserializable": "n1"}, 0], [{"#unserializable": "n2"}, 0]]}""";
    private const string One = """{"#map": [[{"#unserializable": "n1"}, 1], [{"#unserializable": "n2"}, 0]]}""";

    private static readonly string Folder = CreateFolder();

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"trace-front-door-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Tiny.tla"), Spec);
        File.WriteAllText(Path.Combine(folder, "Tiny.cfg"), Config);
        return folder;
    }

    private static (int Exit, string Output, string Error) Validate(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = global::Verification.Cli.Cli.Run(global::Verification.Cli.VerifyApp.CreateRoot(),
            ["validate", path, "--spec", Path.Combine(Folder, "Tiny.tla"), "-config", Path.Combine(Folder, "Tiny.cfg")], output, error);
        return (exit, output.ToString(), error.ToString().Replace(Folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
    }

    private static string Log(string step) => $"{{\"event\": \"Init\", \"state\": {{\"count\": {Zero}}}}}\n{step}\n";

    private static string Itf(string label) =>
        $$"""{"vars": ["count"], "states": [{"count": {{Zero}}}, {"mbt::actionTaken": "{{label}}", "count": {{One}}}]}""";

    private static string OneError(int exit, string output, string error)
    {
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        return Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("unknown.ndjson", "{\"event\": \"Frobnicate\", \"state\": {\"count\": ONE}}", "error: unknown.ndjson:2:1: the label \"Frobnicate\" names no action of the spec (actions of Next: Inc, Reset)")]
    [InlineData("arity.ndjson", "{\"event\": \"Inc\", \"args\": [1, 2], \"state\": {\"count\": ONE}}", "error: arity.ndjson:2:1: the label \"Inc\" gives 2 arguments but Inc takes 1 (n)")]
    [InlineData("label-arity.ndjson", "{\"event\": \"Inc(n1, n2)\", \"state\": {\"count\": ONE}}", "error: label-arity.ndjson:2:1: the label \"Inc(n1, n2)\" gives 2 arguments but Inc takes 1 (n)")]
    [InlineData("garbage.ndjson", "{\"event\": \"Inc(n1 n2\", \"state\": {\"count\": ONE}}", "error: garbage.ndjson:2:1: the label \"Inc(n1 n2\" is not an action name or Name(argument, ...)")]
    [InlineData("integer.ndjson", "{\"event\": \"Inc\", \"args\": [1], \"state\": {\"count\": ONE}}", "error: integer.ndjson:2: the label gives Inc's parameter n the value 1, an integer, but Next only passes it a model value (such as n1): the label names no instance of Inc")]
    public void A_log_line_whose_label_names_no_instance_of_an_action_is_a_located_error(string name, string step, string expected)
    {
        var (exit, output, error) = Validate(name, Log(step.Replace("ONE", One, StringComparison.Ordinal)));
        Assert.Equal(expected, OneError(exit, output, error));
    }

    [Theory]
    [InlineData("Bogus(n1)", "the label \"Bogus(n1)\" names no action of the spec")]
    [InlineData("Inc(n1, n2)", "the label \"Inc(n1, n2)\" gives 2 arguments but Inc takes 1 (n)")]
    [InlineData("Inc(1)", "the label gives Inc's parameter n the value 1, an integer, but Next only passes it a model value")]
    [InlineData("Inc(", "the label \"Inc(\" is not an action name")]
    public void An_itf_state_whose_label_names_no_instance_of_an_action_is_a_located_error(string label, string expected)
    {
        var (exit, output, error) = Validate("labels.itf.json", Itf(label));
        var line = OneError(exit, output, error);
        Assert.StartsWith("error: labels.itf.json: state 1: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void A_correctly_labelled_step_still_conforms()
    {
        var (exit, output, _) = Validate("good.itf.json", Itf("Inc(n1)"));
        Assert.Equal(0, exit);
        Assert.Contains("conforms (2 states, 1 step validated", output);
    }

    [Theory]
    [InlineData("empty.itf.json", """{"vars": ["count"], "states": []}""", "error: empty.itf.json: the trace has no states: there is nothing to validate")]
    [InlineData("empty.ndjson", "\n\n", "error: empty.ndjson:1:1: the log is empty")]
    public void An_empty_trace_is_an_error_not_a_conforming_trace(string name, string content, string expected)
    {
        var (exit, output, error) = Validate(name, content);
        Assert.Equal(expected, OneError(exit, output, error));
    }

    [Fact]
    public void A_trace_of_one_state_validates_no_step()
    {
        var (exit, output, _) = Validate("one.itf.json", $$"""{"vars": ["count"], "states": [{"count": {{Zero}}}]}""");
        Assert.Equal(0, exit);
        Assert.Contains("conforms (1 state, 0 steps validated", output);
        var (logExit, logOutput, _) = Validate("one.ndjson", Log("").TrimEnd() + "\n");
        Assert.Equal(0, logExit);
        Assert.Contains("conforms (1 state, 0 steps validated", logOutput);
    }

    [Theory]
    [InlineData("big.ndjson")]
    [InlineData("big-bigint.ndjson")]
    [InlineData("big.itf.json")]
    [InlineData("big-label.itf.json")]
    [InlineData("big-name.ndjson")]
    public void A_huge_input_value_is_truncated_in_the_error_line(string name)
    {
        var digits = new string('7', 100_000);
        var content = name switch
        {
            "big.ndjson" => Log($"{{\"event\": \"Inc\", \"args\": [{digits}], \"state\": {{\"count\": {One}}}}}"),
            "big-bigint.ndjson" => Log($"{{\"event\": \"Inc\", \"args\": [{{\"#bigint\": \"{digits}\"}}], \"state\": {{\"count\": {One}}}}}"),
            "big.itf.json" => "{\"vars\": [\"count\"], \"states\": [{\"count\": {\"#bigint\": \"" + digits + "\"}}]}",
            "big-label.itf.json" => Itf($"Inc({digits})"),
            _ => Log($"{{\"event\": \"{new string('X', 100_000)}\", \"state\": {{\"count\": {One}}}}}"),
        };
        var (exit, output, error) = Validate(name, content);
        var line = OneError(exit, output, error);
        Assert.True(line.Length < 400, $"{line.Length} characters: {Messages.Truncate(line)}");
        Assert.Contains("(100,0", line);
    }

    [Fact]
    public void Truncation_keeps_short_text_and_bounds_long_text()
    {
        Assert.Equal("n1", Messages.Truncate("n1"));
        var cut = Messages.Truncate(new string('9', 100_000));
        Assert.True(cut.Length <= Messages.MaxQuoted + 40, cut);
        Assert.Contains("...(100,000 characters)...", cut);
        Assert.Equal("a\\nb", Messages.Quote("a\nb"));
        var builder = new StringBuilder();
        for (var i = 0; i < 10_000; i++) builder.Append("line\n");
        Assert.DoesNotContain('\n', Messages.Quote(builder.ToString()));
    }
}
