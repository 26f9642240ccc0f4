using System.Text.Json;
using PuppeteerSharp;
using PuppeteerSharp.Input;

namespace Verification.Cli.Tests.Reports;

/// <summary>Generated reports opened in headless Chromium: they render without script errors, draw the run, and react to selection.</summary>
public class ReportBrowserTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private static async Task WithPage(string report, Func<IPage, JsonElement, Task> check, string screenshot)
    {
        var data = ReportRuns.Data(await File.ReadAllTextAsync(report));
        var errors = new List<string>();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(report, errors);
        try
        {
            await check(page, data);
        }
        finally
        {
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(Path.Combine(Screenshots, screenshot)).WaitAsync(Browser.Timeout);
            await page.CloseAsync();
        }
        Assert.Empty(errors);
    }

    private static async Task<int> Count(IPage page, string selector) =>
        await page.EvaluateFunctionAsync<int>("s => document.querySelectorAll(s).length", selector).WaitAsync(Browser.Timeout);

    private static int Delivered(JsonElement data) =>
        data.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "delivered");

    /// <summary>Clicks step <paramref name="step"/>'s row and returns the variables the panel highlights.</summary>
    private static async Task<string[]> SelectAndReadChanged(IPage page, int step)
    {
        await page.ClickAsync($"#spacetime .row[data-step=\"{step}\"] .step-label").WaitAsync(Browser.Timeout);
        return await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#state tr.changed td.var')].map(td => td.textContent)").WaitAsync(Browser.Timeout);
    }

    [BrowserFact]
    public Task A_raft_bug_report_draws_a_lane_per_node_and_an_arrow_per_delivered_message() => WithPage(ReportRuns.RaftBug, async (page, data) =>
    {
        Assert.Equal(data.GetProperty("lanes").GetArrayLength(), await Count(page, "#spacetime text.lane-head"));
        Assert.Equal(3, await Count(page, "#spacetime text.lane-head"));
        Assert.Equal(Delivered(data), await Count(page, "#spacetime line.msg.delivered"));
        Assert.Equal(data.GetProperty("messages").GetArrayLength(), await Count(page, "#spacetime .msg"));
        // The verdict's step is selected on open, with the monitor's message beside it.
        var verdictStep = data.GetProperty("verdict").GetProperty("step").GetInt32();
        Assert.Equal(verdictStep, await page.EvaluateExpressionAsync<int>("window.report.selected()"));
        Assert.Contains("LeaderCompletenessMonitor", await page.EvaluateExpressionAsync<string>("document.getElementById('selected-verdict').textContent"));

        // Selecting a step shows exactly the variables that step changed.
        var steps = data.GetProperty("steps");
        var chosen = Enumerable.Range(1, steps.GetArrayLength() - 1).First(i =>
            steps[i].TryGetProperty("changed", out var c) && c.EnumerateObject().Any() && !steps[i].TryGetProperty("problem", out _));
        var expected = steps[chosen].GetProperty("changed").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, (await SelectAndReadChanged(page, chosen)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(chosen, await page.EvaluateExpressionAsync<int>("window.report.selected()"));

        // The keyboard walks the run.
        await page.Keyboard.PressAsync(Key.ArrowDown);
        Assert.Equal(chosen + 1, await page.EvaluateExpressionAsync<int>("window.report.selected()"));
        await page.Keyboard.PressAsync(Key.ArrowUp);
        await page.Keyboard.PressAsync(Key.ArrowUp);
        Assert.Equal(chosen - 1, await page.EvaluateExpressionAsync<int>("window.report.selected()"));
        await page.Keyboard.PressAsync(Key.End);
    }, "raft-commit-old-term.png");

    [BrowserFact]
    public Task A_conformance_rejection_shows_the_diagnosis_at_its_step() => WithPage(ReportRuns.PaxosConformance, async (page, data) =>
    {
        Assert.Equal(3, await Count(page, "#spacetime text.lane-head"));
        Assert.Equal(Delivered(data), await Count(page, "#spacetime line.msg.delivered"));
        var diagnosis = await page.EvaluateExpressionAsync<string>("document.getElementById('selected-verdict').textContent");
        Assert.Contains("Failed conjunct", diagnosis);
        Assert.Contains("Crash", await page.EvaluateExpressionAsync<string>("document.getElementById('step-title').textContent"));
    }, "paxos-conformance.png");

    [BrowserFact]
    public Task A_duplicated_message_is_drawn_as_a_copy() => WithPage(ReportRuns.DuplicateDelivery, async (page, data) =>
    {
        Assert.Equal(Delivered(data), await Count(page, "#spacetime line.msg.delivered"));
        Assert.Equal(data.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("duplicate").GetBoolean()), await Count(page, "#spacetime .msg.duplicate"));
    }, "best-effort-deliver-duplicates.png");

    [BrowserFact]
    public Task A_kv_history_shows_a_bar_per_client_operation() => WithPage(ReportRuns.Linearizability, async (page, data) =>
    {
        Assert.Equal(data.GetProperty("operations").GetArrayLength(), await Count(page, "#ops .op"));
        Assert.Equal(1, await Count(page, "#ops .op.stuck"));
        // The failing read is answered at the selected (failing) step: its row is active.
        Assert.Equal(1, await Count(page, "#ops .op.stuck.active"));
    }, "raftkv-linearizability.png");

    [BrowserFact]
    public Task A_correct_run_renders_with_every_delivered_message() => WithPage(ReportRuns.FifoCorrect, async (page, data) =>
    {
        Assert.Equal(data.GetProperty("lanes").GetArrayLength(), await Count(page, "#spacetime text.lane-head"));
        Assert.Equal(Delivered(data), await Count(page, "#spacetime line.msg.delivered"));
        Assert.Contains("no bug found", await page.EvaluateExpressionAsync<string>("document.getElementById('verdict').textContent"));
    }, "fifo-broadcast.png");
}

/// <summary>TLA+ behaviours in the browser.</summary>
public class TraceReportBrowserTests
{
    [BrowserFact]
    public async Task A_lasso_draws_its_loop_and_selecting_a_state_shows_its_changes()
    {
        var report = TraceReportRuns.Lasso;
        var data = ReportRuns.Data(await File.ReadAllTextAsync(report));
        var errors = new List<string>();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(report, errors);
        try
        {
            Assert.Equal(1, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#loop-arrow').length"));
            Assert.Equal(data.GetProperty("steps").GetArrayLength(), await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#spacetime circle.dot').length"));
            await page.ClickAsync("#spacetime .row[data-step=\"1\"] .step-label");
            var expected = data.GetProperty("steps")[1].GetProperty("changed").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            var shown = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#state tr.changed td.var')].map(td => td.textContent)");
            Assert.Equal(expected, shown.Order(StringComparer.Ordinal).ToArray());
        }
        finally
        {
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            await page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "lasso.png")).WaitAsync(Browser.Timeout);
            await page.CloseAsync();
        }
        Assert.Empty(errors);
    }
}

/// <summary>The browser harness itself: the error watch the report tests rely on does see a failing script.</summary>
public class BrowserHarnessTests
{
    [BrowserFact]
    public async Task A_script_error_on_the_page_is_reported()
    {
        Directory.CreateDirectory(ReportRuns.Folder);
        var path = Path.Combine(ReportRuns.Folder, "broken.html");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><body><script>throw new Error('boom');</script></body></html>");
        var errors = new List<string>();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(path, errors);
        await page.CloseAsync();
        Assert.Contains(errors, e => e.Contains("boom", StringComparison.Ordinal));
    }
}
