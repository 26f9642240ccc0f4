using System.CommandLine;
using Verification.Cli.Commands;

namespace Verification.Cli;

/// <summary>The `verify` command tree; tests invoke it in-process through <see cref="Cli.Run"/>.</summary>
public static class VerifyApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("verify: TLA+ model checking, systematic testing and trace conformance for distributed algorithms");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(AllCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        return root;
    }
}
