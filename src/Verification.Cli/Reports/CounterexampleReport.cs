using Verification.Tla.Checking;
using Verification.Tla.Traces;

namespace Verification.Cli.Reports;

/// <summary>`verify check -dumpTrace html FILE`: the counterexample the checker wrote as ITF, drawn as a page.</summary>
public static class CounterexampleReport
{
    public static void Write(TextWriter output, CheckResult result, string specPath, string itfPath, string htmlPath)
    {
        try
        {
            if (!File.Exists(itfPath))
            {
                output.WriteLine($"html report: not written (no counterexample: {result.ResultKind})");
                return;
            }
            var trace = ItfReader.ReadFile(itfPath);
            var description = trace.Meta["description"]?.GetValue<string>();
            var message = result.Message ?? description ?? result.ResultKind;
            var title = $"{Path.GetFileName(specPath)}: {description ?? message}";
            var verdict = new ReportVerdict(result.Violated is { } violated ? $"{result.ResultKind}: {violated}" : description ?? result.ResultKind, message, trace.States.Count - 1);
            var subtitle = new List<string> { $"verify check {specPath}", $"{trace.States.Count} states" };
            if (trace.Loop is { } loop) subtitle.Add($"a lasso: the last state loops back to state {loop + 1}");
            var model = TraceReports.FromItf(trace, title, subtitle, verdict);
            HtmlReport.Write(model, htmlPath);
            output.WriteLine($"html report: {htmlPath} ({trace.States.Count} states; open it in a browser)");
        }
        finally
        {
            File.Delete(itfPath);
        }
    }
}
