using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Cli.Commands;

namespace Verification.Cli.Tests.Reports;

/// <summary>Reports of real runs, written once per test run by `verify test ... --html` in process (fixed seeds).</summary>
public static partial class ReportRuns
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "reports");

    private static readonly Lazy<string> RaftBugReport = new(() => Write("raft-commit-old-term.html", "test", "Raft", "--bug", "commit-old-term", "--iterations", "5000", "--seed", "1"));
    private static readonly Lazy<string> PaxosConformanceReport = new(() => Write("paxos-forget-promise-conformance.html", "test", "Paxos", "--bug", "forget-promise", "--conformance", "--iterations", "1000", "--seed", "1"));
    private static readonly Lazy<string> FifoCorrectReport = new(() => Write("fifo-broadcast-no-bug.html", "test", "FifoBroadcast", "--iterations", "3", "--seed", "1"));

    private static readonly Lazy<string> DuplicateDeliveryReport = new(() => Write("best-effort-deliver-duplicates.html", "test", "BestEffortBroadcast", "--bug", "deliver-duplicates", "--iterations", "200", "--seed", "1"));

    private static readonly Lazy<string> LinearizabilityReport = new(() => Write("raftkv-local-read.html", "test", "RaftKv", "--bug", "local-read", "--iterations", "2000", "--seed", "1"));

    /// <summary>A KV history that is not linearizable (a read served from a stale leader's state).</summary>
    public static string Linearizability => LinearizabilityReport.Value;

    /// <summary>A broadcast bug: a duplicated message delivered twice, the monitor failing on the delivery's step.</summary>
    public static string DuplicateDelivery => DuplicateDeliveryReport.Value;

    /// <summary>A Raft safety bug after ~70 steps, with drops, partitions and in-flight messages.</summary>
    public static string RaftBug => RaftBugReport.Value;

    /// <summary>A conformance rejection (the trace leaves Paxos's spec).</summary>
    public static string PaxosConformance => PaxosConformanceReport.Value;

    /// <summary>A correct run: the first explored schedule of a broadcast protocol.</summary>
    public static string FifoCorrect => FifoCorrectReport.Value;

    public static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new RootCommand("verify (report tests)");
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Write(string name, params string[] args)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        var (exit, output, error) = Verify([.. args, "--report-dir", Path.Combine(Folder, "schedules"), "--html", path]);
        Assert.True(exit is 0 or 2, $"exit {exit}: {error}\n{output}");
        Assert.Contains($"html report: {path}", output);
        return path;
    }

    /// <summary>The JSON the page embeds.</summary>
    public static JsonElement Data(string html)
    {
        var match = DataElement().Match(html);
        Assert.True(match.Success, "the page has no report-data script element");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script id=\"report-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataElement();
}

/// <summary>Reports of TLA+ behaviours: TLC-style counterexamples (`verify check -dumpTrace html`) and validated traces.</summary>
public static class TraceReportRuns
{
    public static string Kit(string entry) => Path.Combine(RepositoryRoot, "tests", "Verification.Tla.Tests", "Kit", entry, entry + ".tla");

    public static string RepositoryRoot { get; } = typeof(TraceReportRuns).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly Lazy<string> InvariantReport = new(() => Check("PetersonBug", "peterson-bug-invariant.html", 12));
    private static readonly Lazy<string> LassoReport = new(() => Check("LeadsToNoFair", "leads-to-lasso.html", 13));

    /// <summary>An invariant counterexample (mutual exclusion broken).</summary>
    public static string Invariant => InvariantReport.Value;

    /// <summary>A liveness counterexample: a lasso.</summary>
    public static string Lasso => LassoReport.Value;

    public static (int Exit, string Out, string Err) Verify(params string[] args)
    {
        var root = new System.CommandLine.RootCommand("verify (report tests)");
        root.Subcommands.Add(Commands.CheckCommand.Create());
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Check(string entry, string name, int expectedExit)
    {
        Directory.CreateDirectory(ReportRuns.Folder);
        var path = Path.Combine(ReportRuns.Folder, name);
        var (exit, output, error) = Verify("check", Kit(entry), "-dumpTrace", "html", path);
        Assert.True(exit == expectedExit, $"exit {exit}: {error}\n{output}");
        Assert.Contains($"html report: {path}", output);
        return path;
    }
}
