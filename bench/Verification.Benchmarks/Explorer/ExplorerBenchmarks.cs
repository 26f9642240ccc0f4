using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Verification.Systematic.Engine;

namespace Verification.Benchmarks.Explorer;

/// <summary>
/// Explorer throughput on a protocol-sized workload (5-node eager reliable broadcast with faults and
/// per-step monitors): a fixed campaign per strategy, on one worker and on all cores. The extra
/// columns turn the mean time into steps/s and iterations/s (the campaign's step count is
/// deterministic, so it is measured once in the host process).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class ExplorerThroughputBenchmarks
{
    public const int Iterations = 100;

    [Params("random", "pct", "pos", "dfs")]
    public string Strategy { get; set; } = "random";

    [Params(1, 0)]
    public int Workers { get; set; } = 1;

    internal static TestConfiguration Configuration(string strategy, int workers) => new()
    {
        Strategy = strategy,
        Iterations = Iterations,
        Seed = 1,
        Parallel = workers == 0 ? Environment.ProcessorCount : workers,
        DeterminismCheck = false,
    };

    [Benchmark]
    public long Campaign() => TestingEngine.Run(new BroadcastWorkloadSystem(), null, Configuration(Strategy, Workers)).Steps;

    private static readonly ConcurrentDictionary<string, TestReport> Measured = new();

    internal static TestReport ReportOf(string strategy) =>
        Measured.GetOrAdd(strategy, s => TestingEngine.Run(new BroadcastWorkloadSystem(), null, Configuration(s, 1)));

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddColumn(new RateColumn("Steps/s", report => report.Steps), new RateColumn("Iterations/s", report => report.Iterations));
            AddColumn(new RateColumn("Steps/iteration", report => report.Steps / (double)report.Iterations, perSecond: false));
        }
    }

    private sealed class RateColumn(string name, Func<TestReport, double> amount, bool perSecond = true) : IColumn
    {
        public string Id => nameof(RateColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => perSecond ? $"{name} of the whole campaign (all workers)" : name;
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var strategy = (string)benchmarkCase.Parameters["Strategy"];
            var value = amount(ReportOf(strategy));
            if (!perSecond) return value.ToString("N0", CultureInfo.InvariantCulture);
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (value / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }
    }
}
