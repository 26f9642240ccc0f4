using System.Reflection;
using Verification.Host.Supervision;

namespace Verification.Host.Tests;

/// <summary>
/// Real runs for the tests: node processes of `dotnet verify.dll run-node` (the CLI's build output
/// next to the tests), logs in a fresh temporary folder, a hard bound on the whole run. The
/// supervisor stops every process it started whatever happens, so a failing test leaves none behind.
/// </summary>
internal static class RealRuns
{
    public static string RepositoryRoot { get; } = typeof(RealRuns).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepositoryRoot").Value!;

    public static NodeLauncher Launcher { get; } = NodeLauncher.ForAssembly(Path.Combine(AppContext.BaseDirectory, "verify.dll"));

    public static RunResult Run(string system, int seed, TimeSpan duration, FaultKinds faults, string? bug = null, int clients = 3, string? outDirectory = null)
    {
        var options = new RunOptions
        {
            System = system,
            Seed = seed,
            Duration = duration,
            Faults = faults,
            Bug = bug,
            Clients = clients,
            OutDirectory = outDirectory ?? Directory.CreateTempSubdirectory($"verify-run-{system}-").FullName,
            Launcher = Launcher,
            RepositoryRoot = RepositoryRoot,
        };
        // The bound of the whole run: start-up, the workload, stopping, validation.
        using var bound = new CancellationTokenSource(duration + TimeSpan.FromSeconds(90));
        return new Supervisor(options).RunAsync(bound.Token).GetAwaiter().GetResult();
    }

    /// <summary>The first of the seeds 1..<paramref name="runs"/> whose run ends with exit code 2, or null.</summary>
    public static (int Seed, RunResult Result)? FirstCaught(int runs, Func<int, RunResult> run)
    {
        for (var seed = 1; seed <= runs; seed++)
        {
            var result = run(seed);
            if (result.ExitCode == 2) return (seed, result);
        }
        return null;
    }
}

/// <summary>The real-run tests share the two cores: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealRunCollection
{
    public const string Name = "real runs";
}
