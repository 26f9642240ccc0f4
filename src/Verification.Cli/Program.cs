using Verification.Cli;

// The node processes of `verify run` are this program in a hidden mode, started by the supervisor.
if (args is ["run-node", .. var nodeArgs]) return await Verification.Host.Node.NodeProgram.RunAsync(nodeArgs);

return Cli.Run(VerifyApp.CreateRoot(), args);
