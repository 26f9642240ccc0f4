using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>
/// Coyote's default portfolio: iteration i uses member i mod m (random, probabilistic(3), PCT with
/// 10 change points, delay-bounding(10)), so a campaign gets the strengths of each.
/// </summary>
internal sealed class PortfolioStrategy(IReadOnlyList<ISchedulingStrategy> members) : ISchedulingStrategy
{
    private ISchedulingStrategy _current = members[0];

    public IReadOnlyList<ISchedulingStrategy> Members => members;
    public string Description => "portfolio(" + string.Join(", ", members.Select(m => m.Description)) + ")";

    /// <summary>The member running the current iteration.</summary>
    public ISchedulingStrategy Current => _current;

    public bool IsFair => _current.IsFair;

    public bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _current = members[(int)(iteration % members.Count)];
        return _current.PrepareIteration(iteration, seed, maxSteps);
    }

    public int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world) => _current.NextEvent(enabled, world);
    public int NextInteger(int count) => _current.NextInteger(count);
    public long NextPartition(int nodeCount) => _current.NextPartition(nodeCount);
}
