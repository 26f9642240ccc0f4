using Verification.Systematic.Runtime;

namespace Verification.Systematic.Strategies;

/// <summary>
/// Bounded exhaustive depth-first search over every choice (event order, Choose values, partition
/// splits), one schedule per iteration, stateless: each iteration replays the current prefix from
/// the initial state, then takes the first untried option at the frontier. When every live node
/// implements <see cref="IStateHash"/>, a run stops as soon as it reaches a world state already
/// explored at the same or a smaller depth (that subtree has been or is being covered). The
/// search is exhausted when no untried option remains within the step bound.
/// </summary>
internal sealed class DfsStrategy : ISchedulingStrategy
{
    private struct ChoicePoint
    {
        public int Options;
        public int Taken;
    }

    private readonly List<ChoicePoint> _stack = new();
    private readonly Dictionary<ulong, long> _visited = new();
    private int _position;
    private bool _started;

    public string Description => "dfs";
    public bool IsFair => false;
    public bool Exhausted { get; private set; }
    public long Schedules { get; private set; }
    public long PrunedRuns { get; private set; }
    public int DistinctStates => _visited.Count;
    public bool PruningActive { get; private set; }

    public bool PrepareIteration(long iteration, ulong seed, int maxSteps)
    {
        if (_started && !Backtrack())
        {
            Exhausted = true;
            return false;
        }
        _started = true;
        _position = 0;
        Schedules++;
        return true;
    }

    /// <summary>Advances the deepest choice point that has an untried option; false when none is left.</summary>
    private bool Backtrack()
    {
        while (_stack.Count > 0)
        {
            var top = _stack[^1];
            if (top.Taken + 1 < top.Options)
            {
                top.Taken++;
                _stack[^1] = top;
                return true;
            }
            _stack.RemoveAt(_stack.Count - 1);
        }
        return false;
    }

    public int NextEvent(ReadOnlySpan<EnabledEvent> enabled, IScheduleView world)
    {
        if (_position >= _stack.Count)
        {
            // At the frontier: a state already explored at this depth or shallower needs no second visit.
            var hash = world.StateHash();
            if (hash is { } h)
            {
                PruningActive = true;
                if (_visited.TryGetValue(h, out var depth) && depth <= world.Step)
                {
                    PrunedRuns++;
                    return -1;
                }
                _visited[h] = world.Step;
            }
        }
        return Next(enabled.Length);
    }

    public int NextInteger(int count) => Next(count);

    public long NextPartition(int nodeCount)
    {
        var splits = Partitions.SplitCount(nodeCount);
        return Partitions.MaskOf(Next((int)Math.Min(splits, int.MaxValue)));
    }

    private int Next(int options)
    {
        if (_position < _stack.Count)
        {
            var point = _stack[_position++];
            if (point.Options != options)
                throw new InvalidOperationException(
                    $"nondeterminism: replaying the DFS prefix found {options} options at choice {_position} where the first run found {point.Options}; nodes must take every nondeterministic choice through INodeContext");
            return point.Taken;
        }
        _stack.Add(new ChoicePoint { Options = options, Taken = 0 });
        _position++;
        return 0;
    }
}
