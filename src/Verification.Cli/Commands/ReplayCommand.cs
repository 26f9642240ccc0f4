using System.CommandLine;

namespace Verification.Cli.Commands;

public static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "(under construction)");
        command.SetAction(int (_) => throw new UserError("'replay' is not built yet", 255));
        return command;
    }
}
