using System.CommandLine;
using Verification.Cli.Explorer;
using Verification.Systematic.Engine;
using Verification.Systematic.Strategies;

namespace Verification.Cli.Commands;

/// <summary>
/// `verify replay FILE`: re-runs a schedule recorded by `verify test` exactly (Coyote's `coyote replay`).
/// Exit codes: 2 the bug reproduced, 0 the schedule ran without a bug, 1 bad or foreign file.
/// </summary>
public static class ReplayCommand
{
    public static Command Create() => Create(ExplorerSystems.Registered);

    public static Command Create(Func<IReadOnlyList<SystemDefinition>> systems)
    {
        var file = new Argument<string>("schedule-file") { Description = "A schedule file written by `verify test`" };
        var command = new Command("replay", "Re-run a recorded failing schedule step by step and print its trace") { file };
        command.SetAction(int (parse) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UserError($"{path}: no such schedule file");
            TestReport report;
            try
            {
                var schedule = ScheduleFile.Load(path);
                var system = ExplorerSystems.Find(systems(), schedule.System);
                report = TestingEngine.Replay(system, path);
            }
            catch (ScheduleFormatException e)
            {
                throw new UserError(e.Message);
            }
            catch (ScheduleMismatchException e)
            {
                throw new UserError($"{path}: {e.Message}");
            }
            output.WriteLine($"verify replay {path}: {report.SystemName}{(report.BugName is null ? "" : $" --bug {report.BugName}")}, {report.Strategy}, seed {report.Seed}");
            if (report.Bug is { } bug)
            {
                output.WriteLine(bug.Describe());
                if (report.ExpectedDetector is { } expected && expected != bug.Detector)
                    throw new UserError($"{path}: the schedule recorded a '{expected}' bug but the replay found '{bug.Detector}'");
                return TestCommand.BugFoundExitCode;
            }
            output.WriteLine($"  {report.Steps} steps replayed, no bug");
            if (report.ExpectedDetector is { } missing)
                throw new UserError($"{path}: the recorded '{missing}' bug did not reproduce");
            return 0;
        });
        return command;
    }
}
