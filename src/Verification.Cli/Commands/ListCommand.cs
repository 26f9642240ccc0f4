using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Verification.Cli.Explorer;
using Verification.Protocols;
using Verification.Systematic.Engine;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify list`: the registered systems as a table of every part of each (spec, CI model, liveness
/// models, conformance model, refinement mapping, seeded bugs with their budgets), a part it lacks or
/// whose file does not exist marked so; with --json an array of {"name", "family", "spec", "config",
/// "liveness": [paths], "conformance", "mapping": bool, "bugs": [names]} (scripts rely on exactly these keys).
/// </summary>
public static class ListCommand
{
    public static Command Create() => Create(ExplorerSystems.Registered);

    public static Command Create(Func<IReadOnlyList<SystemDefinition>> systems)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var assembly = ExplorerSystems.AssemblyOption();
        var command = new Command("list", "List the systems `verify test` can explore, with their specs, models, mappings and seeded bugs") { json, assembly };
        command.SetAction(int (parse) =>
        {
            var candidates = ExplorerSystems.Select(systems, parse.GetValue(assembly));
            var output = parse.InvocationConfiguration.Output;
            var all = candidates();
            if (parse.GetValue(json)) WriteJson(output, all);
            else WriteTable(output, all, Cli.SystemsRoot());
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
                writer.WriteStartArray("liveness");
                foreach (var config in system.LivenessConfigs) writer.WriteStringValue(config);
                writer.WriteEndArray();
                writer.WriteString("conformance", system.ConformanceConfig);
                writer.WriteBoolean("mapping", ProtocolSystem.MappingOf(system) is not null);
                writer.WriteStartArray("bugs");
                foreach (var bug in system.Bugs) writer.WriteStringValue(bug.Name);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<SystemDefinition> systems, string root)
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
        if (!terminal) console.Profile.Width = 320;
        if (systems.Count == 0)
        {
            console.WriteLine("No systems are registered yet.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("System").AddColumn("Family").AddColumn("Spec").AddColumn("CI model").AddColumn("Liveness")
            .AddColumn("Conformance").AddColumn("Mapping").AddColumn("Seeded bugs (--bug), budgets: monitors / conformance").AddColumn(new TableColumn("Max steps").RightAligned());
        foreach (var system in systems)
        {
            var folder = system.Spec is null ? null : Path.GetDirectoryName(system.Spec);
            // Models in the spec's folder by their file name; a declared file that does not exist is marked.
            string Part(string? path, bool inSpecFolder = true) => path is null ? "none"
                : (inSpecFolder && Path.GetDirectoryName(path) == folder ? Path.GetFileName(path) : path)
                  + (File.Exists(Path.Combine(root, path)) ? "" : " (MISSING)");
            var bugs = system.Bugs.Count == 0 ? "-" : string.Join("\n", system.Bugs.Select(static b => string.Create(CultureInfo.InvariantCulture,
                $"{b.Name} ({b.Budget:N0} / {(b.SeenByConformance ? b.ConformanceBudget.ToString("N0", CultureInfo.InvariantCulture) : "invisible to the spec")})")));
            table.AddRow(
                Markup.Escape(system.Name),
                Markup.Escape(system.Family),
                Markup.Escape(Part(system.Spec, inSpecFolder: false)),
                Markup.Escape(Part(system.Config)),
                Markup.Escape(system.LivenessConfigs.Count == 0 ? "none" : string.Join("\n", system.LivenessConfigs.Select(c => Part(c)))),
                Markup.Escape(Part(system.ConformanceConfig)),
                ProtocolSystem.MappingOf(system) is null ? "none" : "yes",
                Markup.Escape(bugs),
                system.DefaultMaxSteps.ToString("N0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }
}
