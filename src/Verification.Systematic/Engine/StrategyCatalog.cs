using Verification.Systematic.Strategies;

namespace Verification.Systematic.Engine;

/// <summary>Strategy names (Coyote's, where Coyote has one) and their defaults.</summary>
public static class StrategyCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["random", "probabilistic", "pct", "fair-pct", "pos", "delay-bounding", "dfs", "portfolio"];

    public const int DefaultPctDepth = 3;
    public const int DefaultCoinFlips = 3;
    public const int DefaultDelays = 10;

    /// <summary>Coyote's portfolio runs PCT with 10 priority change points, i.e. depth 11.</summary>
    public const int PortfolioPctDepth = 11;

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>One line listing the strategies, for error messages.</summary>
    public static string Describe() => string.Join(", ", Names);

    internal static bool NeedsHorizon(string name) => name is "pct" or "fair-pct" or "delay-bounding" or "portfolio";

    internal static ISchedulingStrategy Create(string name, int? bound, int horizon, int maxSteps) => name switch
    {
        "random" => new RandomStrategy(),
        "probabilistic" => new ProbabilisticStrategy(bound ?? DefaultCoinFlips),
        "pct" => new PctStrategy(bound ?? DefaultPctDepth, horizon),
        "fair-pct" => new FairPctStrategy(bound ?? DefaultPctDepth, horizon, maxSteps),
        "pos" => new PosStrategy(),
        "delay-bounding" => new DelayBoundingStrategy(bound ?? DefaultDelays, horizon),
        "dfs" => new DfsStrategy(),
        "portfolio" => new PortfolioStrategy(
        [
            new RandomStrategy(),
            new ProbabilisticStrategy(DefaultCoinFlips),
            new PctStrategy(PortfolioPctDepth, horizon),
            new DelayBoundingStrategy(DefaultDelays, horizon),
        ]),
        _ => throw new ArgumentException($"unknown strategy '{name}' (expected one of: {Describe()})"),
    };
}
