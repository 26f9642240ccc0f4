using System.CommandLine;

namespace Verification.Cli.Commands;

public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "(under construction)");
        command.SetAction(int (_) => throw new UserError("'list' is not built yet", 255));
        return command;
    }
}
