using System.Runtime.CompilerServices;
using Verification.Cli;

// The node processes of `verify run` are this program in a hidden mode, started by the supervisor.
if (args is ["run-node", .. var nodeArgs]) return await RunNode(nodeArgs);

if (Environment.GetEnvironmentVariable("VERIFY_TRACE_LOADS") == "1")
    AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Console.Error.WriteLine($"LOAD {e.LoadedAssembly.GetName().Name}\n{Environment.StackTrace}");

return Cli.Run(VerifyApp.CreateRoot(), args);

// A method of its own, so that the checker's start-up does not load the host's assembly to compile Main.
[MethodImpl(MethodImplOptions.NoInlining)]
static Task<int> RunNode(string[] nodeArgs) => Verification.Host.Node.NodeProgram.RunAsync(nodeArgs);
