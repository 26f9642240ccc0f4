using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Verification.Host.Supervision;

/// <summary>How to start a node process: the program and the arguments before the node's own (e.g. `dotnet verify.dll run-node`).</summary>
public sealed record NodeLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>This very program in its hidden node mode (`verify run-node`), however it was started (apphost or `dotnet verify.dll`).</summary>
    public static NodeLauncher ForEntryAssembly(string command = "run-node")
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && entry is not null
            ? new NodeLauncher(process, [entry, command])
            : new NodeLauncher(process, [command]);
    }

    /// <summary>`dotnet DLL run-node`: for callers that are not the verify program themselves (tests).</summary>
    public static NodeLauncher ForAssembly(string dll) => new("dotnet", [dll, "run-node"]);
}

/// <summary>A node process that could not be started (it exited or stayed silent before listening).</summary>
public sealed class NodeStartException(string message) : Exception(message);

/// <summary>One node's OS process: started, fed commands on stdin, its stdout lines handed to the supervisor, killed with SIGKILL.</summary>
internal sealed class NodeProcess(int node, NodeLauncher launcher, IReadOnlyList<string> arguments, Action<int, JsonObject> onMessage, Action<string> onError)
{
    private readonly Lock _lock = new();
    private Process? _process;
    private TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Node => node;

    public bool IsUp
    {
        get
        {
            lock (_lock) return _process is { HasExited: false };
        }
    }

    public int Incarnations { get; private set; }

    /// <summary>Starts the process and waits for the port it listens on.</summary>
    public async Task<int> StartAsync(CancellationToken cancel)
    {
        var info = new ProcessStartInfo(launcher.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launcher.Arguments) info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_TieredPGO"] = "0";
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line) return;
            JsonObject message;
            try
            {
                message = JsonNode.Parse(line)!.AsObject();
            }
            catch (System.Text.Json.JsonException)
            {
                onError($"n{node + 1}: {line}");
                return;
            }
            if ((string?)message["t"] == "port") port.TrySetResult((int)message["port"]!);
            else onMessage(node, message);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line) onError($"n{node + 1}: {line}");
        };
        process.Exited += (_, _) => port.TrySetException(new NodeStartException($"node n{node + 1} exited (code {process.ExitCode}) before it listened; its standard error is printed above"));
        lock (_lock)
        {
            _process = process;
            _port = port;
            process.Start();
            Incarnations++;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return await port.Task.WaitAsync(StartTimeout, cancel);
        }
        catch (TimeoutException)
        {
            throw new NodeStartException($"node n{node + 1} did not listen within {StartTimeout.TotalSeconds:0} s of its start");
        }
    }

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public int Port => _port.Task.IsCompletedSuccessfully ? _port.Task.Result : 0;

    /// <summary>Writes one command line; lost when the process is down (as a request to a crashed node is).</summary>
    public bool Send(JsonObject command)
    {
        lock (_lock)
        {
            if (_process is not { HasExited: false } process) return false;
            try
            {
                process.StandardInput.WriteLine(command.ToJsonString());
                process.StandardInput.Flush();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        Process? process;
        lock (_lock) process = _process;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Asks the node to stop, then kills it if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Process? process;
        lock (_lock) process = _process;
        if (process is null) return;
        Send(new JsonObject { ["t"] = "stop" });
        try
        {
            using var timeout = new CancellationTokenSource(grace);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Kill();
        process.Dispose();
        lock (_lock) _process = null;
    }
}
