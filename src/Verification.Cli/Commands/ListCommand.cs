using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Verification.Cli.Explorer;
using Verification.Systematic.Engine;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify list`: the registered systems as a table, or with --json as an array of
/// {"name", "family", "spec", "config", "bugs": [names]} (scripts rely on exactly these keys).
/// </summary>
public static class ListCommand
{
    public static Command Create() => Create(ExplorerSystems.Registered);

    public static Command Create(Func<IReadOnlyList<SystemDefinition>> systems)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var command = new Command("list", "List the systems `verify test` can explore, with their specs and seeded bugs") { json };
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var all = systems();
            if (parse.GetValue(json)) WriteJson(output, all);
            else WriteTable(output, all);
            return 0;
        });
        return command;
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<SystemDefinition> systems)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var system in systems)
            {
                writer.WriteStartObject();
                writer.WriteString("name", system.Name);
                writer.WriteString("family", system.Family);
                writer.WriteString("spec", system.Spec);
                writer.WriteString("config", system.Config);
                writer.WriteStartArray("bugs");
                foreach (var bug in system.Bugs) writer.WriteStringValue(bug.Name);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<SystemDefinition> systems)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Without a terminal Spectre assumes 80 columns, which wraps every path; logs can be wide.
        if (!terminal) console.Profile.Width = 200;
        if (systems.Count == 0)
        {
            console.WriteLine("No systems are registered yet.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("System").AddColumn("Family").AddColumn("Spec").AddColumn("Config").AddColumn("Seeded bugs (--bug)").AddColumn(new TableColumn("Max steps").RightAligned());
        foreach (var system in systems)
        {
            var bugs = system.Bugs.Count == 0 ? "-" : string.Join("\n", system.Bugs.Select(b => b.Name));
            table.AddRow(
                Markup.Escape(system.Name),
                Markup.Escape(system.Family),
                Markup.Escape(system.Spec ?? "-"),
                Markup.Escape(system.Config ?? "-"),
                Markup.Escape(bugs),
                system.DefaultMaxSteps.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }
}
