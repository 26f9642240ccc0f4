using System.CommandLine;

namespace Verification.Cli.Commands;

public static class AllCommand
{
    public static Command Create()
    {
        var command = new Command("all", "(under construction)");
        command.SetAction(int (_) => throw new UserError("'all' is not built yet", 255));
        return command;
    }
}
