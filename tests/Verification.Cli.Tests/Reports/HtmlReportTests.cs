using System.Text.Json;
using Verification.Cli.Reports;

namespace Verification.Cli.Tests.Reports;

/// <summary>The HTML writer, without a browser: structure, embedded data, escaping, size.</summary>
public class HtmlReportTests
{
    private static ReportModel Model(int steps, string value = "1", string label = "Step") => new()
    {
        Kind = "run",
        Title = "a <b>run</b>",
        Lanes = ["n1", "n2", "n3"],
        Steps = [.. Enumerable.Range(0, steps + 1).Select(i => new ReportStep(i == 0 ? -1 : i % 3, i == 0 ? "init" : "deliver", i == 0 ? "init" : $"{label}({i})", label)
        {
            Changed = new Dictionary<string, string> { ["x"] = i == 0 ? value : $"{i}", ["log"] = $"<<{i}>>" },
        })],
        Messages = [.. Enumerable.Range(1, Math.Max(0, steps - 1)).Select(i => new ReportMessage(i % 3, (i + 1) % 3, i, i + 1, "delivered", false, $"Ping({i})"))],
        Verdict = new ReportVerdict("Mon", "went wrong", steps),
    };

    [Fact]
    public void The_page_embeds_the_model_as_json_with_its_steps_messages_and_lanes()
    {
        var html = HtmlReport.Render(Model(20));
        var data = ReportRuns.Data(html);
        Assert.Equal(21, data.GetProperty("steps").GetArrayLength());
        Assert.Equal(19, data.GetProperty("messages").GetArrayLength());
        Assert.Equal(["n1", "n2", "n3"], data.GetProperty("lanes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, data.GetProperty("verdict").GetProperty("step").GetInt32());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"diagram\"", html);
    }

    [Fact]
    public void A_value_that_closes_the_script_element_stays_inside_the_data()
    {
        const string evil = "</script><script>alert(1)</script><!-- \u2028 \"quoted\" & more";
        var plain = HtmlReport.Render(Model(3));
        var html = HtmlReport.Render(Model(3, evil, evil));
        // Only the template's own script elements end: the data's text cannot close one.
        Assert.Equal(Count(plain, "</script"), Count(html, "</script"));
        Assert.Equal(Count(plain, "<script"), Count(html, "<script"));
        var data = ReportRuns.Data(html);
        Assert.Equal(evil, data.GetProperty("steps")[0].GetProperty("changed").GetProperty("x").GetString());
        Assert.Equal($"{evil}(1)", data.GetProperty("steps")[1].GetProperty("label").GetString());
    }

    [Fact]
    public void The_title_is_html_escaped_and_the_page_loads_nothing_from_the_network()
    {
        var html = HtmlReport.Render(Model(2));
        Assert.Contains("<title>a &lt;b&gt;run&lt;/b&gt;</title>", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain(" src=", html);
        Assert.DoesNotContain("https://", html);
        // The one http URL is SVG's namespace name, which a browser never fetches.
        Assert.Equal(Count(html, "http://www.w3.org/2000/svg"), Count(html, "http://"));
    }

    [Fact]
    public void A_ten_thousand_step_run_stays_under_a_few_megabytes()
    {
        var html = HtmlReport.Render(Model(10_000, label: "HandleAppendEntriesResponse"));
        Assert.True(html.Length < 4_000_000, $"{html.Length:N0} characters");
        Assert.Equal(10_001, ReportRuns.Data(html).GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void A_long_real_run_stays_a_few_megabytes()
    {
        Directory.CreateDirectory(ReportRuns.Folder);
        var path = Path.Combine(ReportRuns.Folder, "raft-long.html");
        // One fair schedule of 10 x 1,000 steps: Raft's timers keep it going to the bound.
        var (exit, output, error) = ReportRuns.Verify("test", "Raft", "--iterations", "1", "--max-steps", "1000", "--seed", "1", "--html", path);
        Assert.True(exit == 0, error + output);
        var steps = ReportRuns.Data(File.ReadAllText(path)).GetProperty("steps").GetArrayLength();
        Assert.True(steps > 5_000, $"{steps} steps");
        var size = new FileInfo(path).Length;
        Assert.True(size < 6_000_000, $"{size:N0} bytes for {steps:N0} steps");
    }

    [Fact]
    public void A_raft_bug_report_has_a_lane_per_node_every_message_of_the_run_and_the_verdict_at_its_step()
    {
        var data = ReportRuns.Data(File.ReadAllText(ReportRuns.RaftBug));
        Assert.Equal(["n1", "n2", "n3"], data.GetProperty("lanes").EnumerateArray().Select(e => e.GetString()));
        var steps = data.GetProperty("steps");
        var verdict = data.GetProperty("verdict");
        Assert.Equal("LeaderCompletenessMonitor", verdict.GetProperty("title").GetString());
        Assert.Equal(steps.GetArrayLength() - 1, verdict.GetProperty("step").GetInt32());
        Assert.Equal("init", steps[0].GetProperty("kind").GetString());
        Assert.Contains("currentTerm", steps[0].GetProperty("changed").EnumerateObject().Select(p => p.Name));
        var messages = data.GetProperty("messages").EnumerateArray().ToList();
        Assert.NotEmpty(messages);
        foreach (var m in messages)
        {
            var status = m.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "delivered", "dropped", "lost", "inflight" });
            if (status == "inflight") continue;
            var ended = m.GetProperty("ended").GetInt32();
            Assert.True(m.GetProperty("sent").GetInt32() < ended);
            if (status == "delivered")
            {
                // A delivery happens on the receiver's lane, at a step the engine labelled as one.
                Assert.Equal(m.GetProperty("to").GetInt32(), steps[ended].GetProperty("lane").GetInt32());
                Assert.Equal("deliver", steps[ended].GetProperty("kind").GetString());
            }
        }
        Assert.Equal(steps.EnumerateArray().Count(s => s.GetProperty("kind").GetString() == "deliver"), messages.Count(m => m.GetProperty("status").GetString() == "delivered"));
        Assert.Equal(steps.EnumerateArray().Count(s => s.GetProperty("kind").GetString() == "drop"), messages.Count(m => m.GetProperty("status").GetString() == "dropped"));
    }

    [Fact]
    public void The_step_a_monitor_fails_on_is_drawn_whole_even_when_it_fails_before_the_steps_last_event()
    {
        var data = ReportRuns.Data(File.ReadAllText(ReportRuns.DuplicateDelivery));
        var steps = data.GetProperty("steps");
        var failing = data.GetProperty("verdict").GetProperty("step").GetInt32();
        Assert.Equal("NoDuplication", data.GetProperty("verdict").GetProperty("title").GetString());
        Assert.Equal("deliver", steps[failing].GetProperty("kind").GetString());
        Assert.DoesNotContain(steps.EnumerateArray().Skip(1), s => s.GetProperty("kind").GetString() == "unknown");
        var messages = data.GetProperty("messages").EnumerateArray().ToList();
        // The duplicate's copy exists, and the failing step delivered one of the two.
        Assert.Contains(messages, m => m.GetProperty("duplicate").GetBoolean());
        Assert.Contains(messages, m => m.GetProperty("status").GetString() == "delivered" && m.GetProperty("ended").GetInt32() == failing);
    }

    [Fact]
    public void A_linearizability_failure_marks_the_longest_linearizable_prefix_and_the_operation_that_cannot_follow()
    {
        var data = ReportRuns.Data(File.ReadAllText(ReportRuns.Linearizability));
        Assert.Equal("LinearizabilityMonitor", data.GetProperty("verdict").GetProperty("title").GetString());
        var ops = data.GetProperty("operations").EnumerateArray().ToList();
        Assert.NotEmpty(ops);
        var order = ops.Where(o => o.GetProperty("linearized").ValueKind == JsonValueKind.Number).Select(o => o.GetProperty("linearized").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, order.Count), order);
        Assert.NotEmpty(order);
        var stuck = Assert.Single(ops, o => o.GetProperty("stuck").GetBoolean());
        // The operation that cannot be placed is the read the monitor failed on.
        Assert.Equal(data.GetProperty("verdict").GetProperty("step").GetInt32(), stuck.GetProperty("return").GetInt32());
    }

    [Fact]
    public void Replaying_the_reported_schedule_writes_the_same_run()
    {
        var html = File.ReadAllText(ReportRuns.RaftBug);
        var data = ReportRuns.Data(html);
        var replayCommand = data.GetProperty("subtitle")[1].GetString()!;
        var schedule = replayCommand[(replayCommand.IndexOf("verify replay ", StringComparison.Ordinal) + "verify replay ".Length)..];
        var path = Path.Combine(ReportRuns.Folder, "raft-replayed.html");
        var (exit, output, error) = ReportRuns.Verify("replay", schedule, "--html", path);
        Assert.True(exit == 2, error + output);
        var replayed = ReportRuns.Data(File.ReadAllText(path));
        Assert.Equal(data.GetProperty("steps").GetRawText(), replayed.GetProperty("steps").GetRawText());
        Assert.Equal(data.GetProperty("messages").GetRawText(), replayed.GetProperty("messages").GetRawText());
    }

    [Fact]
    public void A_run_without_a_bug_reports_the_first_explored_schedule()
    {
        var data = ReportRuns.Data(File.ReadAllText(ReportRuns.FifoCorrect));
        Assert.False(data.GetProperty("verdict").GetProperty("failed").GetBoolean());
        Assert.True(data.GetProperty("steps").GetArrayLength() > 1);
        Assert.Contains(data.GetProperty("messages").EnumerateArray(), m => m.GetProperty("status").GetString() == "delivered");
    }

    [Fact]
    public void A_conformance_rejection_carries_the_diagnosis()
    {
        var verdict = ReportRuns.Data(File.ReadAllText(ReportRuns.PaxosConformance)).GetProperty("verdict");
        Assert.Equal("conformance", verdict.GetProperty("title").GetString());
        Assert.Contains("Failed conjunct", verdict.GetProperty("message").GetString());
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
