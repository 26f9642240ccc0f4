using System.CommandLine;

namespace Verification.Cli.Commands;

public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "(under construction)");
        command.SetAction(int (_) => throw new UserError("'check' is not built yet", 255));
        return command;
    }
}
