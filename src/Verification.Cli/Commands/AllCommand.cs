using System.CommandLine;
using Spectre.Console;
using Verification.Cli.All;
using Verification.Cli.Explorer;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify all`: the main job. Checks everything the suite can check with default budgets and ends
/// with a summary table; exits 0 only when every check gave the expected answer.
/// </summary>
public static class AllCommand
{
    public static Command Create()
    {
        var iterations = new Option<int?>("--iterations", "-i") { Description = "Schedules explored per correct system (default: the system's own budget)" };
        var bugIterations = new Option<int?>("--bug-iterations") { Description = "Schedules allowed for finding each seeded bug (default: the budget the bug declares)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every campaign", DefaultValueFactory = _ => 1UL };
        var only = new Option<string?>("--only") { Description = "Only the systems whose name contains this text (skips the kit)" };
        var noKit = new Option<bool>("--no-kit") { Description = "Skip the TLC conformance kit" };
        var noBugs = new Option<bool>("--no-bugs") { Description = "Skip the seeded-bug hunts" };
        var noModelCheck = new Option<bool>("--no-model-check") { Description = "Skip model checking the systems' specs" };
        var conformanceIterations = new Option<int?>("--conformance-iterations") { Description = "Schedules validated against the spec per system (default: the system's own budget)" };
        var bugConformanceIterations = new Option<int?>("--bug-conformance-iterations") { Description = "Schedules allowed for conformance alone to expose each seeded bug (default: the budget the bug declares)" };
        var markdown = new Option<string?>("--markdown")
        {
            Description = "Also write README.md's measured tables (systems and seeded bugs, conformance and bug hunts, the count of checks) to this Markdown file",
        };
        var assembly = ExplorerSystems.AssemblyOption();
        var command = new Command("all", "Check everything: the TLC kit, every spec (safety and liveness), every implementation and its seeded bugs")
        {
            iterations, bugIterations, seed, only, noKit, noBugs, noModelCheck, conformanceIterations, bugConformanceIterations, markdown, assembly,
        };
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var settings = new AllSettings
            {
                Iterations = Positive(parse.GetValue(iterations), "--iterations"),
                BugIterations = Positive(parse.GetValue(bugIterations), "--bug-iterations"),
                Seed = parse.GetValue(seed),
                Only = parse.GetValue(only),
                // The kit checks the TLA+ checker itself, not a user's systems.
                IncludeKit = !parse.GetValue(noKit) && parse.GetValue(assembly) is null,
                IncludeBugs = !parse.GetValue(noBugs),
                IncludeModelChecks = !parse.GetValue(noModelCheck),
                ConformanceIterations = Positive(parse.GetValue(conformanceIterations), "--conformance-iterations"),
                BugConformanceIterations = Positive(parse.GetValue(bugConformanceIterations), "--bug-conformance-iterations"),
            };
            var markdownPath = parse.GetValue(markdown);
            // Checked first: a long run must not end in a write error.
            if (markdownPath is not null) WriteMarkdown(markdownPath, "");
            var systems = parse.GetValue(assembly) is { } path ? ExplorerSystems.FromAssembly(path) : ExplorerSystems.Registered();
            if (settings.Only is { } filter && !systems.Any(s => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
                throw new UserError($"no registered system matches '{filter}' (see `verify list`)");

            var job = new AllJob(Cli.SystemsRoot(), settings, output);
            var rows = job.Run(systems);
            PrintSummary(rows, output);
            if (markdownPath is not null)
            {
                var selected = systems.Where(s => settings.Only is not { } o || s.Name.Contains(o, StringComparison.OrdinalIgnoreCase)).ToList();
                WriteMarkdown(markdownPath, ReadmeTables.Format(selected, rows, job.ConformanceFacts, job.BugHunts, settings));
                output.WriteLine($"README tables written to {markdownPath}");
            }
            return rows.All(r => r.Passed) ? 0 : 1;
        });
        return command;
    }

    private static void WriteMarkdown(string path, string text)
    {
        try
        {
            if (Directory.Exists(path)) throw new IOException("it is a folder");
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserError($"--markdown {path}: cannot write the file: {e.Message}");
        }
    }

    private static int? Positive(int? value, string option) =>
        value is null or > 0 ? value : throw new UserError($"{option} must be positive, not {value}");

    private static void PrintSummary(IReadOnlyList<AllRow> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        // Redirected output (CI logs) has no width; Spectre would wrap the table at 80 columns.
        if (output != Console.Out || Console.IsOutputRedirected) console.Profile.Width = 200;
        var table = new Table().Title("verify all").AddColumns("area", "system", "check", "result", "detail", "time");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Area), Markup.Escape(row.Item), Markup.Escape(row.Check),
                row.Passed ? "[green]pass[/]" : "[red]FAIL[/]",
                Markup.Escape(row.Detail), $"{row.Elapsed.TotalSeconds:F1} s");
        }
        console.Write(table);
        var failed = rows.Count(r => !r.Passed);
        output.WriteLine(failed == 0
            ? $"{rows.Count} passed, 0 failed"
            : $"{rows.Count - failed} passed, {failed} failed");
    }
}
