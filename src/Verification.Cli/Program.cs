using Verification.Cli;

return Cli.Run(VerifyApp.CreateRoot(), args);
