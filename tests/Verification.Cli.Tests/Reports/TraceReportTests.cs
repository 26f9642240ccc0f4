using Verification.Cli.Reports;
using Verification.Tla.Values;

namespace Verification.Cli.Tests.Reports;

/// <summary>Reports of TLA+ behaviours, without a browser.</summary>
public class TraceReportTests
{
    [Fact]
    public void An_invariant_counterexample_lists_the_states_in_order_with_the_changes_of_each()
    {
        var data = ReportRuns.Data(File.ReadAllText(TraceReportRuns.Invariant));
        Assert.Equal("trace", data.GetProperty("kind").GetString());
        var steps = data.GetProperty("steps");
        // TLC 2.19's counterexample for the kit entry (tlc-output.txt) has 7 states.
        Assert.Equal(7, steps.GetArrayLength());
        Assert.Equal(steps.GetArrayLength() - 1, data.GetProperty("verdict").GetProperty("step").GetInt32());
        Assert.Contains("Invariant", data.GetProperty("verdict").GetProperty("message").GetString());
        Assert.True(JsonNull(data, "loop"));
        for (var i = 1; i < steps.GetArrayLength(); i++) Assert.NotEmpty(steps[i].GetProperty("changed").EnumerateObject());
    }

    [Fact]
    public void A_liveness_counterexample_marks_the_lassos_loop()
    {
        var data = ReportRuns.Data(File.ReadAllText(TraceReportRuns.Lasso));
        var loop = data.GetProperty("loop").GetInt32();
        Assert.InRange(loop, 0, data.GetProperty("steps").GetArrayLength() - 1);
        Assert.Contains("Temporal property", data.GetProperty("verdict").GetProperty("message").GetString());
    }

    [Fact]
    public void Check_without_a_counterexample_says_no_report_was_written()
    {
        Directory.CreateDirectory(ReportRuns.Folder);
        var path = Path.Combine(ReportRuns.Folder, "no-counterexample.html");
        var (exit, output, _) = TraceReportRuns.Verify("check", TraceReportRuns.Kit("Trivial"), "-dumpTrace", "html", path);
        Assert.Equal(0, exit);
        Assert.Contains("html report: not written", output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_dump_format_other_than_itf_or_html_is_one_clear_error()
    {
        var (exit, _, error) = TraceReportRuns.Verify("check", TraceReportRuns.Kit("Trivial"), "-dumpTrace", "svg", "x.svg");
        Assert.Equal(1, exit);
        Assert.Contains("-dumpTrace itf FILE or -dumpTrace html FILE", error);
    }

    [Fact]
    public void Unobserved_variables_of_a_partial_trace_say_so()
    {
        var model = TraceReports.Build(["x", "y"],
            [new("init", null, [IntValue.Of(1), null]), new("Inc", "Inc", [IntValue.Of(2), null])], "t", [], null);
        Assert.Equal("(not observed)", model.Steps[0].Changed!["y"]);
        Assert.Equal(["x"], model.Steps[1].Changed!.Keys);
    }

    private static bool JsonNull(System.Text.Json.JsonElement data, string name) =>
        !data.TryGetProperty(name, out var v) || v.ValueKind == System.Text.Json.JsonValueKind.Null;
}
