using System.Diagnostics;
using Verification.Cli.Tests.Reports;
using CommandLine = Verification.Cli.Cli;

namespace Verification.Cli.Tests.Samples;

/// <summary>
/// A system that lives outside the suite (samples/TwoPhaseCommit) builds on the PACKED libraries, as a
/// user's project would, and `verify --assembly` finds its seeded bugs, passes the correct system and
/// validates its runs against its spec. The sample is copied to a temporary folder with the packages
/// packed from this build (`dotnet pack --no-build`), and restored into a package cache of its own, so
/// that neither the repository nor the user's NuGet cache is touched.
/// </summary>
public sealed class OutOfTreeSampleTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string Samples = Path.Combine(TraceReportRuns.RepositoryRoot, "samples");

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"verify-sample-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void The_two_phase_commit_sample_builds_on_the_packed_packages_and_verify_assembly_checks_it()
    {
        var samples = Path.Combine(_work, "samples");
        CopySample(samples);
        foreach (var library in new[] { "Tla", "Systematic", "Protocols" })
            Dotnet("pack", Path.Combine(TraceReportRuns.RepositoryRoot, "src", $"Verification.{library}"), "-c", Configuration, "--no-build", "-o", Path.Combine(samples, "packages"));
        Dotnet("build", Path.Combine(samples, "TwoPhaseCommit"), "-c", "Debug");
        var dll = Path.Combine(samples, "TwoPhaseCommit", "bin", "Debug", "net10.0", "TwoPhaseCommit.dll");

        var (listed, list, _) = Verify("list", "--assembly", dll);
        Assert.Equal(0, listed);
        Assert.Contains("forget-prepared-on-restart", list);
        foreach (var bug in new[] { "commit-on-partial-votes", "forget-prepared-on-restart" })
        {
            var (found, output, error) = Verify("test", "--assembly", dll, "TwoPhaseCommit", "--bug", bug, "--iterations", "200", "--seed", "1", "--report-dir", _work);
            Assert.True(found == 2, $"--bug {bug}: exit {found}\n{output}\n{error}");
            // The report's replay command, as printed, finds the system in the user's assembly and reproduces the bug.
            var replay = output.Split('\n').Select(static l => l.Trim()).Single(static l => l.StartsWith("replay: verify replay ", StringComparison.Ordinal));
            Assert.Contains($"--assembly {Path.GetFullPath(dll)}", replay);
            var replayArguments = replay["replay: verify ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (replayed, replayOutput, replayError) = Verify(replayArguments);
            Assert.True(replayed == 2, $"{replay}: exit {replayed}\n{replayOutput}\n{replayError}");
        }
        var (correct, correctOutput, correctError) = Verify("test", "--assembly", dll, "TwoPhaseCommit", "--iterations", "200", "--seed", "1", "--conformance");
        Assert.True(correct == 0, $"exit {correct}\n{correctOutput}\n{correctError}");
        Assert.Contains("200 traces", correctOutput);
        // Model check, exploration, conformance and both bugs, by monitors and by conformance alone, within their budgets.
        var (all, allOutput, allError) = Verify("all", "--assembly", dll);
        Assert.True(all == 0, $"exit {all}\n{allOutput}\n{allError}");
        Assert.Contains("5 passed, 0 failed", allOutput);
    }

    [Theory]
    [InlineData("no-such.dll", "file not found")]
    [InlineData("README.md", "not a .NET assembly")]
    public void A_path_that_is_no_assembly_is_one_clear_error(string path, string message)
    {
        var (exit, _, error) = Verify("test", "--assembly", Path.Combine(TraceReportRuns.RepositoryRoot, path), "TwoPhaseCommit");
        Assert.Equal(1, exit);
        Assert.Contains($"{path}: {message}", error);
        Assert.DoesNotContain(" at ", error);
    }

    [Fact]
    public void An_assembly_without_systems_is_one_clear_error()
    {
        var (exit, _, error) = Verify("list", "--assembly", typeof(Systematic.Engine.SystemDefinition).Assembly.Location);
        Assert.Equal(1, exit);
        Assert.Contains("the assembly declares no system", error);
    }

    private void CopySample(string target)
    {
        foreach (var file in new[] { "nuget.config", "Directory.Build.props" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(Samples, file), Path.Combine(target, file));
        }
        var source = Path.Combine(Samples, "TwoPhaseCommit");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj") continue;
            var copy = Path.Combine(target, "TwoPhaseCommit", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>Runs the dotnet CLI (no build servers left behind); a failure shows its output. The time bound only stops a hung build.</summary>
    private void Dotnet(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _work,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-p:UseSharedCompilation=false");
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish");
        }
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)}: exit {process.ExitCode}\n{output.Result}\n{error.Result}");
    }

    private static (int ExitCode, string Output, string Error) Verify(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(VerifyApp.CreateRoot(), args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
