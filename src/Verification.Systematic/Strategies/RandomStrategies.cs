using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>Coyote's <c>random</c>: every step picks an enabled event uniformly. Fair.</summary>
internal class RandomStrategy : ISchedulingStrategy
{
    protected readonly Prng Random = new(0);

    public virtual string Description => "random";
    public virtual bool IsFair => true;

    public virtual bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        Random.Reseed(seed);
        return true;
    }

    public virtual int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world) => Random.Next(enabled.Length);

    public int NextInteger(int count) => Random.Next(count);

    public long NextPartition(int nodeCount) => Partitions.MaskOf(Random.NextInt64(Partitions.SplitCount(nodeCount)));
}

/// <summary>
/// Coyote's <c>probabilistic</c> (sticky random): keep running events of the node that ran last,
/// and switch to a uniformly chosen event only when <c>n</c> coin flips all come up 0 (probability
/// 2^-n). Long runs of one node expose bugs that need a node to race ahead. Fair.
/// </summary>
internal sealed class ProbabilisticStrategy(int coinFlips) : RandomStrategy
{
    private int _lastNode = -1;
    private int[] _sameNode = new int[16];

    public int CoinFlips { get; } = coinFlips;
    public override string Description => $"probabilistic(n={CoinFlips})";

    public override bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        _lastNode = -1;
        return base.PrepareIteration(iteration, seed, maxSteps);
    }

    public override int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        if (_lastNode >= 0 && !ShouldSwitch())
        {
            if (_sameNode.Length < enabled.Length) _sameNode = new int[enabled.Length * 2];
            var count = 0;
            for (var i = 0; i < enabled.Length; i++)
                if (enabled[i].Key.Node == _lastNode) _sameNode[count++] = i;
            if (count > 0) return Remember(enabled, _sameNode[Random.Next(count)]);
        }
        return Remember(enabled, Random.Next(enabled.Length));
    }

    private bool ShouldSwitch()
    {
        for (var flip = 0; flip < CoinFlips; flip++)
            if (Random.NextBool()) return false;
        return true;
    }

    private int Remember(ReadOnlySpan<EnabledEvent> enabled, int index)
    {
        _lastNode = enabled[index].Key.Node;
        return index;
    }
}
