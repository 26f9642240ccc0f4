using System.CommandLine;

namespace Verification.Cli.Commands;

public static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "(under construction)");
        command.SetAction(int (_) => throw new UserError("'test' is not built yet", 255));
        return command;
    }
}
