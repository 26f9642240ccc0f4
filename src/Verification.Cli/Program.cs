using System.CommandLine;
using Verification.Cli;
using Verification.Cli.Commands;

var root = new RootCommand("verify: TLA+ model checking, systematic testing and trace conformance for distributed algorithms");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(AllCommand.Create());
return Cli.Run(root, args);
