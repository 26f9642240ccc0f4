using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>Bounded exhaustive search: exhaustion is reported, and state hashing prunes without losing bugs.</summary>
public class DfsTests
{
    private static readonly TestConfiguration Dfs = new() { Strategy = "dfs", Iterations = 100_000 };

    [Theory]
    [InlineData("LostUpdateRegister")]
    [InlineData("PingPong")]
    public void Dfs_exhausts_the_fixed_systems_and_says_so(string name)
    {
        var report = Explore.AssertNoBug(TestSystems.Get(name), null, Dfs);
        var dfs = Assert.IsType<DfsSummary>(report.Dfs);
        Assert.True(dfs.Exhausted);
        Assert.True(dfs.PruningActive);
        Assert.True(report.Iterations < Dfs.Iterations);
        Assert.Contains("EXHAUSTED", report.Summary());
    }

    /// <summary>Hides the node's IStateHash, which switches pruning off.</summary>
    private sealed class Opaque(INode inner) : INode
    {
        public void OnStart(INodeContext ctx) => inner.OnStart(ctx);
        public void OnRestart(INodeContext ctx, object? durableState) => inner.OnRestart(ctx, durableState);
        public void OnMessage(INodeContext ctx, int from, object message) => inner.OnMessage(ctx, from, message);
        public void OnTimer(INodeContext ctx, string timer) => inner.OnTimer(ctx, timer);
        public void OnClientRequest(INodeContext ctx, ClientRequest request) => inner.OnClientRequest(ctx, request);
    }

    private static Scenario WithoutHashes(Scenario scenario) => scenario with { CreateNode = id => new Opaque(scenario.CreateNode(id)) };

    [Fact]
    public void Pruning_revisited_states_explores_fewer_schedules_than_the_full_tree()
    {
        var pruned = Explore.AssertNoBug("PingPong", () => PingPongSystem.Create(reorderBuffer: true, reordering: true, pings: 4), Dfs);
        var full = Explore.AssertNoBug("PingPong", () => WithoutHashes(PingPongSystem.Create(reorderBuffer: true, reordering: true, pings: 4)), Dfs);
        Assert.True(pruned.Dfs!.Exhausted);
        Assert.True(full.Dfs!.Exhausted);
        Assert.False(full.Dfs.PruningActive);
        Assert.Contains("no state pruning", full.Summary());
        Assert.True(pruned.Dfs.Schedules * 4 < full.Dfs.Schedules, $"pruned {pruned.Dfs.Schedules} vs full {full.Dfs.Schedules}");
    }

    [Fact]
    public void Pruning_does_not_hide_a_bug_that_the_full_tree_contains()
    {
        var pruned = Explore.AssertFindsBug("PingPong", () => PingPongSystem.Create(reorderBuffer: false, reordering: true, pings: 4), Dfs, "InOrderDelivery");
        var full = Explore.AssertFindsBug("PingPong", () => WithoutHashes(PingPongSystem.Create(reorderBuffer: false, reordering: true, pings: 4)), Dfs, "InOrderDelivery");
        Assert.Equal(full.Message, pruned.Message);
    }

    [Fact]
    public void Dfs_runs_on_one_worker_whatever_parallel_asks()
    {
        var sequential = Explore.AssertNoBug(new PingPongSystem(), null, Dfs);
        var parallel = Explore.AssertNoBug(new PingPongSystem(), null, Dfs with { Parallel = 4 });
        Assert.Equal(sequential.Dfs, parallel.Dfs);
        Assert.Equal(sequential.Steps, parallel.Steps);
    }
}
